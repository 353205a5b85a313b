package dev.chargestorm.fleet.process;

import dev.chargestorm.fleet.metrics.FleetSnapshot;
import dev.chargestorm.fleet.metrics.FleetSummary;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a fleet child process tells its parent: one JSON object per line on stdout, {@code progress} every interval,
 * {@code failure} when it must stop, {@code summary} at the end. The parent writes {@code stop} to the child's stdin to
 * end it cleanly; end of input (the parent died) ends it too.
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

    /** Parses a line; null for lines that are not protocol messages (e.g. stray output). */
    public static @Nullable Message parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JacksonException ex) {
            return null;
        }
        return switch (node.path("type").asString("")) {
            case "progress" -> new Progress(new FleetSnapshot(node.path("elapsedMillis").asLong(0),
                    node.path("size").asInt(0), node.path("connected").asInt(0), node.path("accepted").asInt(0),
                    node.path("connectAttempts").asLong(0), node.path("bootP99Millis").asLong(0),
                    node.path("sessionsOk").asLong(0), node.path("sessionsFailed").asLong(0),
                    node.path("queueDepth").asLong(0), node.path("discarded").asLong(0),
                    node.path("callTimeouts").asLong(0), node.path("callErrors").asLong(0),
                    node.path("acknowledged").asLong(0)));
            case "failure" -> new Failure(node.path("message").asString(""));
            case "summary" -> new Summary(FleetSummary.fromJson(MAPPER.writeValueAsString(node.get("summary"))));
            default -> null;
        };
    }
}
