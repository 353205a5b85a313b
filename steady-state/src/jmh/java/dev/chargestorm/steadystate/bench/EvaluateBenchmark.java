package dev.chargestorm.steadystate.bench;

import static dev.chargestorm.steadystate.dsl.SloDsl.abortPolicy;
import static dev.chargestorm.steadystate.dsl.SloDsl.declarations;
import static dev.chargestorm.steadystate.dsl.SloDsl.inProcessDataSource;
import static dev.chargestorm.steadystate.dsl.SloDsl.objective;
import static dev.chargestorm.steadystate.dsl.SloDsl.sli;
import static dev.chargestorm.steadystate.dsl.SloDsl.slo;
import static dev.chargestorm.steadystate.dsl.SloDsl.steadyState;
import static dev.chargestorm.steadystate.dsl.SloDsl.timer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.chargestorm.steadystate.evaluation.ObjectiveEvaluator;
import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.evaluation.SliceSample;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.run.SteadyStateRun;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.steadystate.slo.BudgetingMethod;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.Objective;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import dev.chargestorm.steadystate.slo.Phase;
import dev.chargestorm.steadystate.slo.Sli;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One hour of 1 s slices for 20 objectives (target: under 1 s). {@code judgeRecordedHour} judges a recorded hour
 * (3 phases x 20 objectives x 3,600 slices); {@code liveHour} runs the whole live engine: 3,600 slice closes reading
 * 20 objectives from the in-process source, the abort policy checked at every slice after injection, then finish().
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class EvaluateBenchmark {

    private static final int OBJECTIVES = 20;
    private static final int SLICES = 3_600;
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    private List<ObjectiveKey> keys;
    private List<Objective> objectives;
    private List<List<List<SliceSample>>> byPhase;
    private Declarations declarations;

    @Setup
    public void setUp() {
        keys = new ArrayList<>();
        objectives = new ArrayList<>();
        byPhase = new ArrayList<>();
        var decl = declarations().dataSource(inProcessDataSource("d"));
        var ss = steadyState("hour").slice(Duration.ofSeconds(1)).minEventsPerSlice(10)
                .baseline(Duration.ofMinutes(10), true).recovery(Duration.ZERO, Duration.ofMinutes(20));
        for (int o = 0; o < OBJECTIVES; o++) {
            Sli sli = sli("sli-" + o).goodOver(timer("d", "timer-" + o, Duration.ofMillis(200)), timer("d", "timer-" + o));
            Objective objective = new Objective("o" + o, sli, null, null, 0.99, null);
            keys.add(new ObjectiveKey("slo-" + o, "o" + o));
            objectives.add(objective);
            List<List<SliceSample>> phases = new ArrayList<>();
            for (Phase p : List.of(Phase.BASELINE, Phase.FAULT, Phase.RECOVERY)) {
                List<SliceSample> slices = new ArrayList<>();
                for (int i = 0; i < SLICES / 3; i++) {
                    slices.add(SliceSample.of(T0.plusSeconds(i), Duration.ofSeconds(1), p, 995, 1000));
                }
                phases.add(slices);
            }
            byPhase.add(phases);
            decl = decl.sli(sli).slo(slo("slo-" + o).service("svc").objective(objective("o" + o).indicator(sli)
                    .target(0.99)).build());
            ss = ss.objective("slo-" + o, Phase.BASELINE, Phase.FAULT, Phase.RECOVERY);
        }
        declarations = decl.steadyState(ss.build()).abortPolicy(abortPolicy("guard")
                .burnRate("fast-burn", Duration.ofMinutes(5), Duration.ofMinutes(1), 36, Duration.ofSeconds(30),
                        keys.stream().map(k -> k.slo()).toArray(String[]::new))
                .hardFloor("floor", 0.5, 3, keys.stream().map(k -> k.slo()).toArray(String[]::new))
                .noData("no-data", 3).build()).build();
    }

    @Benchmark
    public List<ObjectiveResult> judgeRecordedHour() {
        List<ObjectiveResult> out = new ArrayList<>(OBJECTIVES * 3);
        List<Phase> phases = List.of(Phase.BASELINE, Phase.FAULT, Phase.RECOVERY);
        for (int o = 0; o < OBJECTIVES; o++) {
            for (int p = 0; p < 3; p++) {
                out.add(ObjectiveEvaluator.evaluate(keys.get(o), objectives.get(o), BudgetingMethod.OCCURRENCES,
                        phases.get(p), byPhase.get(o).get(p), 10));
            }
        }
        return out;
    }

    @Benchmark
    public RunResult liveHour() {
        MutableClock clock = new MutableClock(T0);
        InProcessSource source = new InProcessSource(clock);
        SteadyStateRun run = SteadyStateRun.builder(declarations, "hour").clock(clock).inProcess(source)
                .abortPolicy("guard").build();
        run.start();
        for (int s = 0; s < SLICES; s++) {
            if (s == 600) {
                run.faultStarted("fault");
            } else if (s == 1_800) {
                run.faultEnded("fault");
            }
            for (int o = 0; o < OBJECTIVES; o++) {
                for (int e = 0; e < 12; e++) {
                    source.timer("timer-" + o).recordMillis(50 + (s + e) % 100);
                }
            }
            clock.advance(Duration.ofSeconds(1));
            run.tick();
        }
        return run.finish();
    }

    /** A clock the benchmark moves. */
    static final class MutableClock implements InstantSource {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

}
