package dev.chargestorm.steadystate.abort;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.chargestorm.steadystate.evaluation.BurnRate;
import dev.chargestorm.steadystate.evaluation.InvariantCheck;
import dev.chargestorm.steadystate.evaluation.SliceSample;
import dev.chargestorm.steadystate.slo.AbortPolicy;
import dev.chargestorm.steadystate.slo.AbortRule;
import dev.chargestorm.steadystate.slo.ObjectiveKey;

/**
 * Evaluates an {@link AbortPolicy} at each slice boundary after the first injection. Stateful (the burn-rate rule's
 * {@code for} needs to know since when its condition holds); one monitor per run.
 */
public final class AbortMonitor {

    private final AbortPolicy policy;
    private final Map<ObjectiveKey, Double> targets;
    private final Map<ObjectiveKey, Long> minEvents;
    private final Map<String, Instant> burningSince = new HashMap<>();

    /**
     * @param targets every objective's target
     * @param minEvents every objective's minimum events per slice
     */
    public AbortMonitor(AbortPolicy policy, Map<ObjectiveKey, Double> targets, Map<ObjectiveKey, Long> minEvents) {
        this.policy = policy;
        this.targets = Map.copyOf(targets);
        this.minEvents = Map.copyOf(minEvents);
    }

    public AbortPolicy policy() {
        return policy;
    }

