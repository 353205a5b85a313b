package dev.chargestorm.fleet.process;

import java.util.ArrayList;
import java.util.List;

import dev.chargestorm.fleet.metrics.FleetSnapshot;
import dev.chargestorm.fleet.metrics.FleetSummary;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a fleet child process tells its parent: one JSON object per line on stdout, {@code progress} every interval,
 * {@code events} (the child's {@code FleetListener} events, batched, when the parent asked for them), {@code failure}
 * when it must stop, {@code summary} at the end. Stdout carries nothing else, so a line that is not one of these is a
 * broken child, not noise. The parent writes {@code stop} to the child's stdin to end it cleanly; end of input (the
 * parent died) ends it too.
 */
public final class ChildProtocol {

    /** The line a parent writes to ask a child to stop and report. */
    public static final String STOP = "stop";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ChildProtocol() {
    }

    /** One line a child wrote. */
    public sealed interface Message {
    }

    public record Progress(FleetSnapshot snapshot) implements Message {
    }

    public record Failure(String message) implements Message {
    }

    public record Summary(FleetSummary summary) implements Message {
    }

    /**
     * A batch of listener events, in the order the child saw them within each kind.
     *
     * @param connections {@code +id} for chargerUp, {@code -id} for chargerDown, in order (a charger may go down and
     *     up again within one batch)
     * @param gauges the child's latest gauges, or null when they did not change since the last batch
     */
    public record Events(List<String> connections, @Nullable Gauges gauges, List<String> acknowledged,
            List<Discard> discarded, List<SessionStart> sessionStarts) implements Message {

        public Events {
            connections = List.copyOf(connections);
            acknowledged = List.copyOf(acknowledged);
            discarded = List.copyOf(discarded);
            sessionStarts = List.copyOf(sessionStarts);
        }

        boolean isEmpty() {
            return connections.isEmpty() && gauges == null && acknowledged.isEmpty() && discarded.isEmpty()
                    && sessionStarts.isEmpty();
        }
    }

    public record Gauges(int size, int connected, int accepted) {
    }

    public record Discard(String chargerId, String action) {
    }

    public record SessionStart(boolean succeeded, long nanos) {
    }

    /** A line on a child's stdout that is not a protocol message: the child and its parent do not agree. */
    public static final class MalformedLineException extends IllegalArgumentException {

        MalformedLineException(String line, String problem) {
            super("not a fleet child protocol line (" + problem + "): '"
                    + (line.length() > 200 ? line.substring(0, 200) + "..." : line) + "'");
        }
    }

