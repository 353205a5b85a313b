package dev.chargestorm.fleet.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Milliseconds from 0 to one hour, 3 significant digits; wait-free recording, cumulative reading. */
final class Timer {

    static final long HIGHEST_MILLIS = 3_600_000L;

    private final Recorder recorder = new Recorder(HIGHEST_MILLIS, 3);
    private final Histogram total = new Histogram(HIGHEST_MILLIS, 3);

    void recordNanos(long nanos) {
        recordMillis(nanos / 1_000_000);
    }

    void recordMillis(long millis) {
        recorder.recordValue(Math.max(0, Math.min(millis, HIGHEST_MILLIS)));
    }

    /** Everything recorded so far (a copy). */
    synchronized Histogram cumulative() {
        total.add(recorder.getIntervalHistogram());
        return total.copy();
    }
}
