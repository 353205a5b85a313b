package dev.chargestorm.steadystate.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chargestorm.steadystate.slo.AbortPolicy;
import dev.chargestorm.steadystate.slo.AbortRule;
import dev.chargestorm.steadystate.slo.DataSource;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.Invariant;
import dev.chargestorm.steadystate.slo.MetricSource;
import dev.chargestorm.steadystate.slo.Objective;
import dev.chargestorm.steadystate.slo.Phase;
import dev.chargestorm.steadystate.slo.PhaseBinding;
import dev.chargestorm.steadystate.slo.RecoveryObjective;
import dev.chargestorm.steadystate.slo.Sli;
import dev.chargestorm.steadystate.slo.SliSpec;
import dev.chargestorm.steadystate.slo.Slo;
import dev.chargestorm.steadystate.slo.SteadyState;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes {@link Declarations} as multi-document YAML that {@link SloFiles} reads back into an equal model, so a
 * DSL-authored experiment can emit its declarative form (for the report or for reuse as a file).
 */
public final class SloYamlWriter {

    private SloYamlWriter() {
    }

    public static String toYaml(Declarations d) {
        List<Object> docs = new ArrayList<>();
        for (DataSource ds : d.dataSources()) {
            Map<String, Object> spec = map("type", ds.type());
            if (!ds.connectionDetails().isEmpty()) {
                spec.put("connectionDetails", new LinkedHashMap<>(ds.connectionDetails()));
            }
            docs.add(doc(SloFiles.OPENSLO_V1, "DataSource", ds.name(), spec));
        }
        for (Sli sli : d.slis()) {
            docs.add(doc(SloFiles.OPENSLO_V1, "SLI", sli.name(), sliSpec(sli.spec())));
        }
        for (Slo slo : d.slos()) {
            docs.add(doc(SloFiles.OPENSLO_V1, "SLO", slo.name(), slo(slo, d)));
        }
        for (RecoveryObjective r : d.recoveryObjectives()) {
            docs.add(doc(SloFiles.HARNESS_V1ALPHA1, "RecoveryObjective", r.name(), map("population", r.population(),
                    "anchor", r.anchor().yamlName(), "within", duration(r.within()), "target", r.target())));
        }
        for (Invariant i : d.invariants()) {
            Map<String, Object> spec = new LinkedHashMap<>();
            if (!i.description().isEmpty()) {
                spec.put("description", i.description());
            }
            spec.put("reconcile", map("expected", i.expected(), "actual", i.actual()));
            spec.put("assert", map("missing", i.maxMissing(), "duplicates", i.maxDuplicates()));
            spec.put("when", i.continuous() ? List.of("continuous", "afterRecovery") : List.of("afterRecovery"));
            spec.put("settle", duration(i.settle()));
            docs.add(doc(SloFiles.HARNESS_V1ALPHA1, "Invariant", i.name(), spec));
        }
        for (SteadyState s : d.steadyStates()) {
            docs.add(doc(SloFiles.HARNESS_V1ALPHA1, "SteadyState", s.name(), steadyState(s)));
        }
        for (AbortPolicy p : d.abortPolicies()) {
            List<Object> rules = new ArrayList<>();
            for (AbortRule r : p.rules()) {
                rules.add(rule(r));
            }
            docs.add(doc(SloFiles.HARNESS_V1ALPHA1, "AbortPolicy", p.name(),
                    map("evaluateEvery", duration(p.evaluateEvery()), "rules", rules)));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setExplicitStart(false);
        return new Yaml(options).dumpAll(docs.iterator());
    }

    private static Map<String, Object> slo(Slo slo, Declarations d) {
        Map<String, Object> spec = map("service", slo.service(), "budgetingMethod", slo.budgetingMethod().yamlName(),
                "timeWindow", List.of(map("duration", duration(slo.timeWindow()), "isRolling", true)));
        Sli shared = slo.objectives().stream().map(Objective::indicator).distinct().count() == 1
                && !d.slis().contains(slo.objectives().getFirst().indicator())
                ? slo.objectives().getFirst().indicator() : null;
        if (shared != null) {
            spec.put("indicator", map("metadata", map("name", shared.name()), "spec", sliSpec(shared.spec())));
        }
        List<Object> objectives = new ArrayList<>();
        for (Objective o : slo.objectives()) {
            Map<String, Object> m = map("displayName", o.name());
            if (shared == null) {
                if (d.slis().contains(o.indicator())) {
                    m.put("indicatorRef", o.indicator().name());
                } else {
                    m.put("indicator", map("metadata", map("name", o.indicator().name()), "spec",
                            sliSpec(o.indicator().spec())));
                }
            }
            if (o.op() != null) {
                m.put("op", o.op().yamlName());
                m.put("value", o.value());
            }
            m.put("target", o.target());
            if (o.timeSliceTarget() != null) {
                m.put("timeSliceTarget", o.timeSliceTarget());
            }
            objectives.add(m);
        }
        spec.put("objectives", objectives);
        return spec;
    }

    private static Map<String, Object> steadyState(SteadyState s) {
        List<Object> bindings = new ArrayList<>();
        for (PhaseBinding b : s.objectives()) {
            Map<String, Object> m = map("sloRef", b.sloRef());
            if (b.objective() != null) {
                m.put("objective", b.objective());
            }
            m.put("phases", b.phases().stream().sorted().map(Phase::yamlName).toList());
            if (b.minEventsPerSlice() != null) {
                m.put("minEventsPerSlice", b.minEventsPerSlice());
            }
            bindings.add(m);
        }
        Map<String, Object> spec = map("slice", duration(s.slice()), "minEventsPerSlice", s.minEventsPerSlice(),
                "phases", map("baseline", map("duration", duration(s.baseline()), "gate", s.baselineGate()),
                        "fault", map("during", "activeFaults"),
                        "recovery", map("settleAfterLastFault", duration(s.recoverySettle()),
                                "duration", duration(s.recovery()))),
                "objectives", bindings);
        if (!s.recoveryObjectives().isEmpty()) {
            spec.put("recoveryObjectives", s.recoveryObjectives());
        }
        if (!s.invariants().isEmpty()) {
            spec.put("invariants", s.invariants());
        }
        return spec;
    }

    private static Map<String, Object> rule(AbortRule rule) {
        return switch (rule) {
            case AbortRule.InvariantBreach r -> map("name", r.name(), "invariantRefs", r.invariantRefs());
            case AbortRule.BurnRate r -> map("name", r.name(), "sloRefs", r.objectiveRefs(), "burnRate",
                    map("long", duration(r.longWindow()), "short", duration(r.shortWindow()), "threshold",
                            r.threshold()), "for", duration(r.sustainedFor()));
            case AbortRule.BudgetCap r -> map("name", r.name(), "sloRefs", r.objectiveRefs(), "budgetConsumed",
                    map("max", r.maxFraction(), "period", duration(r.period()), "traffic", "baseline"));
            case AbortRule.HardFloor r -> map("name", r.name(), "sloRefs", r.objectiveRefs(), "below", r.below(),
                    "consecutiveSlices", r.consecutiveSlices());
            case AbortRule.NoData r -> {
                Map<String, Object> m = map("name", r.name(), "whenNoData",
                        map("consecutiveSlices", r.consecutiveSlices()));
                if (!r.objectiveRefs().isEmpty()) {
                    m.put("sloRefs", r.objectiveRefs());
                }
                yield m;
            }
        };
    }

    private static Map<String, Object> sliSpec(SliSpec spec) {
        return switch (spec) {
            case SliSpec.Ratio r -> {
                Map<String, Object> ratio = map("counter", r.counter());
                if (r.good() != null) {
                    ratio.put("good", map("metricSource", source(r.good())));
                } else {
                    ratio.put("bad", map("metricSource", source(r.bad())));
                }
                ratio.put("total", map("metricSource", source(r.total())));
                yield map("ratioMetric", ratio);
            }
            case SliSpec.Threshold t -> map("thresholdMetric", map("metricSource", source(t.source())));
        };
    }

    private static Map<String, Object> source(MetricSource m) {
        Map<String, Object> out = m.sourceRef() != null ? map("metricSourceRef", m.sourceRef()) : map("type", m.type());
        if (!m.spec().isEmpty()) {
            out.put("spec", new LinkedHashMap<>(m.spec()));
        }
        return out;
    }

    private static Map<String, Object> doc(String apiVersion, String kind, String name, Map<String, Object> spec) {
        return map("apiVersion", apiVersion, "kind", kind, "metadata", map("name", name), "spec", spec);
    }

    /** The largest unit that divides exactly: {@code 28d}, {@code 5m}, {@code 30s}, {@code 1500ms}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        long[] sizes = {604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"w", "d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
