package dev.chargestorm.steadystate.sli;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

import dev.chargestorm.steadystate.slo.Operator;

import org.HdrHistogram.Histogram;

/**
 * The {@code harness.inprocess} source: named recorders that the fleet, the load drivers and the experiment feed.
 * Spec keys: {@code timer}, {@code counter} or {@code gauge} (the recorder's name) and, for timers, {@code le}.
 */
public final class InProcessSource implements SliSource {

    /** The OpenSLO DataSource type this source serves. */
    public static final String TYPE = "harness.inprocess";

    private final InstantSource clock;
    private final Map<String, LatencyRecorder> timers = new ConcurrentHashMap<>();
    private final Map<String, EventCounter> counters = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();
    private final Map<String, IdSetRecorder> idSets = new ConcurrentHashMap<>();
    private final Map<String, RecoveryTracker> trackers = new ConcurrentHashMap<>();

    public InProcessSource(InstantSource clock) {
        this.clock = clock;
    }

    public LatencyRecorder timer(String name) {
        return timers.computeIfAbsent(name, LatencyRecorder::new);
    }

    public EventCounter counter(String name) {
        return counters.computeIfAbsent(name, EventCounter::new);
    }

    public Gauge gauge(String name) {
        return gauges.computeIfAbsent(name, Gauge::new);
    }

    public IdSetRecorder idSet(String name) {
        return idSets.computeIfAbsent(name, IdSetRecorder::new);
    }

    public RecoveryTracker recoveryTracker(String name) {
        return trackers.computeIfAbsent(name, n -> new RecoveryTracker(n, clock));
    }

    /** The id sets, to be used as invariant probes by name. */
    public Map<String, IdProbe> idProbes() {
        return Map.copyOf(idSets);
    }

    /** The recovery trackers by name. */
    public Map<String, RecoveryTracker> recoveryTrackers() {
        return Map.copyOf(trackers);
    }

    @Override
    public synchronized SliceSnapshot collect() {
        Map<String, Histogram> h = new HashMap<>();
        timers.forEach((name, t) -> h.put(name, t.interval()));
        Map<String, Long> c = new HashMap<>();
        counters.forEach((name, counter) -> c.put(name, counter.drain()));
        Map<String, Double> g = new HashMap<>();
        gauges.forEach((name, gauge) -> g.put(name, gauge.read()));
        return new Snapshot(h, c, g);
    }

    private record Snapshot(Map<String, Histogram> timers, Map<String, Long> counters, Map<String, Double> gauges)
            implements SliceSnapshot {

        @Override
        public long count(Map<String, String> spec) {
            if (spec.containsKey("timer")) {
                Histogram h = timers.get(spec.get("timer"));
                if (h == null) {
                    return 0;
                }
                String le = spec.get("le");
                if (le == null) {
                    return h.getTotalCount();
                }
                return atMost(h, SpecDurations.millis(le, "le"));
            }
            if (spec.containsKey("counter")) {
                return counters.getOrDefault(spec.get("counter"), 0L);
            }
            if (spec.containsKey("gauge")) {
                double v = gauges.getOrDefault(spec.get("gauge"), Double.NaN);
                return Double.isNaN(v) ? 0 : (long) Math.floor(v);
            }
            throw new SourceException("harness.inprocess spec needs one of timer, counter or gauge but was " + spec);
        }

        @Override
        public long timerTotal(Map<String, String> spec) {
            Histogram h = timers.get(spec.get("timer"));
            return h == null ? 0 : h.getTotalCount();
        }

        @Override
        public long countWhere(Map<String, String> spec, Operator op, double thresholdMillis) {
            Histogram h = timers.get(spec.get("timer"));
            if (h == null) {
                if (!spec.containsKey("timer")) {
                    throw new SourceException("threshold on harness.inprocess needs a timer but spec was " + spec);
                }
                return 0;
            }
            // strict bounds exclude the bucket holding the threshold (1 ms below 2 s, then 3 significant digits)
            long atMost = op == Operator.LT || op == Operator.GTE
                    ? atMost(h, h.lowestEquivalentValue((long) Math.ceil(thresholdMillis)) - 1)
                    : atMost(h, thresholdMillis);
            return op == Operator.LT || op == Operator.LTE ? atMost : h.getTotalCount() - atMost;
        }

        @Override
        public OptionalDouble value(Map<String, String> spec) {
            Double v = gauges.get(spec.get("gauge"));
            return v == null || v.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(v);
        }

        @Override
        public Optional<LatencySummary> latency(Map<String, String> spec) {
            Histogram h = timers.get(spec.get("timer"));
            if (h == null || h.getTotalCount() == 0) {
                return Optional.empty();
            }
            return Optional.of(new LatencySummary(h.getTotalCount(), h.getValueAtPercentile(50),
                    h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue()));
        }

        private static long atMost(Histogram h, double millis) {
            if (millis < 0) {
                return 0;
            }
            return h.getCountBetweenValues(0, Math.min((long) Math.floor(millis), LatencyRecorder.HIGHEST_MILLIS));
        }
    }
}
