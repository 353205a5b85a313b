/**
 * Charge points: registration, authentication, boot, presence and connector status.
 */
@NullMarked
package dev.chargestorm.sut.chargepoint;

import org.jspecify.annotations.NullMarked;
