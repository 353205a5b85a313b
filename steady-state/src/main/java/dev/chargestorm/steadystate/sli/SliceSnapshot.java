package dev.chargestorm.steadystate.sli;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.chargestorm.steadystate.slo.Operator;

/**
 * One slice's worth of data from one source, queried with a metric source's flattened {@code spec}.
 * Metrics the source does not know count as zero events / no value.
 */
public interface SliceSnapshot {

    /**
     * Events in the slice: a counter's increase, a timer's count, or (gauges) the gauge's value rounded down. With a
     * {@code le} key (a duration) only timer events at most that long are counted.
     */
    long count(Map<String, String> spec);

    /** All events of a timer (in-process timer count, or a Prometheus histogram's {@code _count} increase). */
    long timerTotal(Map<String, String> spec);

    /** Timer events whose value in milliseconds satisfies {@code value op thresholdMillis}. */
    long countWhere(Map<String, String> spec, Operator op, double thresholdMillis);

    /** A gauge's current value. */
    OptionalDouble value(Map<String, String> spec);

    /** Percentiles of a timer in this slice, when the spec names a timer that saw events. */
    Optional<LatencySummary> latency(Map<String, String> spec);

    /** A snapshot without any data (e.g. for a source that failed). */
    static SliceSnapshot empty() {
        return new SliceSnapshot() {
            @Override
            public long count(Map<String, String> spec) {
                return 0;
            }

            @Override
            public long timerTotal(Map<String, String> spec) {
                return 0;
            }

            @Override
            public long countWhere(Map<String, String> spec, Operator op, double thresholdMillis) {
                return 0;
            }

            @Override
            public OptionalDouble value(Map<String, String> spec) {
                return OptionalDouble.empty();
            }

            @Override
            public Optional<LatencySummary> latency(Map<String, String> spec) {
                return Optional.empty();
            }
        };
    }
}
