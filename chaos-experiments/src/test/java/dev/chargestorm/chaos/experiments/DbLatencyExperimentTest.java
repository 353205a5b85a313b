package dev.chargestorm.chaos.experiments;

import static dev.chargestorm.steadystate.assertj.SteadyStateAssertions.assertThat;
import static dev.chargestorm.steadystate.slo.Phase.FAULT;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chargestorm.chaos.fault.Scope;
import dev.chargestorm.chaos.junit.ChaosExperiment;
import dev.chargestorm.chaos.junit.Experiment;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import org.junit.jupiter.api.Timeout;

/**
 * Experiment 1, DB latency.
 *
 * <p>Hypothesis: with 200 ms (± 20 ms) added to every link between the central-system and API nodes and PostgreSQL,
 * the search API keeps p99 under 1 s and at least 99.9 % of charging sessions start within 30 s.
 *
 * <p>Platform: the three-zone reference topology (csms-a/b/c, api-a/b), 300 chargers with back-off personas and a
 * session a minute each, 25 searches per second. Phases: 20 s baseline (gate), 30 s fault, 10 s settle, 15 s recovery.
 * Report: {@code target/chaos-reports/db-latency-200ms/}.
 */
class DbLatencyExperimentTest {

    static Topology topology() {
        return Topology.threeZones().withChargers(300).withSearchRate(25);
    }

    @ChaosExperiment(name = "db-latency-200ms", steadyState = "db-latency-200ms", topology = "topology",
            sloFiles = {"../steady-state/slo/charging-platform.yaml", "src/test/resources/experiments/db-latency.yaml"})
    @Timeout(900)
    void searchAndSessionStartsHoldWhenEveryDatabaseCallIsSlow(Experiment experiment) throws Exception {
        RunResult result = experiment.inject(faults -> faults.dbLatency(Scope.all(), ofMillis(200), ofMillis(20)),
                ofSeconds(30));

        assertThat(result).objective("search-latency/p99 < 1 s").inPhase(FAULT).passed();
        ObjectiveResult sessions = result.result(new ObjectiveKey("session-start-success", ">= 99.9 % within 30 s"),
                FAULT).orElseThrow();
        assertThat(sessions.total()).as("session starts during the fault").isGreaterThanOrEqualTo(50);
        assertThat(sessions.measured()).as("share of session starts within 30 s during the fault")
                .isGreaterThanOrEqualTo(0.999);
        assertThat(experiment.reportDirectory().resolve("journal.json")).exists();
        assertThat(experiment.reportDirectory().resolve("report.html")).exists();
        assertThat(experiment.reportDirectory().resolve("junit/TEST-steady-state.xml")).exists();
    }
}
