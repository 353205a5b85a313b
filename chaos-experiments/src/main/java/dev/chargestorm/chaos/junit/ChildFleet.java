package dev.chargestorm.chaos.junit;

import static org.awaitility.Awaitility.await;

import dev.chargestorm.fleet.metrics.FleetListener;
import dev.chargestorm.fleet.metrics.FleetSnapshot;
import dev.chargestorm.fleet.process.FleetProcesses;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiment's fleet over child JVMs ({@link FleetProcesses}): the same fleet as in the test JVM (seed, personas,
 * id tags, sessions, ramp), its events relayed live into the steady state, each child's stderr in
 * {@code logs/fleet-<i>.log} of the report folder.
 */
final class ChildFleet {

    private static final Logger LOG = LoggerFactory.getLogger(ChildFleet.class);
    /** A large fleet takes minutes to start: say how far it got. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    /** 15,000 chargers hold about 65 MB of live heap (docs/benchmarks.md, charger-fleet); room for storms. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC");

    private ChildFleet() {
    }

    static FleetProcesses start(int processes, int chargers, List<URI> endpoints, ChaosExperiment annotation,
                                long seed, int idTags, Path runDirectory, FleetListener listener) throws Exception {
        List<String> arguments = new ArrayList<>();
        for (URI endpoint : endpoints) {
            arguments.addAll(List.of("--url", endpoint.toString()));
        }
        // each child ramps its own share, so the fleet as a whole ramps at the annotation's rate
        double rampPerChild = (double) annotation.fleetRampPerSecond() / processes;
        arguments.addAll(List.of("--seed", Long.toString(seed), "--persona", annotation.personas(),
                "--id-tags", Integer.toString(idTags), "--ramp", rampPerChild + "/s", "--progress-every", "500ms"));
        if (!annotation.rampRedial().isBlank()) {
            arguments.addAll(List.of("--ramp-redial", annotation.rampRedial()));
        }
        if (annotation.sessionEverySeconds() > 0) {
            arguments.addAll(List.of("--session-every", annotation.sessionEverySeconds() + "s",
                    "--session-length", ChaosExperimentExtension.SESSION_LENGTH.toSeconds() + "s",
                    "--meter-interval", ChaosExperimentExtension.METER_INTERVAL.toSeconds() + "s"));
        } else {
            arguments.addAll(List.of("--session-every", "0"));
        }
        Path logs = Files.createDirectories(runDirectory.resolve("logs"));
        FleetProcesses fleet = FleetProcesses.start(processes, chargers, arguments, JVM_OPTIONS,
                child -> logs.resolve("fleet-" + child + ".log"), listener);
        LOG.info("fleet of {} chargers in {} child processes, pids {}, logs {}/fleet-*.log", chargers, processes,
                fleet.pids(), logs);
        return fleet;
    }

    /** @throws IllegalStateException with the counts, or the children's failure, when they are not all Accepted */
    static void awaitAccepted(FleetProcesses fleet, int chargers, Duration bound) {
        long[] nextProgress = {System.nanoTime() + PROGRESS_EVERY.toNanos()};
        try {
            await(chargers + " chargers Accepted").atMost(bound).pollInterval(Duration.ofMillis(500))
                    .failFast("a fleet process failed", () -> fleet.failure().isDone())
                    .until(() -> {
                        FleetSnapshot now = fleet.snapshot();
                        if (System.nanoTime() - nextProgress[0] >= 0) {
                            nextProgress[0] += PROGRESS_EVERY.toNanos();
                            LOG.info("fleet start: {} of {} chargers Accepted, {} connected", now.accepted(),
                                    chargers, now.connected());
                        }
                        return now.accepted() >= chargers;
                    });
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException failed) {
            FleetSnapshot now = fleet.snapshot();
            String cause = fleet.failure().isDone() ? "a fleet process failed: " + fleet.failure().join()
                    : "timed out after " + bound.toSeconds() + " s";
            throw new IllegalStateException(cause + " waiting for " + chargers + " chargers to be Accepted ("
                    + now.accepted() + " Accepted, " + now.connected() + " connected); see logs/fleet-*.log",
                    failed);
        }
    }

    /** Stops the children, logs their merged summary, and kills any that do not stop. */
    static void stop(FleetProcesses fleet) {
        try {
            fleet.stop();
            LOG.info("fleet summary {}", fleet.summary(Duration.ofSeconds(60)).toJson(false));
        } catch (RuntimeException noSummary) {
            LOG.warn("no fleet summary: {}", noSummary.getMessage());
        } finally {
            fleet.close();
        }
    }
}
