/**
 * Internals shared by the fleet's packages. Not API: other modules must not use them.
 */
@NullMarked
package dev.chargestorm.fleet.internal;

import org.jspecify.annotations.NullMarked;
