package dev.chargestorm.steadystate.sli;

/** Latency percentiles of one slice, in milliseconds. */
public record LatencySummary(long count, double p50Millis, double p90Millis, double p99Millis, double maxMillis) {

    public LatencySummary {
        if (count < 0) {
            throw new IllegalArgumentException("'count' must be >= 0 but was [" + count + "]");
        }
    }
}
