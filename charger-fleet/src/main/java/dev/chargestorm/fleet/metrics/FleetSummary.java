package dev.chargestorm.fleet.metrics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the fleet saw in one run (of one process, or merged over several). Histograms are in milliseconds.
 *
 * @param processes how many fleet processes this covers
 * @param connectOutcomes connection attempts by outcome: {@code ok}, {@code http-<status>}, {@code refused},
 *     {@code timeout}, {@code reset}, {@code no-subprotocol}, {@code port-exhausted}, {@code error}
 * @param sent CALLs sent by action (including retries)
 * @param received central-system CALLs received by action
 * @param callErrors CALLERRORs received by error code
 * @param discarded transaction messages given up, by action
 * @param sessionFailures failed session starts by reason
 * @param sessionsAuthorizedOffline sessions a charger authorized on its own while offline (persona
 *     {@code offline-start}); each is also counted as ok or failed by the answer to its StartTransaction
 * @param reconnectByPersona time from going down to being online again, by persona
 * @param recoveries the start-up ramp and each disruption
 */
public record FleetSummary(long startEpochMillis, long endEpochMillis, int processes, int size, int connected,
        int accepted, Map<String, Long> connectOutcomes, Map<String, Long> sent, Map<String, Long> received,
        Map<String, Long> callErrors, long callTimeouts, long retries, Map<String, Long> discarded, long queueDepth,
        long queueDepthMax, long sessionAttempts, long sessionsOk, Map<String, Long> sessionFailures,
        long sessionsAuthorizedOffline, long acknowledged, Histogram sessionStart, Histogram bootRoundTrip,
        Histogram reconnect, Map<String, Histogram> reconnectByPersona, List<RecoveryStats> recoveries) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public long discardedTotal() {
        return discarded.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Several processes' summaries as one fleet: counts added, histograms merged, overlapping recoveries joined. */
    public static FleetSummary merge(List<FleetSummary> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Histogram session = new Histogram(Timer.HIGHEST_MILLIS, 3);
        Histogram boot = new Histogram(Timer.HIGHEST_MILLIS, 3);
        Histogram reconnect = new Histogram(Timer.HIGHEST_MILLIS, 3);
        Map<String, Histogram> byPersona = new TreeMap<>();
        Map<String, Long> outcomes = new TreeMap<>();
        Map<String, Long> sent = new TreeMap<>();
        Map<String, Long> received = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, Long> discarded = new TreeMap<>();
        Map<String, Long> failures = new TreeMap<>();
        List<RecoveryStats> recoveries = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = 0;
        int processes = 0;
        int size = 0;
        int connected = 0;
        int accepted = 0;
        long timeouts = 0;
        long retries = 0;
        long queue = 0;
        long queueMax = 0;
        long attempts = 0;
        long ok = 0;
        long offline = 0;
        long acknowledged = 0;
        for (FleetSummary part : parts) {
            start = Math.min(start, part.startEpochMillis);
            end = Math.max(end, part.endEpochMillis);
            processes += part.processes;
            size += part.size;
            connected += part.connected;
            accepted += part.accepted;
            timeouts += part.callTimeouts;
            retries += part.retries;
            queue += part.queueDepth;
            queueMax += part.queueDepthMax;
            attempts += part.sessionAttempts;
            ok += part.sessionsOk;
            offline += part.sessionsAuthorizedOffline;
            acknowledged += part.acknowledged;
            add(outcomes, part.connectOutcomes);
            add(sent, part.sent);
            add(received, part.received);
            add(errors, part.callErrors);
            add(discarded, part.discarded);
            add(failures, part.sessionFailures);
            session.add(part.sessionStart);
            boot.add(part.bootRoundTrip);
            reconnect.add(part.reconnect);
            part.reconnectByPersona.forEach((persona, histogram) -> byPersona
                    .computeIfAbsent(persona, k -> new Histogram(Timer.HIGHEST_MILLIS, 3)).add(histogram));
            recoveries.addAll(part.recoveries);
        }
        return new FleetSummary(start, end, processes, size, connected, accepted, outcomes, sent, received, errors,
                timeouts, retries, discarded, queue, queueMax, attempts, ok, failures, offline, acknowledged, session,
                boot, reconnect, byPersona, RecoveryStats.merge(recoveries));
    }

    private static void add(Map<String, Long> into, Map<String, Long> from) {
        from.forEach((key, value) -> into.merge(key, value, Long::sum));
    }

    /**
     * The summary as JSON for people and scripts; with {@code raw}, also the encoded histograms and recovery times
     * so that {@link #fromJson(String)} restores it exactly (used between fleet processes).
     */
    public String toJson(boolean raw) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("startEpochMillis", startEpochMillis);
        root.put("endEpochMillis", endEpochMillis);
        root.put("durationSeconds", (endEpochMillis - startEpochMillis) / 1000.0);
        root.put("processes", processes);
        root.put("size", size);
        root.put("connected", connected);
        root.put("accepted", accepted);
        putCounts(root.putObject("connectAttempts"), connectOutcomes);
        putCounts(root.putObject("sent"), sent);
        putCounts(root.putObject("received"), received);
        putCounts(root.putObject("callErrors"), callErrors);
        root.put("callTimeouts", callTimeouts);
        root.put("retries", retries);
        putCounts(root.putObject("discarded"), discarded);
        root.put("discardedTotal", discardedTotal());
        root.put("offlineQueueDepth", queueDepth);
        root.put("offlineQueueDepthMax", queueDepthMax);
        ObjectNode sessions = root.putObject("sessionStarts");
        sessions.put("attempts", sessionAttempts);
        sessions.put("ok", sessionsOk);
        putCounts(sessions.putObject("failed"), sessionFailures);
        sessions.put("authorizedOffline", sessionsAuthorizedOffline);
        sessions.set("latencyMillis", histogram(sessionStart, raw));
        root.put("acknowledgedTransactionMessages", acknowledged);
        root.set("bootRoundTripMillis", histogram(bootRoundTrip, raw));
        root.set("reconnectMillis", histogram(reconnect, raw));
        ObjectNode personas = root.putObject("reconnectMillisByPersona");
        reconnectByPersona.forEach((persona, histogram) -> personas.set(persona, histogram(histogram, raw)));
        ArrayNode list = root.putArray("recoveries");
        for (RecoveryStats stats : recoveries) {
            ObjectNode node = list.addObject();
            node.put("kind", stats.kind());
            node.put("startEpochMillis", stats.startEpochMillis());
            node.put("affected", stats.affected());
            node.put("recovered", stats.recovered());
            putNullable(node, "p50Millis", stats.p50Millis());
            putNullable(node, "p95Millis", stats.p95Millis());
            putNullable(node, "p99Millis", stats.p99Millis());
            putNullable(node, "p100Millis", stats.p100Millis());
            if (raw) {
                ArrayNode offsets = node.putArray("upOffsetsMillis");
                for (long offset : stats.upOffsetsMillis()) {
                    offsets.add(offset);
                }
            }
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** Reads a summary written with {@code toJson(true)}. */
    public static FleetSummary fromJson(String json) {
        JsonNode root = MAPPER.readTree(json);
        Map<String, Histogram> byPersona = new TreeMap<>();
        root.get("reconnectMillisByPersona").properties()
                .forEach(entry -> byPersona.put(entry.getKey(), readHistogram(entry.getValue())));
        List<RecoveryStats> recoveries = new ArrayList<>();
        for (JsonNode node : root.get("recoveries")) {
            JsonNode offsetsNode = node.get("upOffsetsMillis");
            long[] offsets = new long[offsetsNode == null ? 0 : offsetsNode.size()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = offsetsNode.get(i).asLong();
            }
            recoveries.add(RecoveryStats.of(node.get("kind").asString(), node.get("startEpochMillis").asLong(),
                    node.get("affected").asInt(), offsets));
        }
        JsonNode sessions = root.get("sessionStarts");
        return new FleetSummary(root.get("startEpochMillis").asLong(), root.get("endEpochMillis").asLong(),
                root.get("processes").asInt(), root.get("size").asInt(), root.get("connected").asInt(),
                root.get("accepted").asInt(), readCounts(root.get("connectAttempts")), readCounts(root.get("sent")),
                readCounts(root.get("received")), readCounts(root.get("callErrors")), root.get("callTimeouts").asLong(),
                root.get("retries").asLong(), readCounts(root.get("discarded")), root.get("offlineQueueDepth").asLong(),
                root.get("offlineQueueDepthMax").asLong(), sessions.get("attempts").asLong(),
                sessions.get("ok").asLong(), readCounts(sessions.get("failed")),
                sessions.path("authorizedOffline").asLong(0),
                root.get("acknowledgedTransactionMessages").asLong(), readHistogram(sessions.get("latencyMillis")),
                readHistogram(root.get("bootRoundTripMillis")), readHistogram(root.get("reconnectMillis")), byPersona,
                recoveries);
    }

    private static void putNullable(ObjectNode node, String name, Long value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    private static void putCounts(ObjectNode node, Map<String, Long> counts) {
        counts.forEach(node::put);
    }

    private static Map<String, Long> readCounts(JsonNode node) {
        Map<String, Long> counts = new TreeMap<>();
        node.properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    private static ObjectNode histogram(Histogram histogram, boolean raw) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        long count = histogram.getTotalCount();
        node.put("count", count);
        if (count > 0) {
            node.put("min", histogram.getMinValue());
            node.put("p50", histogram.getValueAtPercentile(50));
            node.put("p90", histogram.getValueAtPercentile(90));
            node.put("p95", histogram.getValueAtPercentile(95));
            node.put("p99", histogram.getValueAtPercentile(99));
            node.put("max", histogram.getMaxValue());
            node.put("mean", Math.round(histogram.getMean() * 10) / 10.0);
        }
        if (raw) {
            ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
            int length = histogram.encodeIntoCompressedByteBuffer(buffer);
            byte[] bytes = new byte[length];
            buffer.flip();
            buffer.get(bytes);
            node.put("encoded", Base64.getEncoder().encodeToString(bytes));
        }
        return node;
    }

    private static Histogram readHistogram(JsonNode node) {
        JsonNode encoded = node.get("encoded");
        if (encoded == null) {
            throw new IllegalArgumentException("the summary has no encoded histograms: write it with toJson(true)");
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder()
                    .decode(encoded.asString())), 0);
        } catch (DataFormatException ex) {
            throw new IllegalArgumentException("a histogram in the summary is corrupt: " + ex.getMessage(), ex);
        }
    }
}
