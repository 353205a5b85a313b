/**
 * Node identity (id, zone, role) and the {@code /admin/node} endpoint.
 */
@NullMarked
package dev.chargestorm.sut.node;

import org.jspecify.annotations.NullMarked;
