package dev.chargestorm.steadystate.run;

import static dev.chargestorm.steadystate.dsl.SloDsl.counter;
import static dev.chargestorm.steadystate.dsl.SloDsl.declarations;
import static dev.chargestorm.steadystate.dsl.SloDsl.inProcessDataSource;
import static dev.chargestorm.steadystate.dsl.SloDsl.objective;
import static dev.chargestorm.steadystate.dsl.SloDsl.sli;
import static dev.chargestorm.steadystate.dsl.SloDsl.slo;
import static dev.chargestorm.steadystate.dsl.SloDsl.steadyState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import dev.chargestorm.steadystate.slo.Phase;
import dev.chargestorm.steadystate.testsupport.PlatformScenario;
import dev.chargestorm.steadystate.testsupport.PlatformScenario.FaultProfile;
import dev.chargestorm.steadystate.testsupport.TestClock;

import org.junit.jupiter.api.Test;

class SteadyStateRunTest {

    private static final ObjectiveKey P99 = new ObjectiveKey("search-latency", "p99 < 1 s");
    private static final ObjectiveKey STARTS = new ObjectiveKey("session-start-success", ">= 99.9 % within 30 s");

    @Test
    void degraded_fault_completes_with_fault_verdicts_failing_and_recovery_passing() {
        // WHEN
        RunResult run = PlatformScenario.completedRunWithDegradedFault();
        // THEN
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.aborts()).isEmpty();
        assertThat(run.phases()).extracting(PhaseWindow::phase)
                .containsExactly(Phase.BASELINE, Phase.FAULT, Phase.SETTLE, Phase.RECOVERY);
        assertThat(run.objectives()).filteredOn(o -> o.phase() == Phase.BASELINE)
                .extracting(ObjectiveResult::verdict).containsOnly(Verdict.PASS).hasSize(5);
        ObjectiveResult p99Fault = run.result(P99, Phase.FAULT).orElseThrow();
        assertThat(p99Fault.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(p99Fault.good()).isEqualTo(6 * 320);
        assertThat(p99Fault.total()).isEqualTo(6 * 400);
        assertThat(run.result(STARTS, Phase.FAULT).orElseThrow().measured()).isEqualTo(0.975);
        assertThat(run.objectives()).filteredOn(o -> o.phase() == Phase.RECOVERY)
                .extracting(ObjectiveResult::verdict).containsOnly(Verdict.PASS);
        assertThat(run.recoveries()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.affected()).isEqualTo(30);
            assertThat(r.recoverySeconds().getLast()).isEqualTo(55.0);
        });
        assertThat(run.invariants()).singleElement().extracting(i -> i.verdict()).isEqualTo(Verdict.PASS);
        assertThat(run.deviated()).isTrue();
        assertThat(run.rollbacks()).extracting(RollbackStep::step).containsExactly("remove latency toxic db-zone-a");
        assertThat(run.series()).hasSize(5);
        assertThat(run.series().getFirst().slices()).hasSize(12 + 6 + 6 + 18);
        assertThat(run.series().getFirst().slices().getFirst().latency().p99Millis()).isBetween(88.0, 90.0);
    }

    @Test
    void guardrail_aborts_the_run_once_and_calls_back_the_experiment() {
        List<String> callbacks = new ArrayList<>();
        RunResult run = PlatformScenario.abortedRun(callbacks);
        assertThat(run.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(callbacks).containsExactly("floor");
        assertThat(run.aborts()).singleElement().satisfies(a -> {
            assertThat(a.at()).isEqualTo(PlatformScenario.T0.plusSeconds(150));
            assertThat(a.evidence()).isEqualTo("session-start-success/>= 99.9 % within 30 s: good-event ratio"
                    + " [50.00 %, 50.00 %, 50.00 %] below 95.00 % in 3 consecutive slices");
        });
        assertThat(run.statusReason()).startsWith("abort rule 'floor' (hard-floor) fired at 2026-01-15T10:02:30Z");
        assertThat(run.events()).extracting(RunEvent::type).contains("abort", "abort-callback", "rollback");
        assertThat(run.objectives()).filteredOn(o -> o.phase() == Phase.RECOVERY).isNotEmpty();
    }

    @Test
    void a_lost_transaction_breaches_the_continuous_invariant_and_aborts() {
        List<String> callbacks = new ArrayList<>();
        RunResult run = PlatformScenario.run(new FaultProfile(0, 0, 0, 0, 2, 6), callbacks);
        assertThat(callbacks).containsExactly("invariants");
        assertThat(run.invariantChecksDuringRun()).isNotEmpty();
        assertThat(run.invariants()).singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(c.missing()).isEqualTo(2);
            assertThat(c.missingSample()).containsExactly("tx-241", "tx-242");
        });
    }

    @Test
    void a_slow_invariant_check_waits_nine_times_as_long_before_the_next() {
        // GIVEN a ledger that takes 3 s to read, and 10 s slices: 12 in the fault phase, 6 settling, 18 recovering
        List<Instant> reads = new ArrayList<>();
        // WHEN
        RunResult run = PlatformScenario.run(new FaultProfile(0, 0, 0, 0, 0, 12), new ArrayList<>(),
                Duration.ofSeconds(3), reads);
        // THEN continuous checks at least 3 s + 27 s apart (every third slice), then the final check after recovery
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.invariants()).singleElement().extracting(i -> i.verdict()).isEqualTo(Verdict.PASS);
        assertThat(reads).hasSize(36 / 3 + 1);
        for (int i = 1; i < reads.size() - 1; i++) {
            assertThat(Duration.between(reads.get(i - 1), reads.get(i))).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void a_quick_invariant_check_runs_at_every_slice_boundary_after_the_first_injection() {
        List<Instant> reads = new ArrayList<>();
        PlatformScenario.run(new FaultProfile(0, 0, 0, 0, 0, 12), new ArrayList<>(), Duration.ZERO, reads);
        assertThat(reads).hasSize(36 + 1);
    }

    @Test
    void chargers_that_never_come_back_fail_the_recovery_objective() {
        RunResult run = PlatformScenario.run(new FaultProfile(0, 0, 30, 3, 0, 6), new ArrayList<>());
        assertThat(run.recoveries()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.neverRecovered()).isEqualTo(3);
            assertThat(r.explanation()).isEqualTo("27 of 30 affected entities (90.00 %) back within 60 s, 3 never"
                    + " recovered; objective >= 99.00 %");
            assertThat(r.slowest()).startsWith("cp-27 (never)");
        });
    }

    @Test
    void failed_baseline_gate_means_not_started_and_no_injection() {
        // GIVEN a baseline where 10 % of searches are slower than 1 s
        TestClock clock = new TestClock(PlatformScenario.T0);
        InProcessSource src = new InProcessSource(clock);
        SteadyStateRun run = SteadyStateRun.builder(PlatformScenario.declarations(), "charging-platform")
                .clock(clock).inProcess(src).probe("db.persisted-messages", List::of).build();
        run.start();
        for (int i = 0; i < 1000; i++) {
            src.timer("search.request").recordMillis(i % 10 == 0 ? 1200 : 50);
            src.counter("search.requests").increment();
        }
        clock.advance(Duration.ofSeconds(120));
        // WHEN
        GateDecision gate = run.endBaseline();
        // THEN
        assertThat(gate.passed()).isFalse();
        assertThat(run.status()).isEqualTo(RunStatus.NOT_STARTED);
        assertThatIllegalStateException().isThrownBy(() -> run.faultStarted("db-latency"))
                .withMessageStartingWith("fault 'db-latency' must not be injected: baseline gate failed: ")
                .withMessageContaining("search-latency/p99 < 1 s FAIL (90.00 % of 1000 events good (95 % Wilson"
                        + " [87.98 %, 91.71 %]); objective >= 99.00 %)");
        assertThat(run.finish().status()).isEqualTo(RunStatus.NOT_STARTED);
    }

    @Test
    void verdicts_so_far_cover_the_phases_reached() {
        TestClock clock = new TestClock(PlatformScenario.T0);
        InProcessSource src = new InProcessSource(clock);
        SteadyStateRun run = SteadyStateRun.builder(tinyDeclarations(), "tiny").clock(clock).inProcess(src).build();
        run.start();
        src.counter("t").add(10);
        src.counter("g").add(9);
        clock.advance(Duration.ofSeconds(10));
        run.tick();
        assertThat(run.verdictsSoFar()).singleElement().satisfies(r -> {
            assertThat(r.phase()).isEqualTo(Phase.BASELINE);
            assertThat(r.measured()).isEqualTo(0.9);
        });
        run.faultStarted("f");
        assertThat(run.verdictsSoFar()).extracting(ObjectiveResult::phase).containsExactly(Phase.BASELINE, Phase.FAULT);
    }

    @Test
    void interruption_and_harness_errors_set_the_run_status() {
        Declarations d = tinyDeclarations();
        TestClock clock = new TestClock(PlatformScenario.T0);
        SteadyStateRun interrupted = SteadyStateRun.builder(d, "tiny").clock(clock)
                .inProcess(new InProcessSource(clock)).build();
        interrupted.start();
        interrupted.interrupt("operator pressed Stop");
        assertThat(interrupted.finish().statusReason()).isEqualTo("operator pressed Stop");
        assertThat(interrupted.finish().status()).isEqualTo(RunStatus.INTERRUPTED);

        SteadyStateRun errored = SteadyStateRun.builder(d, "tiny").clock(clock)
                .inProcess(new InProcessSource(clock)).build();
        errored.start();
        errored.errored(new IllegalStateException("proxy did not start"));
        assertThat(errored.finish().status()).isEqualTo(RunStatus.ERRORED);
    }

    @Test
    void a_run_needs_a_source_for_every_data_source_it_reads() {
        assertThatIllegalArgumentException().isThrownBy(() -> SteadyStateRun.builder(tinyDeclarations(), "tiny")
                        .build())
                .withMessage("no SLI source registered for [d] (read by steady state 'tiny'); register them with"
                        + " source(name, SliSource) or inProcess(..)");
        assertThatIllegalArgumentException().isThrownBy(() -> SteadyStateRun.builder(tinyDeclarations(), "nope")
                        .build())
                .withMessage("no SteadyState named 'nope' is declared; known: [tiny]");
    }

    @Test
    void a_scheduled_ticker_closes_slices_in_real_time() {
        // GIVEN a 50 ms slice and the system clock
        InProcessSource src = new InProcessSource(InstantSource.system());
        Declarations d = declarations().dataSource(inProcessDataSource("d"))
                .slo(slo("s").service("svc").objective(objective("o").indicator(sli("x").goodOver(counter("d", "g"),
                        counter("d", "t"))).target(0.5)).build())
                .steadyState(steadyState("fast").slice(Duration.ofMillis(50)).objective("s", Phase.BASELINE).build())
                .build();
        SteadyStateRun run = SteadyStateRun.builder(d, "fast").inProcess(src).build();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            run.start();
            ScheduledFuture<?> ticker = run.tickEvery(executor);
            // THEN
            await("three slices closed").atMost(Duration.ofSeconds(10)).until(() -> run.slicesClosed() >= 3);
            ticker.cancel(false);
        } finally {
            executor.shutdownNow();
        }
        assertThat(run.finish().series().getFirst().slices()).hasSizeGreaterThanOrEqualTo(3);
    }

    static Declarations tinyDeclarations() {
        return declarations().dataSource(inProcessDataSource("d"))
                .slo(slo("s").service("svc").objective(objective("o").indicator(sli("x").goodOver(counter("d", "g"),
                        counter("d", "t"))).target(0.5)).build())
                .steadyState(steadyState("tiny").objective("s", Phase.BASELINE, Phase.FAULT).build())
                .build();
    }
}
