package dev.chargestorm.steadystate.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.chargestorm.steadystate.slo.AbortPolicy;
import dev.chargestorm.steadystate.slo.AbortRule;
import dev.chargestorm.steadystate.slo.Invariant;
import dev.chargestorm.steadystate.slo.Objective;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import dev.chargestorm.steadystate.slo.Phase;
import dev.chargestorm.steadystate.slo.PhaseBinding;
import dev.chargestorm.steadystate.slo.RecoveryObjective;
import dev.chargestorm.steadystate.slo.Slo;
import dev.chargestorm.steadystate.slo.SteadyState;

import org.yaml.snakeyaml.nodes.Node;

/** Parses the harness kinds (SteadyState, Invariant, AbortPolicy) against what the OpenSLO documents declared. */
final class HarnessDocuments {

    private final Documents.Builder registry;

    HarnessDocuments(Documents.Builder registry) {
        this.registry = registry;
    }

    void steadyState(Documents.Header h, Reader s) {
        s.allow("slice", "minEventsPerSlice", "phases", "objectives", "recoveryObjectives", "invariants");
        Duration slice = s.duration("slice", true);
        Long minEvents = s.integer("minEventsPerSlice", true);
        Reader phases = s.mapping("phases", true);
        Duration baseline = null;
        Boolean gate = Boolean.TRUE;
        Duration settle = Duration.ZERO;
        Duration recovery = null;
        if (phases != null) {
            phases.allow("baseline", "fault", "recovery");
            Reader b = phases.mapping("baseline", true);
            if (b != null) {
                b.allow("duration", "gate");
                baseline = b.duration("duration", true);
                Boolean g = b.bool("gate", false);
                gate = g == null ? Boolean.TRUE : g;
            }
            Reader f = phases.mapping("fault", false);
            if (f != null) {
                f.allow("during");
                String during = f.string("during", false);
                if (during != null && !during.equals("activeFaults")) {
                    f.problem("during", "expected activeFaults but was '" + during + "'");
                }
            }
            Reader r = phases.mapping("recovery", true);
            if (r != null) {
                r.allow("settleAfterLastFault", "duration");
                Duration st = r.duration("settleAfterLastFault", false);
                settle = st == null ? Duration.ZERO : st;
                recovery = r.duration("duration", true);
            }
        }
        List<Node> items = s.sequence("objectives", true);
        List<PhaseBinding> bindings = new ArrayList<>();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                PhaseBinding pb = binding(Reader.of(h.ctx(), s.field("objectives") + "[" + i + "]", items.get(i)));
                if (pb != null) {
                    bindings.add(pb);
                }
            }
        }
        List<String> recoveryRefs = s.has("recoveryObjectives") ? s.strings("recoveryObjectives", true) : List.of();
        List<String> invariantRefs = s.has("invariants") ? s.strings("invariants", true) : List.of();
        if (recoveryRefs != null) {
            for (String ref : recoveryRefs) {
                if (registry.recoveries.stream().noneMatch(r -> r.name().equals(ref))) {
                    s.problem("recoveryObjectives", "no RecoveryObjective named '" + ref + "' is declared; known: "
                            + registry.recoveries.stream().map(RecoveryObjective::name).toList());
                    return;
                }
            }
        }
        if (invariantRefs != null) {
            for (String ref : invariantRefs) {
                if (!registry.invariants.containsKey(ref)) {
                    s.problem("invariants", "no Invariant named '" + ref + "' is declared; known: "
                            + registry.invariants.keySet());
                    return;
                }
            }
        }
        if (slice == null || minEvents == null || baseline == null || recovery == null || items == null
                || bindings.size() != items.size() || recoveryRefs == null || invariantRefs == null) {
            return;
        }
        Duration bl = baseline;
        boolean gt = gate;
        Duration st = settle;
        Duration rc = recovery;
        registry.build(h, () -> new SteadyState(h.name(), slice, minEvents, bl, gt, st, rc, bindings,
                recoveryRefs, invariantRefs), registry.steadyStates::add);
    }

    private PhaseBinding binding(Reader b) {
        if (b == null) {
            return null;
        }
        b.allow("sloRef", "objective", "phases", "minEventsPerSlice");
        String sloRef = b.string("sloRef", true);
        String objective = b.string("objective", false);
        List<String> phaseNames = b.strings("phases", true);
        Long min = b.integer("minEventsPerSlice", false);
        if (sloRef == null || phaseNames == null) {
            return null;
        }
        Slo slo = registry.slos.get(sloRef);
        if (slo == null) {
            b.problem("sloRef", "no SLO named '" + sloRef + "' is declared; known: " + registry.slos.keySet());
            return null;
        }
        if (objective != null && slo.objective(objective).isEmpty()) {
            b.problem("objective", "SLO '" + sloRef + "' has no objective '" + objective + "'; known: "
                    + slo.objectives().stream().map(Objective::name).toList());
            return null;
        }
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (String p : phaseNames) {
            switch (p) {
                case "baseline" -> phases.add(Phase.BASELINE);
                case "fault" -> phases.add(Phase.FAULT);
                case "recovery" -> phases.add(Phase.RECOVERY);
                default -> {
                    b.problem("phases", "expected phases from [baseline, fault, recovery] but found '" + p + "'");
                    return null;
                }
            }
        }
        if (phases.isEmpty()) {
            b.problem("phases", "expected at least one phase");
            return null;
        }
        if (min != null && min < 1) {
            b.problem("minEventsPerSlice", "expected an integer >= 1 but was " + min);
            return null;
        }
        return new PhaseBinding(sloRef, objective, phases, min);
    }

    void invariant(Documents.Header h, Reader s) {
        s.allow("description", "reconcile", "assert", "when", "settle");
        String description = s.string("description", false);
        Reader rec = s.mapping("reconcile", true);
        String expected = null;
        String actual = null;
        if (rec != null) {
            rec.allow("expected", "actual");
            expected = rec.string("expected", true);
            actual = rec.string("actual", true);
        }
        long missing = 0;
        long duplicates = 0;
        Reader as = s.mapping("assert", false);
        if (as != null) {
            as.allow("missing", "duplicates");
            Long m = as.integer("missing", false);
            Long d = as.integer("duplicates", false);
            missing = m == null ? 0 : m;
            duplicates = d == null ? 0 : d;
            if (missing < 0 || duplicates < 0) {
                as.problem(missing < 0 ? "missing" : "duplicates", "expected an integer >= 0");
            }
        }
        List<String> when = s.strings("when", false);
        boolean continuous = false;
        if (when != null) {
            for (String w : when) {
                if (w.equals("continuous")) {
                    continuous = true;
                } else if (!w.equals("afterRecovery")) {
                    s.problem("when", "expected values from [continuous, afterRecovery] but found '" + w + "'");
                }
            }
        }
        Duration settle = s.duration("settle", false);
        String e = expected;
        String a = actual;
        long mm = missing;
        long dd = duplicates;
        boolean c = continuous;
        registry.build(h, () -> e == null || a == null ? null : new Invariant(h.name(), description, e, a, mm, dd,
                settle == null ? Duration.ZERO : settle, c), inv -> registry.invariants.put(h.name(), inv));
    }

    void abortPolicy(Documents.Header h, Reader s) {
        s.allow("evaluateEvery", "rules", "onAbort");
        Duration every = s.duration("evaluateEvery", false);
        List<Node> items = s.sequence("rules", true);
        List<AbortRule> rules = new ArrayList<>();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                AbortRule r = rule(Reader.of(h.ctx(), s.field("rules") + "[" + i + "]", items.get(i)));
                if (r != null) {
                    rules.add(r);
                }
            }
        }
        if (items == null || rules.size() != items.size()) {
            return;
        }
        registry.build(h, () -> new AbortPolicy(h.name(), every == null ? Duration.ofSeconds(10) : every, rules),
                registry.policies::add);
    }

    private AbortRule rule(Reader r) {
        if (r == null) {
            return null;
        }
        r.allow("name", "sloRefs", "invariantRefs", "burnRate", "for", "budgetConsumed", "below",
                "consecutiveSlices", "whenNoData");
        String name = r.string("name", true);
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("invariantRefs", "burnRate", "budgetConsumed", "below", "whenNoData")) {
            if (r.has(k)) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1) {
            r.problem("name", "expected exactly one of invariantRefs, burnRate, budgetConsumed, below or"
                    + " whenNoData but found " + kinds);
            return null;
        }
        List<String> sloRefs = r.has("sloRefs") ? r.strings("sloRefs", true) : List.of();
        if (sloRefs != null) {
            for (String ref : sloRefs) {
                if (registry.slos.values().stream().flatMap(slo -> slo.objectives().stream().map(slo::key))
                        .noneMatch((ObjectiveKey k) -> k.matches(ref))) {
                    r.problem("sloRefs", "'" + ref + "' matches no declared SLO objective (use 'slo' or"
                            + " 'slo/objective displayName')");
                    return null;
                }
            }
        }
        if (name == null || sloRefs == null) {
            return null;
        }
        try {
            switch (kinds.getFirst()) {
                case "invariantRefs" -> {
                    List<String> refs = r.strings("invariantRefs", true);
                    if (refs == null) {
                        return null;
                    }
                    for (String ref : refs) {
                        if (!registry.invariants.containsKey(ref)) {
                            r.problem("invariantRefs", "no Invariant named '" + ref + "' is declared; known: "
                                    + registry.invariants.keySet());
                            return null;
                        }
                    }
                    return new AbortRule.InvariantBreach(name, refs);
                }
                case "burnRate" -> {
                    Reader b = r.mapping("burnRate", true);
                    if (b == null) {
                        return null;
                    }
                    b.allow("long", "short", "threshold");
                    Duration lw = b.duration("long", true);
                    Duration sw = b.duration("short", true);
                    Double t = b.number("threshold", true);
                    Duration f = r.duration("for", false);
                    if (lw == null || sw == null || t == null || needsRefs(r, sloRefs)) {
                        return null;
                    }
                    return new AbortRule.BurnRate(name, sloRefs, lw, sw, t, f == null ? Duration.ZERO : f);
                }
                case "budgetConsumed" -> {
                    Reader b = r.mapping("budgetConsumed", true);
                    if (b == null) {
                        return null;
                    }
                    b.allow("max", "period", "traffic");
                    Double max = b.fractionOrPercent("max", true);
                    Duration period = b.duration("period", true);
                    String traffic = b.string("traffic", false);
                    if (traffic != null && !traffic.equals("baseline")) {
                        b.problem("traffic", "expected baseline but was '" + traffic + "'");
                        return null;
                    }
                    if (max == null || period == null || needsRefs(r, sloRefs)) {
                        return null;
                    }
                    return new AbortRule.BudgetCap(name, sloRefs, max, period);
                }
                case "below" -> {
                    Double below = r.fractionOrPercent("below", true);
                    Long n = r.integer("consecutiveSlices", true);
                    if (below == null || n == null || needsRefs(r, sloRefs)) {
                        return null;
                    }
                    return new AbortRule.HardFloor(name, sloRefs, below, n.intValue());
                }
                default -> {
                    Reader w = r.mapping("whenNoData", true);
                    if (w == null) {
                        return null;
                    }
                    w.allow("consecutiveSlices");
                    Long n = w.integer("consecutiveSlices", true);
                    return n == null ? null : new AbortRule.NoData(name, sloRefs, n.intValue());
                }
            }
        } catch (IllegalArgumentException e) {
            r.problem("name", e.getMessage());
            return null;
        }
    }

    private static boolean needsRefs(Reader r, List<String> refs) {
        if (refs.isEmpty()) {
            r.problem("sloRefs", "required for this rule");
            return true;
        }
        return false;
    }
}
