/**
 * OCPP 1.6 payloads as validated records, and the action catalogue.
 */
@NullMarked
package dev.chargestorm.sut.ocpp.message;

import org.jspecify.annotations.NullMarked;
