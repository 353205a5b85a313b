package dev.chargestorm.steadystate.bench;

import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

import dev.chargestorm.steadystate.sli.EventCounter;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.steadystate.sli.LatencyRecorder;

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

/** Hot path: recording one event into the in-process recorders (target: <= 100 ns, no allocation). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordBenchmark {

    private LatencyRecorder timer;
    private EventCounter counter;
    private long value;

    @Setup
    public void setUp() {
        InProcessSource source = new InProcessSource(InstantSource.system());
        timer = source.timer("search.request");
        counter = source.counter("search.requests");
    }

    @Benchmark
    public void recordLatency() {
        // varying values (40 us .. 1 s) so the histogram index changes
        value = (value + 7_919_113) % 1_000_000_000L;
        timer.recordNanos(40_000 + value);
    }

    @Benchmark
    public void countEvent() {
        counter.increment();
    }
}
