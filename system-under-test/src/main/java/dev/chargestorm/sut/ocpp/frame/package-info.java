/**
 * OCPP-J RPC frames (CALL, CALLRESULT, CALLERROR) and their strict parsing.
 */
@NullMarked
package dev.chargestorm.sut.ocpp.frame;

import org.jspecify.annotations.NullMarked;
