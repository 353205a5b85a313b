package dev.chargestorm.chaos.experiments;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chargestorm.chaos.fault.LinkToxic;
import dev.chargestorm.chaos.fault.Scope;
import dev.chargestorm.chaos.junit.ChaosExperiment;
import dev.chargestorm.chaos.junit.Experiment;
import dev.chargestorm.chaos.ledger.TransactionLedger;
import dev.chargestorm.chaos.runtime.NodeHandle;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.support.ServerView;
import dev.chargestorm.chaos.topology.NodeRole;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import dev.chargestorm.fleet.Fleet;
import dev.chargestorm.fleet.metrics.FleetSummary;
import dev.chargestorm.steadystate.evaluation.InvariantCheck;
import dev.chargestorm.steadystate.evaluation.RecoveryResult;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.run.RunResult;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Experiment 5, flaky charger links.
 *
 * <p>Hypothesis: with 10 % of the charger links degraded for 30 s (Toxiproxy toxics at toxicity 0.1 on every charger
 * proxy: a 2 KB/s bandwidth cap and a slicer cutting the stream into ~32-byte segments 2 ms apart, both ways, and a
 * reset: the first chunk the node sends is swallowed and the connection reset 1 s later), no transaction message is
 * lost and none is stored twice: every StartTransaction, StopTransaction and MeterValues a charger got a CALLRESULT for
 * is in the database exactly once (the invariant {@code zero-lost-transactions}, checked every 5 s slice from the
 * fault on and at the end). The test also shows that the fault reached the transactions: chargers went down in it,
 * and the nodes answered more transaction messages than the database holds rows (messages a charger sent again
 * because a reset swallowed the answer, which the central system had to store once); and that the platform is whole
 * after the heal (fleet availability, session starts, reconnects within 60 s).
 *
 * <p>Toxiproxy rolls the toxicity per connection, per direction and per toxic, so each of the five toxic stages hits
 * about 10 % of the connections independently (about 41 % of the connections carry at least one, about 10 % the
 * reset); new connections roll again.
 *
 * <p>Platform: two zones, one central-system node each, 300 chargers with back-off personas and a session every 20 s
 * each (more transaction messages on the wire). Phases: 15 s baseline (gate), 30 s fault, 10 s settle, 15 s recovery.
 * Report: {@code target/chaos-reports/flaky-links/}.
 */
class FlakyLinksExperimentTest {

    private static final int CHARGERS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(FlakyLinksExperimentTest.class);
    private static final List<String> TRANSACTION_ACTIONS = List.of("StartTransaction", "StopTransaction",
            "MeterValues");

    static Topology topology() {
        return Topology.of(Zone.of("a"), Zone.of("b")).withChargers(CHARGERS).withSearchRate(0);
    }

    @ChaosExperiment(name = "flaky-links", steadyState = "flaky-links", topology = "topology",
            sloFiles = {"../steady-state/slo/charging-platform.yaml", "src/test/resources/experiments/flaky-links.yaml"},
            sessionEverySeconds = 20)
    @Timeout(900)
    void noTransactionIsLostOrStoredTwiceOverFlakyLinks(Experiment experiment) throws Exception {
        RunResult result = experiment.inject(faults -> faults.degradeChargerLinks(Scope.all(), 0.1,
                LinkToxic.bandwidth(2), LinkToxic.slicer(32, 16, ofMillis(2)), LinkToxic.resetPeer(ofSeconds(1))),
                ofSeconds(30));

        // THEN nothing lost, nothing twice
        InvariantCheck ledger = ZeroLostTransactions.heldOver(result, 1_000);

        // and the fault reached the chargers and their transactions
        RecoveryResult reconnects = result.recoveries().stream().filter(r -> r.name().equals("fleet-reconnect-60s"))
                .findFirst().orElseThrow();
        assertThat(reconnects.verdict()).as(reconnects.explanation()).isEqualTo(Verdict.PASS);
        Fleet fleet = experiment.fleet().orElseThrow();
        FleetSummary summary = fleet.summary();
        assertThat(reconnects.affected()).as("chargers whose connection the fault broke; fleet connect outcomes %s",
                summary.connectOutcomes()).isGreaterThanOrEqualTo(10);
        // count with the fleet stopped, once the nodes' counters stand still (a row is committed before its answer)
        fleet.close();
        AtomicLong lastCount = new AtomicLong(-1);
        long answered = await("the nodes' transaction message counters stand still").atMost(ofSeconds(30))
                .pollInterval(ofMillis(500)).until(() -> answeredTransactionMessages(experiment.platform()),
                        count -> count == lastCount.getAndSet(count));
        long stored = TransactionLedger.of(experiment.platform().database()).ids().size();
        LOG.info("flaky-links: {} chargers dropped in the fault ({}); nodes answered {} transaction messages, the"
                + " database holds {} rows: {} answered again; fleet sent {}, connect outcomes {}, session failures {}",
                reconnects.affected(), reconnects.explanation(), answered, stored, answered - stored, summary.sent(),
                summary.connectOutcomes(), summary.sessionFailures());
        assertThat(answered - stored).as("transaction messages the nodes answered (%d) beyond the rows the database"
                        + " holds (%d): messages sent again after a reset swallowed their answer; the final ledger"
                        + " check: %s", answered, stored, ledger.explanation())
                .isGreaterThanOrEqualTo(1);
    }

    private static long answeredTransactionMessages(RunningPlatform platform) throws Exception {
        long answered = 0;
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (NodeHandle node : platform.nodes(NodeRole.CSMS)) {
                Map<String, Long> messages = ServerView.ocppMessages(http, node);
                for (String action : TRANSACTION_ACTIONS) {
                    answered += messages.getOrDefault(action + ":result", 0L);
                }
            }
        }
        return answered;
    }
}
