package dev.chargestorm.fleet.ocpp;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes OCPP-J frames as JSON text. Thread-safe.
 */
public final class FrameCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private FrameCodec() {
    }

    /** A new empty JSON object for payloads. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty JSON array. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** The frame as OCPP-J text. */
    public static String encode(Frame frame) {
        ArrayNode array = array();
        switch (frame) {
            case Frame.Call call -> array.add(2).add(call.uniqueId()).add(call.action()).add(call.payload());
            case Frame.CallResult result -> array.add(3).add(result.uniqueId()).add(result.payload());
            case Frame.CallError error -> array.add(4).add(error.uniqueId()).add(error.errorCode())
                    .add(error.errorDescription()).add(error.errorDetails());
        }
        return MAPPER.writeValueAsString(array);
    }

    /**
     * Parses OCPP-J text.
     *
     * @throws MalformedFrameException when the text is not a well-formed frame, with what was wrong
     */
    public static Frame decode(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JacksonException ex) {
            throw new MalformedFrameException("-1", "not JSON: " + ex.getOriginalMessage());
        }
        if (!(node instanceof ArrayNode array) || array.size() < 3 || !array.get(0).isIntegralNumber()) {
            throw new MalformedFrameException("-1", "expected a JSON array [type, uniqueId, ...] but was " + abbreviate(text));
        }
        if (!array.get(1).isString()) {
            throw new MalformedFrameException("-1", "uniqueId must be a string but was " + array.get(1));
        }
        String id = array.get(1).asString();
        int type = array.get(0).asInt();
        return switch (type) {
            case 2 -> {
                if (array.size() != 4 || !array.get(2).isString()) {
                    throw new MalformedFrameException(id, "a CALL is [2, uniqueId, action, payload] but was " + abbreviate(text));
                }
                yield new Frame.Call(id, array.get(2).asString(), objectOrEmpty(array.get(3)));
            }
            case 3 -> new Frame.CallResult(id, objectOrEmpty(array.get(2)));
            case 4 -> new Frame.CallError(id, array.get(2).asString(""),
                    array.size() > 3 ? array.get(3).asString("") : "",
                    array.size() > 4 ? objectOrEmpty(array.get(4)) : object());
            default -> throw new MalformedFrameException(id, "unknown message type " + type);
        };
    }

    private static ObjectNode objectOrEmpty(JsonNode node) {
        return node instanceof ObjectNode object ? object : object();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
