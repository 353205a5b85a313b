package dev.chargestorm.fleet.ocpp;

import tools.jackson.databind.node.ObjectNode;

/**
 * One OCPP-J RPC frame (OCPP-J 1.6 section 4): a CALL, its CALLRESULT or its CALLERROR.
 */
public sealed interface Frame {

    /** The unique id that ties a CALLRESULT or CALLERROR to its CALL. */
    String uniqueId();

    /** {@code [2, uniqueId, action, payload]}. */
    record Call(String uniqueId, String action, ObjectNode payload) implements Frame {
    }

    /** {@code [3, uniqueId, payload]}. */
    record CallResult(String uniqueId, ObjectNode payload) implements Frame {
    }

    /** {@code [4, uniqueId, errorCode, errorDescription, errorDetails]}. */
    record CallError(String uniqueId, String errorCode, String errorDescription, ObjectNode errorDetails)
            implements Frame {
    }
}
