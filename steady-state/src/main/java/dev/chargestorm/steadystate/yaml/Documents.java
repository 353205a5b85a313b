package dev.chargestorm.steadystate.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.chargestorm.steadystate.slo.AbortPolicy;
import dev.chargestorm.steadystate.slo.BudgetingMethod;
import dev.chargestorm.steadystate.slo.DataSource;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.Invariant;
import dev.chargestorm.steadystate.slo.MetricSource;
import dev.chargestorm.steadystate.slo.Objective;
import dev.chargestorm.steadystate.slo.Operator;
import dev.chargestorm.steadystate.slo.RecoveryObjective;
import dev.chargestorm.steadystate.slo.Sli;
import dev.chargestorm.steadystate.slo.SliSpec;
import dev.chargestorm.steadystate.slo.Slo;
import dev.chargestorm.steadystate.slo.SteadyState;

import org.yaml.snakeyaml.nodes.Node;

/** Turns composed YAML documents into the model, kind by kind, with line-numbered problems. */
final class Documents {

    static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("DataSource", SloFiles.OPENSLO_V1), Map.entry("SLI", SloFiles.OPENSLO_V1),
            Map.entry("SLO", SloFiles.OPENSLO_V1), Map.entry("AlertPolicy", SloFiles.OPENSLO_V1),
            Map.entry("AlertCondition", SloFiles.OPENSLO_V1), Map.entry("AlertNotificationTarget", SloFiles.OPENSLO_V1),
            Map.entry("Service", SloFiles.OPENSLO_V1), Map.entry("SteadyState", SloFiles.HARNESS_V1ALPHA1),
            Map.entry("RecoveryObjective", SloFiles.HARNESS_V1ALPHA1), Map.entry("Invariant", SloFiles.HARNESS_V1ALPHA1),
            Map.entry("AbortPolicy", SloFiles.HARNESS_V1ALPHA1));

    private static final java.util.regex.Pattern DNS_LABEL =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** One YAML document of one file. */
    record Doc(String file, int index, Node node) {
    }

    /** A document whose header was read: kind, name and spec reader. */
    record Header(String kind, String name, Reader spec, Reader.Context ctx, Node node) {
    }

    private Documents() {
    }

    static Declarations build(List<Doc> docs, List<Problem> problems) {
        List<Header> headers = new ArrayList<>();
        for (Doc doc : docs) {
            Header h = header(doc, problems);
            if (h != null) {
                headers.add(h);
            }
        }
        Documents.Builder b = new Documents.Builder(problems);
        for (String kind : List.of("DataSource", "SLI", "SLO", "Invariant", "RecoveryObjective", "SteadyState",
                "AbortPolicy")) {
            for (Header h : headers) {
                if (h.kind.equals(kind)) {
                    b.accept(h);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SloValidationException(problems);
        }
        try {
            return new Declarations(b.dataSources.values().stream().toList(), b.slis.values().stream().toList(),
                    b.slos.values().stream().toList(), b.steadyStates, b.recoveries, b.invariants.values().stream().toList(),
                    b.policies);
        } catch (IllegalArgumentException e) {
            Doc first = docs.getFirst();
            throw new SloValidationException(List.of(new Problem(first.file(), 1, "declarations", "", e.getMessage())));
        }
    }

    private static Header header(Doc doc, List<Problem> problems) {
        Reader.Context ctx = new Reader.Context(doc.file(), problems, "document " + doc.index());
        Reader root = Reader.of(ctx, "", doc.node());
        if (root == null) {
            return null;
        }
        root.allow("apiVersion", "kind", "metadata", "spec");
        String kind = root.string("kind", true);
        String apiVersion = root.string("apiVersion", true);
        Reader metadata = root.mapping("metadata", true);
        String name = metadata == null ? null : metadata.string("name", true);
        if (metadata != null) {
            metadata.allow("name", "displayName", "labels", "annotations");
        }
        if (kind == null) {
            return null;
        }
        String expectedApi = API_VERSIONS.get(kind);
        if (expectedApi == null) {
            root.problem("kind", "unsupported kind '" + kind + "'; expected one of " + API_VERSIONS.keySet().stream()
                    .sorted().toList());
            return null;
        }
        ctx.subject = kind + " '" + (name == null ? "?" : name) + "'";
        if (name != null && !DNS_LABEL.matcher(name).matches()) {
            metadata.problem("name", "expected an RFC 1123 DNS label (lower-case letters, digits and '-', at most 63"
                    + " characters) but was '" + name + "'");
        }
        if (apiVersion != null && !apiVersion.equals(expectedApi)) {
            root.problem("apiVersion", "expected '" + expectedApi + "' for kind " + kind + " but was '" + apiVersion + "'");
        }
        Reader spec = root.mapping("spec", !kind.startsWith("Alert") && !kind.equals("Service"));
        if (name == null) {
            return null;
        }
        return new Header(kind, name, spec, ctx, doc.node());
    }

    /** Holds what was built so far; later kinds resolve references against earlier ones. */
    static final class Builder {
        final List<Problem> problems;
        final Map<String, DataSource> dataSources = new LinkedHashMap<>();
        final Map<String, Sli> slis = new LinkedHashMap<>();
        final Map<String, Slo> slos = new LinkedHashMap<>();
        final Map<String, Invariant> invariants = new LinkedHashMap<>();
        final Set<String> names = new java.util.HashSet<>();
        final List<RecoveryObjective> recoveries = new ArrayList<>();
        final List<SteadyState> steadyStates = new ArrayList<>();
        final List<AbortPolicy> policies = new ArrayList<>();

        final HarnessDocuments harness = new HarnessDocuments(this);

        Builder(List<Problem> problems) {
            this.problems = problems;
        }

        void accept(Header h) {
            if (!names.add(h.kind + "/" + h.name)) {
                h.ctx.problem(h.node, "metadata.name", "a " + h.kind + " named '" + h.name + "' is already declared");
                return;
            }
            Reader s = h.spec;
            if (s == null) {
                return;
            }
            switch (h.kind) {
                case "DataSource" -> {
                    s.allow("type", "description", "connectionDetails");
                    String type = s.string("type", true);
                    Map<String, String> details = s.flat("connectionDetails");
                    build(h, () -> type == null ? null : new DataSource(h.name, type, details),
                            ds -> dataSources.put(h.name, ds));
                }
                case "SLI" -> {
                    SliSpec spec = sliSpec(s);
                    build(h, () -> spec == null ? null : new Sli(h.name, spec), sli -> slis.put(h.name, sli));
                }
                case "SLO" -> slo(h, s);
                case "SteadyState" -> harness.steadyState(h, s);
                case "RecoveryObjective" -> {
                    s.allow("population", "anchor", "within", "target", "targetPercent");
                    String population = s.string("population", true);
                    String anchorText = s.string("anchor", true);
                    RecoveryObjective.Anchor anchor = null;
                    for (RecoveryObjective.Anchor a : RecoveryObjective.Anchor.values()) {
                        if (a.yamlName().equals(anchorText)) {
                            anchor = a;
                        }
                    }
                    if (anchorText != null && anchor == null) {
                        s.problem("anchor", "expected disruptionStart or disruptionEnd but was '" + anchorText + "'");
                    }
                    Duration within = s.duration("within", true);
                    Double target = target(s, true);
                    RecoveryObjective.Anchor a = anchor;
                    build(h, () -> population == null || a == null || within == null || target == null ? null
                            : new RecoveryObjective(h.name, population, a, within, target), recoveries::add);
                }
                case "Invariant" -> harness.invariant(h, s);
                case "AbortPolicy" -> harness.abortPolicy(h, s);
                default -> {
                    // OpenSLO alerting kinds and Service are accepted for compatibility and not used.
                }
            }
        }

        <T> void build(Header h, Supplier<T> factory, java.util.function.Consumer<T> sink) {
            int before = problems.size();
            try {
                T value = factory.get();
                if (value != null && problems.size() == before) {
                    sink.accept(value);
                }
            } catch (IllegalArgumentException e) {
                h.ctx.problem(h.spec.node(), "spec", e.getMessage());
            }
        }

        private SliSpec sliSpec(Reader spec) {
            spec.allow("description", "thresholdMetric", "ratioMetric");
            boolean threshold = spec.has("thresholdMetric");
            boolean ratio = spec.has("ratioMetric");
            if (threshold == ratio) {
                spec.problem("ratioMetric", "expected exactly one of ratioMetric or thresholdMetric");
                return null;
            }
            if (threshold) {
                Reader t = spec.mapping("thresholdMetric", true);
                if (t == null) {
                    return null;
                }
                t.allow("metricSource");
                MetricSource m = metricSource(t.mapping("metricSource", true));
                return m == null ? null : new SliSpec.Threshold(m);
            }
            Reader r = spec.mapping("ratioMetric", true);
            if (r == null) {
                return null;
            }
            r.allow("counter", "good", "bad", "total", "rawType", "raw");
            if (r.has("raw") || r.has("rawType")) {
                r.problem("rawType", "ratioMetric with rawType/raw is not supported; use good or bad with total");
                return null;
            }
            Boolean counter = r.bool("counter", true);
            if (r.has("good") == r.has("bad")) {
                r.problem("good", "expected exactly one of good or bad");
                return null;
            }
            MetricSource good = r.has("good") ? wrapped(r.mapping("good", true)) : null;
            MetricSource bad = r.has("bad") ? wrapped(r.mapping("bad", true)) : null;
            MetricSource total = wrapped(r.mapping("total", true));
            if (counter == null || (good == null && bad == null) || total == null) {
                return null;
            }
            return new SliSpec.Ratio(counter, good, bad, total);
        }

        private MetricSource wrapped(Reader holder) {
            if (holder == null) {
                return null;
            }
            holder.allow("metricSource");
            return metricSource(holder.mapping("metricSource", true));
        }

        private MetricSource metricSource(Reader m) {
            if (m == null) {
                return null;
            }
            m.allow("metricSourceRef", "type", "spec");
            String ref = m.string("metricSourceRef", false);
            String type = m.string("type", false);
            if ((ref == null) == (type == null)) {
                m.problem("metricSourceRef", "expected exactly one of metricSourceRef or type");
                return null;
            }
            if (ref != null && !dataSources.containsKey(ref)) {
                m.problem("metricSourceRef", "no DataSource named '" + ref + "' is declared; known: "
                        + dataSources.keySet());
                return null;
            }
            return new MetricSource(ref, type, m.flat("spec"));
        }

        private void slo(Header h, Reader s) {
            s.allow("description", "service", "indicator", "indicatorRef", "timeWindow", "budgetingMethod",
                    "objectives", "alertPolicies");
            String service = s.string("service", true);
            Sli sloIndicator = null;
            if (s.has("indicator") && s.has("indicatorRef")) {
                s.problem("indicatorRef", "expected indicator or indicatorRef, not both");
            } else if (s.has("indicator")) {
                sloIndicator = inlineIndicator(s.mapping("indicator", true));
            } else if (s.has("indicatorRef")) {
                sloIndicator = sliRef(s, "indicatorRef");
            }
            Duration window = timeWindow(s);
            String method = s.string("budgetingMethod", true);
            BudgetingMethod budgeting = null;
            if (method != null) {
                for (BudgetingMethod b : BudgetingMethod.values()) {
                    if (b.yamlName().equals(method)) {
                        budgeting = b;
                    }
                }
                if (budgeting == null) {
                    s.problem("budgetingMethod", "expected Occurrences or Timeslices (RatioTimeslices is not supported)"
                            + " but was '" + method + "'");
                }
            }
            List<Node> items = s.sequence("objectives", true);
            List<Objective> objectives = new ArrayList<>();
            if (items != null) {
                if (items.isEmpty()) {
                    s.problem("objectives", "expected at least one objective but the list is empty");
                }
                for (int i = 0; i < items.size(); i++) {
                    Objective o = objective(Reader.of(h.ctx, s.field("objectives") + "[" + i + "]", items.get(i)),
                            sloIndicator, s.has("indicator") || s.has("indicatorRef"), budgeting, h.name);
                    if (o != null) {
                        objectives.add(o);
                    }
                }
            }
            if (service == null || window == null || budgeting == null || objectives.size() != (items == null ? -1
                    : items.size())) {
                return;
            }
            BudgetingMethod bm = budgeting;
            build(h, () -> new Slo(h.name, null, service, bm, window, objectives), slo -> slos.put(h.name, slo));
        }

        private Objective objective(Reader o, Sli sloIndicator, boolean sloDeclaresIndicator, BudgetingMethod budgeting,
                                String sloName) {
            if (o == null) {
                return null;
            }
            o.allow("displayName", "op", "value", "target", "targetPercent", "timeSliceTarget", "timeSliceWindow",
                    "indicator", "indicatorRef", "compositeWeight");
            String name = o.string("displayName", false);
            if (name == null) {
                name = sloName;
            }
            Sli indicator = sloIndicator;
            if (o.has("indicatorRef")) {
                indicator = sliRef(o, "indicatorRef");
            } else if (o.has("indicator")) {
                indicator = inlineIndicator(o.mapping("indicator", true));
            } else if (sloIndicator == null && !sloDeclaresIndicator) {
                o.problem("indicatorRef", "no indicator: give spec.indicator, spec.indicatorRef or one per objective");
                return null;
            }
            Operator op = null;
            String opText = o.string("op", false);
            if (opText != null) {
                for (Operator x : Operator.values()) {
                    if (x.yamlName().equals(opText)) {
                        op = x;
                    }
                }
                if (op == null) {
                    o.problem("op", "expected one of lt, lte, gt, gte but was '" + opText + "'");
                    return null;
                }
            }
            Double value = o.number("value", false);
            Double target = target(o, true);
            Double sliceTarget = o.number("timeSliceTarget", false);
            if (o.has("timeSliceWindow")) {
                o.duration("timeSliceWindow", false);
            }
            if (budgeting == BudgetingMethod.TIMESLICES && sliceTarget == null) {
                o.problem("timeSliceTarget", "required for budgetingMethod Timeslices");
            }
            if (indicator == null || target == null) {
                return null;
            }
            if (target < 0 || target >= 1) {
                o.problem(o.has("target") ? "target" : "targetPercent", "expected a target in [0, 1) (or targetPercent"
                        + " in [0, 100)) but was " + (o.has("target") ? target : target * 100));
                return null;
            }
            boolean threshold = indicator.spec() instanceof SliSpec.Threshold;
            if (threshold && (op == null || value == null)) {
                o.problem(op == null ? "op" : "value", "required for an objective on threshold SLI '"
                        + indicator.name() + "'");
                return null;
            }
            if (!threshold && (op != null || value != null)) {
                o.problem(op != null ? "op" : "value", "not allowed on ratio SLI '" + indicator.name() + "'");
                return null;
            }
            try {
                return new Objective(name, indicator, op, value, target, sliceTarget);
            } catch (IllegalArgumentException e) {
                o.problem("displayName", e.getMessage());
                return null;
            }
        }

        private Sli inlineIndicator(Reader i) {
            if (i == null) {
                return null;
            }
            i.allow("metadata", "spec");
            Reader meta = i.mapping("metadata", true);
            String name = meta == null ? null : meta.string("name", true);
            Reader spec = i.mapping("spec", true);
            SliSpec sliSpec = spec == null ? null : sliSpec(spec);
            if (name == null || sliSpec == null) {
                return null;
            }
            try {
                return new Sli(name, sliSpec);
            } catch (IllegalArgumentException e) {
                meta.problem("name", e.getMessage());
                return null;
            }
        }

        private Sli sliRef(Reader r, String key) {
            String ref = r.string(key, true);
            if (ref == null) {
                return null;
            }
            Sli sli = slis.get(ref);
            if (sli == null) {
                r.problem(key, "no SLI named '" + ref + "' is declared; known: " + slis.keySet());
            }
            return sli;
        }

        private Duration timeWindow(Reader s) {
            List<Node> windows = s.sequence("timeWindow", true);
            if (windows == null) {
                return null;
            }
            if (windows.size() != 1) {
                s.problem("timeWindow", "expected exactly one time window but found " + windows.size());
                return null;
            }
            Reader w = Reader.of(s.context(), s.field("timeWindow") + "[0]", windows.getFirst());
            if (w == null) {
                return null;
            }
            w.allow("duration", "isRolling", "calendar");
            Duration d = w.duration("duration", true);
            Boolean rolling = w.bool("isRolling", false);
            if (w.has("calendar") || Boolean.FALSE.equals(rolling)) {
                w.problem("isRolling", "calendar windows are not supported; use isRolling: true");
                return null;
            }
            return d;
        }

        private Double target(Reader r, boolean required) {
            if (r.has("target") && r.has("targetPercent")) {
                r.problem("targetPercent", "expected target or targetPercent, not both");
                return null;
            }
            if (r.has("targetPercent")) {
                Double p = r.number("targetPercent", true);
                return p == null ? null : p / 100;
            }
            return r.number("target", required);
        }

    }
}
