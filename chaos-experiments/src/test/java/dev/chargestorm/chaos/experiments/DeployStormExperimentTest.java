package dev.chargestorm.chaos.experiments;

import static dev.chargestorm.steadystate.assertj.SteadyStateAssertions.assertThat;
import static dev.chargestorm.steadystate.slo.Phase.FAULT;
import static java.time.Duration.ZERO;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chargestorm.chaos.fault.Deploy;
import dev.chargestorm.chaos.junit.ChaosExperiment;
import dev.chargestorm.chaos.junit.Expectation;
import dev.chargestorm.chaos.junit.Experiment;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import org.junit.jupiter.api.Timeout;

/**
 * Experiment 4, the deploy reconnect storm (the incident itself).
 *
 * <p>Hypotheses: a naive rolling deploy (SIGTERM, every socket of the node dropped at once, a fleet that redials at
 * once) breaches the session-start SLO: it is the known-bad control, and the test fails if it does not. The storm
 * may keep a restarted node from becoming healthy (fresh-clone CI, 2026-12-03); the deploy then gives up, the run
 * ends ERRORED, and its fault phase still has to show the breach ({@link KnownBadControl}). A graceful
 * deploy (drain each node at {@value #DRAIN_RATE} connections per second first; the drain closes a connection only
 * once no CALL is open on it and it has been quiet for a second) holds every SLO, zero lost transactions included.
 *
 * <p>Platform: two zones with one central-system node each (no API nodes, no search load), {@value #CHARGERS} chargers
 * with the {@code immediate} persona and a session a minute each. During the deploy one node holds the whole fleet,
 * so the nodes get a 768 MB heap (about 62 KB per connection), all of it from the start, and a 240 MB code cache
 * (why: {@link DeployStormBench}). Measured 2026-12-02 (seed 42, load average about 19):
 * naive 1,890 of 2,278 session starts within 30 s in the fault phase (82.97 %, FAIL); graceful 9,257 of 9,261
 * (99.96 %; the drain waited for an open CALL 523 times, never reached its bound); both tests 9.5 minutes. The
 * graceful result is sensitive to machine load: an Authorize the charger sends while the close frame is on its way
 * is lost, and that window is the node's read lag (1,000 chargers at load average 20: 99.73 % and 99.81 %). Reports:
 * {@code target/chaos-reports/deploy-storm-naive/} and {@code deploy-storm-graceful/}.
 */
class DeployStormExperimentTest {

    static final int CHARGERS = 5_000;
    static final int DRAIN_RATE = 100;
    private static final String SLO_FILE = "src/test/resources/experiments/deploy-storm.yaml";
    private static final String SESSION_STARTS = "session-start-success/>= 99.9 % within 30 s";

    static Topology topology() {
        return Topology.of(Zone.of("a"), Zone.of("b")).withChargers(CHARGERS).withSearchRate(0);
    }

    @ChaosExperiment(name = "deploy-storm-naive", steadyState = "deploy-storm", topology = "topology",
            sloFiles = {"../steady-state/slo/charging-platform.yaml", SLO_FILE}, personas = "immediate",
            nodeJvmOptions = {"-Xms768m", "-Xmx768m", "-XX:ReservedCodeCacheSize=240m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"},
            expect = Expectation.DEVIATES)
    @Timeout(900)
    void naiveDeployBreachesTheSessionStartSlo(Experiment experiment) throws Exception {
        RunResult result = KnownBadControl.resultOf(experiment, () -> experiment.inject(
                faults -> faults.deploy(Deploy.naive().withStopGrace(ofSeconds(30))), ZERO));

        assertThat(result).objective(SESSION_STARTS).inPhase(FAULT).failed();
    }

    @ChaosExperiment(name = "deploy-storm-graceful", steadyState = "deploy-storm", topology = "topology",
            sloFiles = {"../steady-state/slo/charging-platform.yaml", SLO_FILE}, personas = "immediate",
            nodeJvmOptions = {"-Xms768m", "-Xmx768m", "-XX:ReservedCodeCacheSize=240m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"})
    @Timeout(900)
    void gracefulDeployHoldsEverySlo(Experiment experiment) throws Exception {
        RunResult result = experiment.inject(faults -> faults.deploy(Deploy.graceful(DRAIN_RATE)
                .withStopGrace(ofSeconds(30))), ZERO);

        // the extension already failed the test on any FAIL; here: the deploy was really under load
        ObjectiveResult sessions = result.result(new ObjectiveKey("session-start-success", ">= 99.9 % within 30 s"),
                FAULT).orElseThrow();
        assertThat(sessions.total()).as("session starts during the deploy").isGreaterThanOrEqualTo(CHARGERS / 10);
        assertThat(sessions.measured()).as("share of session starts within 30 s during the deploy")
                .isGreaterThanOrEqualTo(0.999);
    }
}
