/**
 * The ChargeStorm system under test: an OCPP 1.6J central system and operator API.
 */
@NullMarked
package dev.chargestorm.sut;

import org.jspecify.annotations.NullMarked;