    /** The first rule that fires, in declaration order. */
    public Optional<AbortDecision> evaluate(AbortInput in) {
        for (AbortRule rule : policy.rules()) {
            Optional<AbortDecision> d = switch (rule) {
                case AbortRule.InvariantBreach r -> invariants(r, in);
                case AbortRule.BurnRate r -> burn(r, in);
                case AbortRule.BudgetCap r -> budget(r, in);
                case AbortRule.HardFloor r -> floor(r, in);
                case AbortRule.NoData r -> noData(r, in);
            };
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private Optional<AbortDecision> invariants(AbortRule.InvariantBreach r, AbortInput in) {
        for (String ref : r.invariantRefs()) {
            InvariantCheck check = in.invariantChecks().get(ref);
            if (check != null && check.breached()) {
                return Optional.of(new AbortDecision(r.name(), "invariant-breach", in.now(), check.explanation()));
            }
        }
        return Optional.empty();
    }

    private Optional<AbortDecision> burn(AbortRule.BurnRate r, AbortInput in) {
        for (Map.Entry<ObjectiveKey, List<SliceSample>> e : selected(r.objectiveRefs(), in)) {
            double target = targets.get(e.getKey());
            List<SliceSample> afterInjection = afterInjection(e.getValue(), in.firstInjection());
            double longBurn = BurnRate.over(afterInjection, in.now().minus(r.longWindow()), in.now(), target);
            double shortBurn = BurnRate.over(afterInjection, in.now().minus(r.shortWindow()), in.now(), target);
            String key = r.name() + "|" + e.getKey();
            if (longBurn >= r.threshold() && shortBurn >= r.threshold()) {
                Instant since = burningSince.computeIfAbsent(key, k -> in.now());
                Duration sustained = Duration.between(since, in.now());
                if (sustained.compareTo(r.sustainedFor()) >= 0) {
                    return Optional.of(new AbortDecision(r.name(), "burn-rate", in.now(), e.getKey() + ": burn rate "
                            + num(longBurn) + " over " + r.longWindow() + " and " + num(shortBurn) + " over "
                            + r.shortWindow() + " >= threshold " + num(r.threshold()) + " for " + sustained
                            + " (required " + r.sustainedFor() + ")"));
                }
            } else {
                burningSince.remove(key);
            }
        }
        return Optional.empty();
    }

    private Optional<AbortDecision> budget(AbortRule.BudgetCap r, AbortInput in) {
        for (Map.Entry<ObjectiveKey, List<SliceSample>> e : selected(r.objectiveRefs(), in)) {
            Double rate = in.baselineEventsPerSecond().get(e.getKey());
            if (rate == null || !(rate > 0)) {
                continue;
            }
            double target = targets.get(e.getKey());
            long bad = afterInjection(e.getValue(), in.firstInjection()).stream().mapToLong(SliceSample::bad).sum();
            double periodEvents = rate * r.period().toSeconds();
            double budget = (1 - target) * periodEvents;
            double cap = r.maxFraction() * budget;
            if (bad >= cap) {
                return Optional.of(new AbortDecision(r.name(), "budget-cap", in.now(), e.getKey() + ": " + bad
                        + " bad events since the first injection >= cap " + num(cap) + " (" + pct(r.maxFraction())
                        + " of the " + r.period() + " budget " + num(budget) + " = " + pct(1 - target) + " of ~"
                        + num(periodEvents) + " events at the baseline rate " + num(rate) + "/s)"));
            }
        }
        return Optional.empty();
    }

    private Optional<AbortDecision> floor(AbortRule.HardFloor r, AbortInput in) {
        for (Map.Entry<ObjectiveKey, List<SliceSample>> e : selected(r.objectiveRefs(), in)) {
            List<SliceSample> slices = afterInjection(e.getValue(), in.firstInjection());
            if (slices.size() < r.consecutiveSlices()) {
                continue;
            }
            List<SliceSample> last = slices.subList(slices.size() - r.consecutiveSlices(), slices.size());
            if (last.stream().allMatch(s -> s.total() > 0 && s.ratio() < r.below())) {
                return Optional.of(new AbortDecision(r.name(), "hard-floor", in.now(), e.getKey() + ": good-event ratio "
                        + last.stream().map(s -> pct(s.ratio())).toList() + " below " + pct(r.below()) + " in "
                        + r.consecutiveSlices() + " consecutive slices"));
            }
        }
        return Optional.empty();
    }

    private Optional<AbortDecision> noData(AbortRule.NoData r, AbortInput in) {
        List<Map.Entry<ObjectiveKey, List<SliceSample>>> scope = r.objectiveRefs().isEmpty()
                ? in.series().entrySet().stream().filter(e -> in.activeObjectives().contains(e.getKey()))
                        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(ObjectiveKey::toString))).toList()
                : selected(r.objectiveRefs(), in);
        for (Map.Entry<ObjectiveKey, List<SliceSample>> e : scope) {
            List<SliceSample> slices = afterInjection(e.getValue(), in.firstInjection());
            if (slices.size() < r.consecutiveSlices()) {
                continue;
            }
            long min = minEvents.getOrDefault(e.getKey(), 1L);
            List<SliceSample> last = slices.subList(slices.size() - r.consecutiveSlices(), slices.size());
            if (last.stream().allMatch(s -> s.total() < min || s.sourceError() != null)) {
                String errors = last.stream().map(SliceSample::sourceError).filter(x -> x != null).distinct()
                        .reduce((a, b) -> a + "; " + b).map(x -> " (source: " + x + ")").orElse("");
                return Optional.of(new AbortDecision(r.name(), "no-data", in.now(), e.getKey() + ": "
                        + last.stream().map(SliceSample::total).toList() + " events in the last "
                        + r.consecutiveSlices() + " slices, fewer than the minimum " + min + errors));
            }
        }
        return Optional.empty();
    }

    private static List<Map.Entry<ObjectiveKey, List<SliceSample>>> selected(List<String> refs, AbortInput in) {
        return in.series().entrySet().stream().filter(e -> refs.stream().anyMatch(ref -> e.getKey().matches(ref)))
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(ObjectiveKey::toString))).toList();
    }

    /** The slices ending after the first injection, as a view (slices are in time order). */
    private static List<SliceSample> afterInjection(List<SliceSample> slices, Instant firstInjection) {
        int lo = 0;
        int hi = slices.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (slices.get(mid).end().isAfter(firstInjection)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return slices.subList(lo, slices.size());
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.2f %%", share * 100);
    }
}
