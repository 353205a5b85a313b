package dev.chargestorm.chaos.junit;

import dev.chargestorm.chaos.fault.FaultHandle;
import dev.chargestorm.chaos.fault.Faults;
import dev.chargestorm.chaos.load.SearchLoad;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.fleet.Fleet;
import dev.chargestorm.fleet.process.FleetProcesses;
import dev.chargestorm.steadystate.report.Reports;
import dev.chargestorm.steadystate.run.GateDecision;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.run.RunStatus;
import dev.chargestorm.steadystate.run.SteadyStateRun;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.SteadyState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running chaos experiment, injected into a {@link ChaosExperiment} method. {@link #inject} runs the phases the
 * steady state declares: baseline (its duration), the gate (no fault when the baseline is already bad), the fault
 * for the given time, settle and recovery; then it finishes the run, writes the report and checks the
 * {@link Expectation}. An abort rule that fires ends the fault at once (the fault API rolls everything back).
 */
@API(status = API.Status.EXPERIMENTAL)
public final class Experiment {

    private static final Logger LOG = LoggerFactory.getLogger(Experiment.class);

    private final String name;
    private final long seed;
    private final Expectation expectation;
    private final Declarations declarations;
    private final SteadyState steadyState;
    private final RunningPlatform platform;
    private final Faults faults;
    private final SteadyStateRun run;
    private final @Nullable Fleet fleet;
    private final @Nullable FleetProcesses fleetProcesses;
    private final @Nullable SearchLoad searchLoad;
    private final CountDownLatch aborted;
    private @Nullable RunResult result;

    Experiment(String name, long seed, Expectation expectation, Declarations declarations, SteadyState steadyState,
               RunningPlatform platform, Faults faults, SteadyStateRun run, @Nullable Fleet fleet,
               @Nullable FleetProcesses fleetProcesses, @Nullable SearchLoad searchLoad, CountDownLatch aborted) {
        this.name = name;
        this.seed = seed;
        this.expectation = expectation;
        this.declarations = declarations;
        this.steadyState = steadyState;
        this.platform = platform;
        this.faults = faults;
        this.run = run;
        this.fleet = fleet;
        this.fleetProcesses = fleetProcesses;
        this.searchLoad = searchLoad;
        this.aborted = aborted;
    }

    public String name() {
        return name;
    }

    /** The seed of this run; replay with {@code -Dchargestorm.seed=<seed>}. */
    public long seed() {
        return seed;
    }

    public RunningPlatform platform() {
        return platform;
    }

    public Faults faults() {
        return faults;
    }

    public SteadyStateRun run() {
        return run;
    }

    public SteadyState steadyState() {
        return steadyState;
    }

    public Optional<Fleet> fleet() {
        return Optional.ofNullable(fleet);
    }

    /** The fleet when it runs in child processes (large fleets, {@code @ChaosExperiment(fleetProcesses)}). */
    public Optional<FleetProcesses> fleetProcesses() {
        return Optional.ofNullable(fleetProcesses);
    }

    public Optional<SearchLoad> searchLoad() {
        return Optional.ofNullable(searchLoad);
    }

    /** Where the report goes: {@code target/chaos-reports/<name>}. */
    public Path reportDirectory() {
        return platform.runDirectory();
    }

    /** The finished run, once {@link #inject} returned or threw from the fault. */
    public Optional<RunResult> result() {
        return Optional.ofNullable(result);
    }

    /**
     * Runs baseline, fault and recovery. The fault is applied after the baseline if the gate passed, held for
     * {@code hold} (less when an abort rule fires) and rolled back; a fault that returns only when it is over
     * (a deploy) takes {@code Duration.ZERO}. Returns the finished run when the expectation is met.
     *
     * @throws AssertionError when the baseline gate failed, or the expectation is not met, with the numbers
     * @throws Exception what the fault threw when it could not be applied, held or rolled back (a deploy whose
     *     restarted node never became healthy again); the run has then ended {@code ERRORED} with what it measured
     *     until that moment, and {@link #result()} has its verdicts
     */
    public RunResult inject(FaultAction fault, Duration hold) throws Exception {
        if (result != null) {
            throw new IllegalStateException("experiment " + name + " already ran; call inject(..) once per test");
        }
        LOG.info("experiment {}: baseline {} (seed {})", name, steadyState.baseline(), seed);
        waitOrAbort(steadyState.baseline());
        GateDecision gate = run.endBaseline();
        if (!gate.passed()) {
            finish();
            throw new AssertionError("experiment " + name + ": the baseline was already bad, no fault injected"
                    + " (baseline gate):\n  " + String.join("\n  ", gate.baseline().stream().map(Verdicts::line)
                    .toList()) + "\n" + footer());
        }
        try (FaultHandle handle = fault.apply(faults)) {
            LOG.info("experiment {}: fault {} for {}", name, handle.record().name(), hold);
            waitOrAbort(hold);
        } catch (Exception failed) {
            // what the run measured so far still stands: a storm that kept a node from coming back is a result too
            run.errored(failed);
            finish();
            throw failed;
        }
        waitOrAbort(steadyState.recoverySettle().plus(steadyState.recovery()));
        RunResult finished = finish();
        check(finished);
        return finished;
    }

    private void waitOrAbort(Duration d) throws InterruptedException {
        if (!d.isZero() && aborted.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("experiment {}: an abort rule fired: {}", name, run.aborts());
        }
    }

    /** Finishes the run (once) and writes the report; also used by the extension's teardown. */
    synchronized RunResult finish() {
        if (result == null) {
            if (searchLoad != null) {
                searchLoad.stop();
            }
            result = run.finish();
            List<Path> files = Reports.writeAll(result, declarations, reportDirectory());
            LOG.info("experiment {}: {} {}; report {}", name, result.status(),
                    result.deviated() ? "deviated" : "held", files);
            if (fleet != null) {
                LOG.info("experiment {}: fleet {}", name, fleet.summary());
            }
            if (fleetProcesses != null) {
                // the merged summary is logged when the children stop, in the teardown
                LOG.info("experiment {}: fleet processes {}", name, fleetProcesses.snapshot());
            }
        }
        return result;
    }

    boolean finished() {
        return result != null;
    }

    private void check(RunResult finished) {
        if (fleetProcesses != null && fleetProcesses.failure().isDone()) {
            // the steady state was fed by the children: once one failed, its numbers are not the fleet's
            throw new AssertionError("experiment " + name + ": a fleet process failed, so the steady state is"
                    + " incomplete: " + fleetProcesses.failure().join() + "\n" + footer());
        }
        List<String> problems = Verdicts.problems(finished);
        boolean completed = finished.status() == RunStatus.COMPLETED;
        if (expectation == Expectation.HOLDS && (!completed || !problems.isEmpty())) {
            throw new AssertionError("experiment " + name + ": the steady state did not hold (run "
                    + finished.status() + (finished.statusReason().isEmpty() ? "" : ": " + finished.statusReason())
                    + "):\n  " + String.join("\n  ", problems) + "\n" + footer());
        }
        if (expectation == Expectation.DEVIATES && !finished.deviated()) {
            throw new AssertionError("experiment " + name + " is a known-bad control but the steady state held ("
                    + finished.status() + "):\n  " + Verdicts.all(finished) + "\n" + footer());
        }
    }

    String footer() {
        return "report: " + reportDirectory().toAbsolutePath() + "/report.html; replay with -Dchargestorm.seed="
                + seed;
    }
}
