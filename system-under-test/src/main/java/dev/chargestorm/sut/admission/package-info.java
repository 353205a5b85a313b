/**
 * Admission control at the OCPP handshake: a token bucket on upgrades and a bound on concurrent
 * connect-path database work.
 */
@NullMarked
package dev.chargestorm.sut.admission;

import org.jspecify.annotations.NullMarked;
