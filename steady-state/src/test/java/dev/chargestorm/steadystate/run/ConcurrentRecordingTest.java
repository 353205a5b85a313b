package dev.chargestorm.steadystate.run;

import static dev.chargestorm.steadystate.dsl.SloDsl.counter;
import static dev.chargestorm.steadystate.dsl.SloDsl.declarations;
import static dev.chargestorm.steadystate.dsl.SloDsl.inProcessDataSource;
import static dev.chargestorm.steadystate.dsl.SloDsl.objective;
import static dev.chargestorm.steadystate.dsl.SloDsl.sli;
import static dev.chargestorm.steadystate.dsl.SloDsl.slo;
import static dev.chargestorm.steadystate.dsl.SloDsl.steadyState;
import static dev.chargestorm.steadystate.dsl.SloDsl.timer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.chargestorm.steadystate.evaluation.SliceSample;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.Phase;

import org.junit.jupiter.api.Test;

/** Drivers record from several threads while the ticker closes slices: no event is lost or counted twice. */
class ConcurrentRecordingTest {

    @Test
    void events_recorded_from_many_threads_during_live_slicing_are_all_counted_once() throws Exception {
        // GIVEN 25 ms slices on the system clock, four driver threads
        Declarations d = declarations().dataSource(inProcessDataSource("load"))
                .slo(slo("latency").service("svc").objective(objective("fast").indicator(sli("le-100ms").goodOver(
                        timer("load", "req", Duration.ofMillis(100)), timer("load", "req"))).target(0.5)).build(),
                        slo("count").service("svc").objective(objective("ok").indicator(sli("ok-ratio").goodOver(
                                counter("load", "ok"), counter("load", "all"))).target(0.5)).build())
                .steadyState(steadyState("live").slice(Duration.ofMillis(25))
                        .objective("latency", Phase.BASELINE).objective("count", Phase.BASELINE).build())
                .build();
        InProcessSource src = new InProcessSource(InstantSource.system());
        SteadyStateRun run = SteadyStateRun.builder(d, "live").inProcess(src).build();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService drivers = Executors.newFixedThreadPool(4);
        int perThread = 50_000;
        try {
            run.start();
            run.tickEvery(ticker);
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perThread; i++) {
                        src.timer("req").recordMillis(i % 2 == 0 ? 10 : 500);
                        src.counter("all").increment();
                        if (i % 2 == 0) {
                            src.counter("ok").increment();
                        }
                    }
                }, drivers));
            }
            // WHEN the drivers are done and a few more slices have closed
            await("drivers finished").atMost(Duration.ofSeconds(60))
                    .until(() -> work.stream().allMatch(CompletableFuture::isDone));
            int closed = run.slicesClosed();
            await("two more slices").atMost(Duration.ofSeconds(10)).until(() -> run.slicesClosed() >= closed + 2);
        } finally {
            ticker.shutdownNow();
            drivers.shutdownNow();
        }
        RunResult result = run.finish();
        // THEN
        for (ObjectiveSeries s : result.series()) {
            long total = s.slices().stream().mapToLong(SliceSample::total).sum();
            long good = s.slices().stream().mapToLong(SliceSample::good).sum();
            assertThat(total).as(s.key() + " total").isEqualTo(4L * perThread);
            assertThat(good).as(s.key() + " good").isEqualTo(2L * perThread);
        }
    }
}
