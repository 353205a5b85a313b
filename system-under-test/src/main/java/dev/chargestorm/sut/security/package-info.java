/**
 * Protection of the admin API and the actuator.
 */
@NullMarked
package dev.chargestorm.sut.security;

import org.jspecify.annotations.NullMarked;
