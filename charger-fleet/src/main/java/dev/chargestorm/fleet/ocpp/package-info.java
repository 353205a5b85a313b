/**
 * OCPP-J 1.6 framing: CALL, CALLRESULT and CALLERROR as records, and their JSON text.
 */
@NullMarked
package dev.chargestorm.fleet.ocpp;

import org.jspecify.annotations.NullMarked;
