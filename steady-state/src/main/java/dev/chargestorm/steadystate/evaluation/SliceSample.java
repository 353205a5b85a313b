package dev.chargestorm.steadystate.evaluation;

import java.time.Duration;
import java.time.Instant;

import dev.chargestorm.steadystate.sli.LatencySummary;
import dev.chargestorm.steadystate.slo.Phase;

/**
 * Good and total events of one objective in one slice.
 *
 * @param latency percentiles of the underlying timer, or {@code null} when the SLI is not a timer
 * @param sourceError why the source could not be read, or {@code null}
 */
public record SliceSample(Instant start, Instant end, Phase phase, long good, long total, LatencySummary latency,
                          String sourceError) {

    public SliceSample {
        if (start == null || end == null || end.isBefore(start)) {
            throw new IllegalArgumentException("slice must have start <= end but was [" + start + ", " + end + "]");
        }
        if (phase == null) {
            throw new IllegalArgumentException("'phase' must not be null");
        }
        if (total < 0 || good < 0 || good > total) {
            throw new IllegalArgumentException("slice needs 0 <= good <= total but had good [" + good + "] and total ["
                    + total + "]");
        }
    }

    /** A sample without latency data or errors. */
    public static SliceSample of(Instant start, Duration length, Phase phase, long good, long total) {
        return new SliceSample(start, start.plus(length), phase, good, total, null, null);
    }

    public long bad() {
        return total - good;
    }

    /** good / total, or NaN without events. */
    public double ratio() {
        return total == 0 ? Double.NaN : (double) good / total;
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
