package dev.chargestorm.steadystate.sli;

import java.time.Duration;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies on the hot path: wait-free and allocation-free (HdrHistogram {@link Recorder} in whole
 * milliseconds, truncated: exact to 1 ms up to 2 s, then 3 significant digits; values above one hour are clamped to
 * one hour). Millisecond units keep the per-slice histograms small, so closing a slice stays cheap.
 */
public final class LatencyRecorder {

    static final long HIGHEST_MILLIS = 3_600_000L;

    private final String name;
    private final Recorder recorder = new Recorder(1, HIGHEST_MILLIS, 3);
    private Histogram recycle;
    private Histogram previous;

    LatencyRecorder(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Records one event that took {@code nanos} nanoseconds. */
    public void recordNanos(long nanos) {
        long millis = nanos / 1_000_000;
        recorder.recordValue(millis < 0 ? 0 : Math.min(millis, HIGHEST_MILLIS));
    }

    /** Records one event that took {@code millis} milliseconds. */
    public void recordMillis(long millis) {
        recorder.recordValue(millis < 0 ? 0 : Math.min(millis, HIGHEST_MILLIS));
    }

    /** Records one event (allocates nothing beyond the caller's Duration). */
    public void record(Duration latency) {
        recordNanos(latency.toNanos());
    }

    /**
     * Events since the previous call. The returned histogram is recycled by the call after next, so it is only valid
     * until then (a snapshot is used while its slice closes, then dropped).
     */
    synchronized Histogram interval() {
        Histogram h = recorder.getIntervalHistogram(recycle);
        recycle = previous;
        previous = h;
        return h;
    }
}
