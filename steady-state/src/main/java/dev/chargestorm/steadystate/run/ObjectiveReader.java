package dev.chargestorm.steadystate.run;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.chargestorm.steadystate.evaluation.SliceSample;
import dev.chargestorm.steadystate.sli.SpecDurations;
import dev.chargestorm.steadystate.sli.LatencySummary;
import dev.chargestorm.steadystate.sli.SliceSnapshot;
import dev.chargestorm.steadystate.sli.SourceException;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.MetricSource;
import dev.chargestorm.steadystate.slo.Objective;
import dev.chargestorm.steadystate.slo.Phase;
import dev.chargestorm.steadystate.slo.SliSpec;

/** Turns one slice's source snapshots into an objective's good and total events. */
final class ObjectiveReader {

    private ObjectiveReader() {
    }

    static SliceSample read(Objective objective, Instant start, Instant end, Phase phase,
                            Map<String, SliceSnapshot> snapshots, Map<String, String> errors) {
        try {
            return switch (objective.indicator().spec()) {
                case SliSpec.Ratio r -> {
                    long total = snapshot(r.total(), snapshots).count(r.total().spec());
                    long good = r.good() != null ? snapshot(r.good(), snapshots).count(r.good().spec())
                            : total - snapshot(r.bad(), snapshots).count(r.bad().spec());
                    good = Math.max(0, Math.min(good, total));
                    MetricSource timerSource = r.good() != null && r.good().spec().containsKey("timer") ? r.good()
                            : r.total().spec().containsKey("timer") ? r.total() : null;
                    Map<String, String> timerSpec = timerSource == null ? null : withoutLe(timerSource.spec());
                    LatencySummary latency = timerSpec == null ? null
                            : snapshot(timerSource, snapshots).latency(timerSpec).orElse(null);
                    yield new SliceSample(start, end, phase, good, total, latency, error(objective, errors));
                }
                case SliSpec.Threshold t -> {
                    SliceSnapshot s = snapshot(t.source(), snapshots);
                    Map<String, String> spec = t.source().spec();
                    if (spec.containsKey("gauge") || "gauge".equals(spec.get("kind"))) {
                        var value = s.value(spec);
                        long good = value.isPresent() && objective.op().test(value.getAsDouble(), objective.value())
                                ? 1 : 0;
                        yield new SliceSample(start, end, phase, good, value.isPresent() ? 1 : 0, null,
                                error(objective, errors));
                    }
                    long total = s.timerTotal(spec);
                    long good = Math.max(0, Math.min(total, s.countWhere(spec, objective.op(), objective.value())));
                    yield new SliceSample(start, end, phase, good, total, s.latency(spec).orElse(null),
                            error(objective, errors));
                }
            };
        } catch (SourceException e) {
            return new SliceSample(start, end, phase, 0, 0, null, e.getMessage());
        }
    }

    /** The latency bound an objective is judged against, for charts; {@code null} when it does not read a timer. */
    static Double thresholdMillis(Objective objective) {
        return switch (objective.indicator().spec()) {
            case SliSpec.Threshold t -> t.source().spec().containsKey("gauge") ? null : objective.value();
            case SliSpec.Ratio r -> {
                MetricSource m = r.good() != null ? r.good() : r.bad();
                String le = m.spec().get("le");
                yield le == null ? null : millis(le);
            }
        };
    }

    private static double millis(String le) {
        try {
            return SpecDurations.millis(le, "le");
        } catch (SourceException e) {
            return Double.NaN;
        }
    }

    private static SliceSnapshot snapshot(MetricSource m, Map<String, SliceSnapshot> snapshots) {
        SliceSnapshot s = snapshots.get(m.sourceKey());
        if (s == null) {
            throw new SourceException("no source registered for '" + m.sourceKey() + "'");
        }
        return s;
    }

    private static String error(Objective objective, Map<String, String> errors) {
        for (MetricSource m : Declarations.sources(objective.indicator().spec())) {
            String e = errors.get(m.sourceKey());
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private static Map<String, String> withoutLe(Map<String, String> spec) {
        Map<String, String> copy = new HashMap<>(spec);
        copy.remove("le");
        return copy;
    }
}
