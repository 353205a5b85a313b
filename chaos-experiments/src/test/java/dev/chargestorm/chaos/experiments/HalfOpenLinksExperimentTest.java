package dev.chargestorm.chaos.experiments;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chargestorm.chaos.fault.FaultRecord;
import dev.chargestorm.chaos.fault.LinkToxic;
import dev.chargestorm.chaos.fault.Scope;
import dev.chargestorm.chaos.junit.ChaosExperiment;
import dev.chargestorm.chaos.junit.Experiment;
import dev.chargestorm.chaos.support.ServerView;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import dev.chargestorm.steadystate.evaluation.RecoveryResult;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.run.RunResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Experiment 7, half-open charger connections.
 *
 * <p>Hypothesis: when every charger connection goes half-open (Toxiproxy's {@code timeout} toxic with timeout 0 in
 * both directions: the sockets stay open, nothing gets through, and new connections fare the same), the central
 * system marks every charger offline within its liveness bound (ping interval 5 s + pong timeout 5 s + its 1 s check
 * period = 11 s): seen from the server, {@code GET /admin/node} of each node shows no connected charger and the
 * database has no charger {@code online}; and once the fault heals, at least 99 % of the chargers are back within
 * 60 s (recovery objective {@code fleet-reconnect-60s}, from the heal), the server holds them again, session starts are
 * back at >= 99.9 % and no transaction was lost. The bound is checked with 3 s of tolerance: the server's view is
 * sampled every 500 ms, the fault's start is taken before its four toxics are in place (~0.2 s), and each node closes
 * its ~150 silent connections one after another, writing each charger offline, on a shared, busy machine (seed 42 on
 * 2026-12-02: every charger offline 11.8 s after the fault's start). A central system without the liveness check
 * keeps them until the heal (20 s) and fails.
 *
 * <p>Platform: two zones, one central-system node each (pinging every 5 s, closing after 5 s more of silence), 300
 * chargers with back-off personas and a session a minute each. Phases: 15 s baseline (gate), 20 s half-open, 10 s
 * settle, 15 s recovery. Report: {@code target/chaos-reports/half-open-links/}.
 */
class HalfOpenLinksExperimentTest {

    private static final int CHARGERS = 300;
    private static final Duration LIVENESS_BOUND = ofSeconds(5 + 5 + 1);
    private static final Duration MEASUREMENT_TOLERANCE = ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(HalfOpenLinksExperimentTest.class);

    static Topology topology() {
        return Topology.of(Zone.of("a"), Zone.of("b")).withChargers(CHARGERS).withSearchRate(0);
    }

    @ChaosExperiment(name = "half-open-links", steadyState = "half-open-links", topology = "topology",
            sloFiles = {"../steady-state/slo/charging-platform.yaml",
                    "src/test/resources/experiments/half-open-links.yaml"},
            nodeProperties = {"--chargestorm.ocpp.ping-interval=5s", "--chargestorm.ocpp.pong-timeout=5s"})
    @Timeout(900)
    void centralSystemMarksHalfOpenChargersOfflineWithinItsLivenessBoundAndTheyRecover(Experiment experiment)
            throws Exception {
        RunResult result;
        try (ServerView server = ServerView.sample(experiment.platform(), Duration.ofMillis(500))) {
            result = experiment.inject(faults -> faults.degradeChargerLinks(Scope.all(), 1.0,
                    LinkToxic.halfOpen(Duration.ZERO)), ofSeconds(20));
            FaultRecord halfOpen = experiment.faults().journal().getFirst();
            Instant start = halfOpen.start();
            Instant healed = halfOpen.end();

            // GIVEN the server held the fleet before
            ServerView.Sample before = server.lastBefore(start).orElseThrow();
            assertThat(before.totalConnected()).as("chargers connected before the fault: %s", before)
                    .isGreaterThanOrEqualTo(CHARGERS * 99 / 100);
            assertThat(before.online()).as("chargers online in the database before the fault: %s", before)
                    .isGreaterThanOrEqualTo(CHARGERS * 99 / 100);

            // THEN every charger is offline on the server side within the liveness bound
            ServerView.Sample offline = server.first(start, s -> s.totalConnected() == 0 && s.online() == 0
                            && !s.connected().containsValue(-1))
                    .filter(s -> s.at().isBefore(healed)).orElseThrow(() -> new AssertionError("the central system"
                            + " did not mark every half-open charger offline while the fault lasted; samples:\n"
                            + server.describe(start, healed)));
            Duration detection = Duration.between(start, offline.at());
            assertThat(detection).as("from the fault until no charger was connected or online: %s", offline)
                    .isLessThanOrEqualTo(LIVENESS_BOUND.plus(MEASUREMENT_TOLERANCE));
            assertThat(server.between(offline.at(), healed.minusSeconds(1)))
                    .as("no charger got through while the fault lasted").allMatch(s -> s.totalConnected() == 0);

            // THEN after the heal the server holds them again within 60 s
            ServerView.Sample back = server.first(healed, s -> s.totalConnected() >= CHARGERS * 99 / 100
                            && s.online() >= CHARGERS * 99 / 100)
                    .orElseThrow(() -> new AssertionError("the central system did not hold 99 % of the chargers"
                            + " again after the heal; samples:\n" + server.describe(healed, Instant.now())));
            assertThat(Duration.between(healed, back.at())).as("from the heal until 99 %% were connected: %s", back)
                    .isLessThanOrEqualTo(ofSeconds(60));
            LOG.info("half-open-links: before {}; no charger connected {} ms after the fault, none online in the database"
                    + " {} ms after it, both: {}; 99 % back {} ms after the heal: {}", before,
                    server.first(start, s -> s.totalConnected() == 0 && !s.connected().containsValue(-1))
                            .map(s -> Duration.between(start, s.at()).toMillis()).orElse(-1L),
                    server.first(start, s -> s.online() == 0).map(s -> Duration.between(start, s.at()).toMillis())
                            .orElse(-1L), offline, Duration.between(healed, back.at()).toMillis(), back);
        }

        // and the fleet saw the same: every charger went down, and came back after the heal
        RecoveryResult recovery = result.recoveries().stream().filter(r -> r.name().equals("fleet-reconnect-60s"))
                .findFirst().orElseThrow();
        assertThat(recovery.verdict()).as(recovery.explanation()).isEqualTo(Verdict.PASS);
        assertThat(recovery.affected()).as("chargers that went down in the fault").isGreaterThanOrEqualTo(
                CHARGERS * 99 / 100);
        ZeroLostTransactions.heldOver(result, 200);
    }
}
