package dev.chargestorm.sut.ocpp.frame;

import dev.chargestorm.sut.ocpp.frame.OcppFrame.Call;
import dev.chargestorm.sut.ocpp.frame.OcppFrame.CallError;
import dev.chargestorm.sut.ocpp.frame.OcppFrame.CallResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes OCPP-J frames. Reading never throws: every input becomes a frame, a CALLERROR
 * to send back, or a documented reason to ignore it.
 */
public final class FrameCodec {

	/** Longest message id OCPP-J allows (room for a GUID). */
	public static final int MAX_MESSAGE_ID_LENGTH = 36;

	private static final int CALL = 2;

	private static final int CALL_RESULT = 3;

	private static final int CALL_ERROR = 4;

	private final JsonMapper mapper;

	public FrameCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Parses one text frame.
	 * @param text the frame as received
	 * @return what was read
	 */
	public Inbound read(String text) {
		JsonNode root;
		try {
			root = mapper.readTree(text);
		}
		catch (JacksonException ex) {
			return reject(CallError.UNKNOWN_MESSAGE_ID, ErrorCode.FormationViolation,
					"Frame is not valid JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isArray()) {
			return reject(CallError.UNKNOWN_MESSAGE_ID, ErrorCode.FormationViolation,
					"Frame must be a JSON array [MessageTypeId, UniqueId, ...] but was " + describe(root));
		}
		ArrayNode array = (ArrayNode) root;
		if (array.isEmpty() || !array.get(0).isIntegralNumber()) {
			return reject(readableId(array), ErrorCode.FormationViolation,
					"First element must be the MessageTypeId (2, 3 or 4) but was "
							+ (array.isEmpty() ? "missing" : describe(array.get(0))));
		}
		int type = array.get(0).asInt();
		if (type != CALL && type != CALL_RESULT && type != CALL_ERROR) {
			return new Inbound.Ignored("unknown MessageTypeId " + type + " (OCPP-J 4.1.3: ignore)");
		}
		if (array.size() < 2 || !array.get(1).isString()) {
			return type == CALL ? reject(CallError.UNKNOWN_MESSAGE_ID, ErrorCode.FormationViolation,
					"Second element must be the UniqueId string but was "
							+ (array.size() < 2 ? "missing" : describe(array.get(1))))
					: new Inbound.Ignored("answer without a readable UniqueId");
		}
		String messageId = array.get(1).asString();
		return switch (type) {
			case CALL -> readCall(array, messageId);
			case CALL_RESULT -> readCallResult(array, messageId);
			default -> readCallError(array, messageId);
		};
	}

	private Inbound readCall(ArrayNode array, String messageId) {
		if (messageId.length() > MAX_MESSAGE_ID_LENGTH) {
			return reject(messageId, ErrorCode.FormationViolation, "UniqueId must be at most "
					+ MAX_MESSAGE_ID_LENGTH + " characters but was " + messageId.length());
		}
		if (messageId.isEmpty()) {
			return reject(messageId, ErrorCode.FormationViolation, "UniqueId must not be empty");
		}
		if (array.size() != 4) {
			return reject(messageId, ErrorCode.FormationViolation,
					"CALL must have 4 elements [2, UniqueId, Action, Payload] but had " + array.size());
		}
		if (!array.get(2).isString() || array.get(2).asString().isEmpty()) {
			return reject(messageId, ErrorCode.FormationViolation,
					"Third element must be the Action name but was " + describe(array.get(2)));
		}
		JsonNode payload = array.get(3);
		if (payload.isNull()) {
			// OCPP-J allows null for "no payload"; it means the same as {}.
			payload = JsonNodeFactory.instance.objectNode();
		}
		if (!payload.isObject()) {
			return reject(messageId, ErrorCode.FormationViolation,
					"Payload must be a JSON object but was " + describe(payload));
		}
		return new Inbound.Frame(new Call(messageId, array.get(2).asString(), payload));
	}

	private Inbound readCallResult(ArrayNode array, String messageId) {
		if (array.size() != 3) {
			return new Inbound.Ignored("CALLRESULT " + messageId + " with " + array.size() + " elements instead of 3");
		}
		JsonNode payload = array.get(2).isNull() ? JsonNodeFactory.instance.objectNode() : array.get(2);
		return new Inbound.Frame(new CallResult(messageId, payload));
	}

	private Inbound readCallError(ArrayNode array, String messageId) {
		if (array.size() != 5 || !array.get(2).isString()) {
			return new Inbound.Ignored("malformed CALLERROR " + messageId);
		}
		ErrorCode code;
		try {
			code = ErrorCode.valueOf(array.get(2).asString());
		}
		catch (IllegalArgumentException ex) {
			code = ErrorCode.GenericError;
		}
		String description = array.get(3).isString() ? array.get(3).asString() : array.get(3).toString();
		ObjectNode details = array.get(4).isObject() ? (ObjectNode) array.get(4)
				: JsonNodeFactory.instance.objectNode();
		return new Inbound.Frame(new CallError(messageId, code, description, details));
	}

	/**
	 * Serialises a frame.
	 * @param frame the frame
	 * @return its JSON text
	 */
	public String write(OcppFrame frame) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		switch (frame) {
			case Call call -> array.add(CALL).add(call.messageId()).add(call.action()).add(call.payload());
			case CallResult result -> array.add(CALL_RESULT).add(result.messageId()).add(result.payload());
			case CallError error -> array.add(CALL_ERROR)
				.add(error.messageId())
				.add(error.errorCode().name())
				.add(error.errorDescription())
				.add(error.errorDetails());
		}
		return mapper.writeValueAsString(array);
	}

	private static String readableId(ArrayNode array) {
		return array.size() > 1 && array.get(1).isString() ? array.get(1).asString() : CallError.UNKNOWN_MESSAGE_ID;
	}

	private static Inbound reject(String messageId, ErrorCode code, String description) {
		return new Inbound.Rejected(CallError.of(messageId, code, description));
	}

	static String describe(JsonNode node) {
		if (node == null || node.isMissingNode()) {
			return "missing";
		}
		String text = node.toString();
		String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
		return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
	}

	/** What reading one frame produced. */
	public sealed interface Inbound {

		/** A well-formed frame. */
		record Frame(OcppFrame frame) implements Inbound {
		}

		/** A malformed CALL, answered with this CALLERROR. */
		record Rejected(CallError error) implements Inbound {
		}

		/** Something OCPP-J says to ignore, or that cannot be answered. */
		record Ignored(String reason) implements Inbound {
		}

	}

}