    public static String progress(FleetSnapshot s) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "progress");
        node.put("elapsedMillis", s.elapsedMillis());
        node.put("size", s.size());
        node.put("connected", s.connected());
        node.put("accepted", s.accepted());
        node.put("connectAttempts", s.connectAttempts());
        node.put("bootP99Millis", s.bootP99Millis());
        node.put("sessionsOk", s.sessionsOk());
        node.put("sessionsFailed", s.sessionsFailed());
        node.put("queueDepth", s.queueDepth());
        node.put("discarded", s.discarded());
        node.put("callTimeouts", s.callTimeouts());
        node.put("callErrors", s.callErrors());
        node.put("acknowledged", s.acknowledged());
        return MAPPER.writeValueAsString(node);
    }

    public static String failure(String message) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "failure");
        node.put("message", message);
        return MAPPER.writeValueAsString(node);
    }

    public static String summary(FleetSummary summary) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "summary");
        node.set("summary", MAPPER.readTree(summary.toJson(true)));
        return MAPPER.writeValueAsString(node);
    }

    public static String events(Events events) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "events");
        ArrayNode connections = node.putArray("connections");
        events.connections().forEach(connections::add);
        Gauges gauges = events.gauges();
        if (gauges != null) {
            node.putArray("gauges").add(gauges.size()).add(gauges.connected()).add(gauges.accepted());
        }
        ArrayNode acknowledged = node.putArray("acknowledged");
        events.acknowledged().forEach(acknowledged::add);
        ArrayNode discarded = node.putArray("discarded");
        events.discarded().forEach(d -> discarded.addArray().add(d.chargerId()).add(d.action()));
        // [1 or 0, nanos]: compact, because a storm can finish thousands of session starts in one batch
        ArrayNode sessions = node.putArray("sessionStarts");
        events.sessionStarts().forEach(s -> sessions.addArray().add(s.succeeded() ? 1 : 0).add(s.nanos()));
        return MAPPER.writeValueAsString(node);
    }

    /**
     * Parses a line a child wrote.
     *
     * @throws MalformedLineException when it is not a protocol message (stdout carries nothing else)
     */
    public static Message parse(String line) {
        if (!line.startsWith("{")) {
            throw new MalformedLineException(line, "not a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JacksonException ex) {
            throw new MalformedLineException(line, "invalid JSON: " + ex.getOriginalMessage());
        }
        String type = node.path("type").asString("");
        return switch (type) {
            case "progress" -> new Progress(new FleetSnapshot(node.path("elapsedMillis").asLong(0),
                    node.path("size").asInt(0), node.path("connected").asInt(0), node.path("accepted").asInt(0),
                    node.path("connectAttempts").asLong(0), node.path("bootP99Millis").asLong(0),
                    node.path("sessionsOk").asLong(0), node.path("sessionsFailed").asLong(0),
                    node.path("queueDepth").asLong(0), node.path("discarded").asLong(0),
                    node.path("callTimeouts").asLong(0), node.path("callErrors").asLong(0),
                    node.path("acknowledged").asLong(0)));
            case "failure" -> new Failure(node.path("message").asString(""));
            case "summary" -> new Summary(FleetSummary.fromJson(MAPPER.writeValueAsString(node.get("summary"))));
            case "events" -> parseEvents(line, node);
            default -> throw new MalformedLineException(line, "unknown type '" + type + "'");
        };
    }

    private static Events parseEvents(String line, JsonNode node) {
        List<String> connections = strings(line, node, "connections");
        for (String connection : connections) {
            if (connection.length() < 2 || (connection.charAt(0) != '+' && connection.charAt(0) != '-')) {
                throw new MalformedLineException(line, "a connection event must be +id or -id but was '"
                        + connection + "'");
            }
        }
        Gauges gauges = null;
        JsonNode g = node.get("gauges");
        if (g != null) {
            if (!g.isArray() || g.size() != 3 || !g.get(0).isInt() || !g.get(1).isInt() || !g.get(2).isInt()) {
                throw new MalformedLineException(line, "gauges must be [size, connected, accepted]");
            }
            gauges = new Gauges(g.get(0).asInt(), g.get(1).asInt(), g.get(2).asInt());
        }
        List<Discard> discarded = new ArrayList<>();
        for (JsonNode d : array(line, node, "discarded")) {
            if (!d.isArray() || d.size() != 2 || !d.get(0).isString() || !d.get(1).isString()) {
                throw new MalformedLineException(line, "a discarded message must be [chargerId, action]");
            }
            discarded.add(new Discard(d.get(0).asString(), d.get(1).asString()));
        }
        List<SessionStart> sessions = new ArrayList<>();
        for (JsonNode s : array(line, node, "sessionStarts")) {
            if (!s.isArray() || s.size() != 2 || !s.get(0).isIntegralNumber() || !s.get(1).isIntegralNumber()) {
                throw new MalformedLineException(line, "a session start must be [1 or 0, nanos]");
            }
            sessions.add(new SessionStart(s.get(0).asInt() == 1, s.get(1).asLong()));
        }
        return new Events(connections, gauges, strings(line, node, "acknowledged"), discarded, sessions);
    }

    private static JsonNode array(String line, JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray()) {
            throw new MalformedLineException(line, "'" + field + "' must be an array");
        }
        return array;
    }

    private static List<String> strings(String line, JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array(line, node, field)) {
            if (!value.isString()) {
                throw new MalformedLineException(line, "'" + field + "' must hold strings");
            }
            values.add(value.asString());
        }
        return values;
    }
}
