package dev.chargestorm.chaos.experiments;

import static dev.chargestorm.steadystate.assertj.SteadyStateAssertions.assertThat;
import static dev.chargestorm.steadystate.slo.Phase.FAULT;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chargestorm.chaos.fault.ChaosMonkeyAssault;
import dev.chargestorm.chaos.fault.Scope;
import dev.chargestorm.chaos.junit.ChaosExperiment;
import dev.chargestorm.chaos.junit.Experiment;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import dev.chargestorm.steadystate.run.RunResult;
import org.junit.jupiter.api.Timeout;

/**
 * Experiment 6, Chaos Monkey latency assault.
 *
 * <p>Hypothesis: with Chaos Monkey adding 300-500 ms to every call of the API nodes' web layer (the search API's
 * {@code @RestController}; the central system has no {@code @Repository} beans, it uses {@code JdbcTemplate}, so the
 * issue's "repository layer" assault has nothing to attach to), the search API still keeps p99 under 1 s and errors
 * under 0.1 %: the search SLO decides. The test also checks that the assault reached the search path (the fault
 * phase's median latency is at least 300 ms), so it cannot pass by missing its target.
 *
 * <p>Platform: two zones with an API node each and one central-system node in zone a (no chargers), Chaos Monkey
 * loaded, 25 searches per second, a 20 s assault (500 searches). Report: {@code target/chaos-reports/chaos-monkey-latency/}.
 */
class ChaosMonkeyExperimentTest {

    static Topology topology() {
        // no chargers, so one central-system node is enough (a platform has at least one); three nodes start sooner
        return Topology.of(Zone.of("a").withApiNodes(1), Zone.of("b").withCsmsNodes(0).withApiNodes(1))
                .withChaosMonkey(true).withChargers(0).withSearchRate(25);
    }

    @ChaosExperiment(name = "chaos-monkey-latency", steadyState = "chaos-monkey-latency", topology = "topology",
            sloFiles = {"../steady-state/slo/charging-platform.yaml",
                    "src/test/resources/experiments/chaos-monkey.yaml"})
    @Timeout(900)
    void searchSloHoldsUnderALatencyAssault(Experiment experiment) throws Exception {
        RunResult result = experiment.inject(faults -> faults.chaosMonkey(Scope.all(), ChaosMonkeyAssault.latency(
                ChaosMonkeyAssault.Watcher.REST_CONTROLLER, ofMillis(300), ofMillis(500))), ofSeconds(20));

        assertThat(result).objective("search-latency/p99 < 1 s").inPhase(FAULT).passed();
        double[] faultMedians = result.series().stream().filter(s -> s.key().objective().equals("p99 < 1 s"))
                .flatMap(s -> s.slices().stream()).filter(s -> s.phase() == FAULT && s.total() >= 20)
                .filter(s -> s.latency() != null).mapToDouble(s -> s.latency().p50Millis()).sorted().toArray();
        assertThat(faultMedians).as("per-slice median search latency during the assault").isNotEmpty();
        assertThat(faultMedians[faultMedians.length / 2]).as("median of the fault slices' p50, ms")
                .isGreaterThanOrEqualTo(300.0);
    }
}
