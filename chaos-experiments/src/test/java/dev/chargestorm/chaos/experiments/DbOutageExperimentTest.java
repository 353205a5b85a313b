package dev.chargestorm.chaos.experiments;

import static dev.chargestorm.steadystate.assertj.SteadyStateAssertions.assertThat;
import static dev.chargestorm.steadystate.slo.Phase.FAULT;
import static dev.chargestorm.steadystate.slo.Phase.RECOVERY;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chargestorm.chaos.fault.OutageMode;
import dev.chargestorm.chaos.fault.Scope;
import dev.chargestorm.chaos.junit.ChaosExperiment;
import dev.chargestorm.chaos.junit.Experiment;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import org.junit.jupiter.api.Timeout;

/**
 * Experiment 2, DB outage.
 *
 * <p>Hypothesis: when every node loses PostgreSQL for 30 s (connections refused), chargers stay connected
 * (fleet availability >= 99 % in every phase), no transaction is lost (every StartTransaction, StopTransaction and
 * MeterValues a charger got a CALLRESULT for is in the database exactly once: the invariant
 * {@code zero-lost-transactions}, checked every 5 s slice from the fault on and at the end, over the ledger read straight
 * from PostgreSQL) and session starts are back at >= 99.9 % within 30 s once the database has been back for 60 s.
 * What the naive profile rejects meanwhile is in the report (session-start slices of the fault phase) and in the fleet
 * summary logged at the end (session failures by reason, discarded transaction messages).
 *
 * <p>Platform: two zones, one central-system node each, no API nodes, 300 chargers with back-off personas and a
 * session a minute each. Report: {@code target/chaos-reports/db-outage-30s/}.
 */
class DbOutageExperimentTest {

    static Topology topology() {
        return Topology.of(Zone.of("a"), Zone.of("b")).withChargers(300).withSearchRate(0);
    }

    @ChaosExperiment(name = "db-outage-30s", steadyState = "db-outage-30s", topology = "topology",
            sloFiles = {"../steady-state/slo/charging-platform.yaml", "src/test/resources/experiments/db-outage.yaml"})
    @Timeout(900)
    void chargersStayConnectedNoTransactionIsLostAndSessionStartsRecover(Experiment experiment) throws Exception {
        RunResult result = experiment.inject(faults -> faults.dbOutage(Scope.all(), OutageMode.REFUSED),
                ofSeconds(30));

        assertThat(result).objective("fleet-availability").inPhase(FAULT).passed();
        ObjectiveResult sessions = result.result(new ObjectiveKey("session-start-success", ">= 99.9 % within 30 s"),
                RECOVERY).orElseThrow();
        assertThat(sessions.total()).as("session starts after the heal").isGreaterThanOrEqualTo(30);
        assertThat(sessions.measured()).as("share of session starts within 30 s after the heal")
                .isGreaterThanOrEqualTo(0.999);
        ZeroLostTransactions.heldOver(result, 500);
    }
}
