package dev.chargestorm.steadystate.sli;

import java.time.Duration;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies on the hot path: wait-free and allocation-free (HdrHistogram {@link Recorder}, microsecond
 * resolution, 3 significant digits, values above one hour are clamped to one hour).
 */
public final class LatencyRecorder {

    static final long HIGHEST_MICROS = 3_600_000_000L;

    private final String name;
    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, 3);
    private Histogram recycle;

    LatencyRecorder(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Records one event that took {@code nanos} nanoseconds. */
    public void recordNanos(long nanos) {
        long micros = nanos / 1_000;
        recorder.recordValue(micros < 1 ? 1 : Math.min(micros, HIGHEST_MICROS));
    }

    /** Records one event that took {@code millis} milliseconds. */
    public void recordMillis(long millis) {
        recordNanos(millis * 1_000_000);
    }

    /** Records one event (allocates nothing beyond the caller's Duration). */
    public void record(Duration latency) {
        recordNanos(latency.toNanos());
    }

    /** Events since the previous call; only the collecting thread calls this. */
    synchronized Histogram interval() {
        Histogram h = recorder.getIntervalHistogram(recycle);
        Histogram copy = h.copy();
        recycle = h;
        return copy;
    }
}
