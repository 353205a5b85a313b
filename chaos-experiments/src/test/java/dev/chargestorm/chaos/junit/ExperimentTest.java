package dev.chargestorm.chaos.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chargestorm.chaos.fault.FaultException;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.run.RunStatus;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import dev.chargestorm.steadystate.slo.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;

/** What an experiment leaves when its fault cannot be applied: an ERRORED run whose verdicts so far stand. */
class ExperimentTest {

    static Topology oneZone() {
        return Topology.of(Zone.of("a")).withChargers(20).withSearchRate(0);
    }

    @ChaosExperiment(name = "fault-refused", steadyState = "fault-refused", topology = "oneZone",
            sloFiles = {"../steady-state/slo/charging-platform.yaml", "src/test/resources/extension/fault-refused.yaml"})
    @Timeout(300)
    void aFaultThatCannotBeAppliedEndsTheRunErroredWithWhatItMeasured(Experiment experiment) {
        // GIVEN a fault that gives up, as a rolling deploy does when a restarted node never becomes healthy
        FaultException refused = new FaultException("deploy-1", "node csms-a did not become healthy within PT3M",
                null);

        // WHEN the experiment injects it, THEN the test sees the fault's own exception
        assertThatThrownBy(() -> experiment.inject(faults -> {
            throw refused;
        }, Duration.ZERO)).isSameAs(refused);

        // AND the run has ended ERRORED with its reason, the baseline judged and the report written
        RunResult result = experiment.result().orElseThrow();
        assertThat(result.status()).isEqualTo(RunStatus.ERRORED);
        assertThat(result.statusReason()).contains("csms-a did not become healthy");
        assertThat(result.result(new ObjectiveKey("fleet-availability", ">= 99 % connected"), Phase.BASELINE))
                .hasValueSatisfying(baseline -> assertThat(baseline.verdict()).isEqualTo(Verdict.PASS));
        assertThat(experiment.reportDirectory().resolve("summary.md")).content().contains("**Status: ERRORED**");
    }
}
