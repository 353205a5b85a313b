package dev.chargestorm.sut.ocpp.frame;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One OCPP-J RPC frame: {@code [2, id, action, payload]}, {@code [3, id, payload]} or
 * {@code [4, id, errorCode, errorDescription, errorDetails]}.
 */
public sealed interface OcppFrame {

	/** @return the message id that correlates a CALL with its answer */
	String messageId();

	/**
	 * A request.
	 * @param messageId unique among the sender's CALLs on the connection
	 * @param action the case-sensitive action name
	 * @param payload the request payload (an object)
	 */
	record Call(String messageId, String action, JsonNode payload) implements OcppFrame {
	}

	/**
	 * A successful answer to a CALL.
	 * @param messageId the id of the CALL it answers
	 * @param payload the response payload
	 */
	record CallResult(String messageId, JsonNode payload) implements OcppFrame {
	}

	/**
	 * A failed answer to a CALL.
	 * @param messageId the id of the CALL it answers ({@code "-1"} when that id could not be read)
	 * @param errorCode the error code
	 * @param errorDescription a description for people; empty when there is nothing to say
	 * @param errorDetails details as an object; empty when there are none
	 */
	record CallError(String messageId, ErrorCode errorCode, String errorDescription,
			ObjectNode errorDetails) implements OcppFrame {

		/** The message id used when the id of the offending frame could not be read. */
		public static final String UNKNOWN_MESSAGE_ID = "-1";

		public static CallError of(String messageId, ErrorCode errorCode, String errorDescription) {
			return new CallError(messageId, errorCode, errorDescription, JsonNodeFactory.instance.objectNode());
		}

	}

}
