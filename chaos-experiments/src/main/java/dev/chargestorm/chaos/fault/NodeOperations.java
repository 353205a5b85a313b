package dev.chargestorm.chaos.fault;

import static org.awaitility.Awaitility.await;

import dev.chargestorm.chaos.runtime.NodeHandle;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What faults ask of a node through its admin endpoints and the Chaos Monkey actuator. */
final class NodeOperations implements AutoCloseable {

    private static final String ADMIN_USER = "admin";
    private static final String ADMIN_PASSWORD = "chargestorm";

    private final AdminClient admin = new AdminClient(ADMIN_USER, ADMIN_PASSWORD);

    /**
     * {@code POST /admin/disconnect} of the connections opened before {@code openedBefore}.
     *
     * @return "dropped of open"
     */
    String disconnect(NodeHandle node, double fraction, DisconnectMode mode, Instant openedBefore) throws IOException {
        var result = admin.post(node, "/admin/disconnect", Map.of("fraction", fraction, "mode", mode.name(),
                "openedBefore", openedBefore.toString()));
        return result.path("disconnected").asString("?") + " of " + result.path("connectedBefore").asString("?");
    }

    /** {@code POST /admin/drain} at the deploy's rate, then waits until {@code GET /admin/drain} says finished. */
    void drain(NodeHandle node, Deploy deploy) throws IOException {
        admin.post(node, "/admin/drain", Map.of("ratePerSecond", deploy.drainRatePerSecond()));
        await("drain of node " + node.name() + " at " + deploy.drainRatePerSecond() + "/s")
                .atMost(deploy.drainTimeout()).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> admin.get(node, "/admin/drain").path("finished").asBoolean(false));
    }

    /** Sets the watchers and assaults, and enables Chaos Monkey. */
    void startAssault(NodeHandle node, ChaosMonkeyAssault assault) throws IOException {
        admin.post(node, "/actuator/chaosmonkey/watchers", watchers(assault.watchers()));
        Map<String, Object> assaults = new LinkedHashMap<>();
        assaults.put("level", assault.level());
        assaults.put("latencyActive", !assault.latencyTo().isZero());
        if (!assault.latencyTo().isZero()) {
            assaults.put("latencyRangeStart", assault.latencyFrom().toMillis());
            assaults.put("latencyRangeEnd", assault.latencyTo().toMillis());
        }
        assaults.put("exceptionsActive", assault.exceptions());
        admin.post(node, "/actuator/chaosmonkey/assaults", assaults);
        admin.post(node, "/actuator/chaosmonkey/enable", Map.of());
    }

    /** Switches the latency and exception assaults off. */
    void stopAssault(NodeHandle node) throws IOException {
        admin.post(node, "/actuator/chaosmonkey/assaults", Map.of("latencyActive", false, "exceptionsActive", false));
    }

    /** @return Chaos Monkey's watcher switches: {@code controller}, {@code restController}, ... */
    static Map<String, Boolean> watchers(Set<ChaosMonkeyAssault.Watcher> watchers) {
        Map<String, Boolean> body = new LinkedHashMap<>();
        for (ChaosMonkeyAssault.Watcher watcher : ChaosMonkeyAssault.Watcher.values()) {
            String[] words = watcher.name().toLowerCase(Locale.ROOT).split("_");
            String key = words[0] + (words.length > 1
                    ? words[1].substring(0, 1).toUpperCase(Locale.ROOT) + words[1].substring(1) : "");
            body.put(key, watchers.contains(watcher));
        }
        return body;
    }

    @Override
    public void close() {
        admin.close();
    }
}
