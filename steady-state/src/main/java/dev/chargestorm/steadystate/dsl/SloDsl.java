package dev.chargestorm.steadystate.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.chargestorm.steadystate.slo.AbortPolicy;
import dev.chargestorm.steadystate.slo.AbortRule;
import dev.chargestorm.steadystate.slo.BudgetingMethod;
import dev.chargestorm.steadystate.slo.DataSource;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.Invariant;
import dev.chargestorm.steadystate.slo.MetricSource;
import dev.chargestorm.steadystate.slo.Objective;
import dev.chargestorm.steadystate.slo.Operator;
import dev.chargestorm.steadystate.slo.Phase;
import dev.chargestorm.steadystate.slo.PhaseBinding;
import dev.chargestorm.steadystate.slo.RecoveryObjective;
import dev.chargestorm.steadystate.slo.Sli;
import dev.chargestorm.steadystate.slo.SliSpec;
import dev.chargestorm.steadystate.slo.Slo;
import dev.chargestorm.steadystate.slo.SteadyState;

/**
 * The Java DSL: static entry points whose immutable steps build the same model as the YAML files. Every step returns
 * a new object, so partly built steps can be shared.
 *
 * <pre>{@code
 * Sli le1s = sli("search-le-1s").goodOver(timer("loaddriver", "search.request", ofSeconds(1)),
 *         timer("loaddriver", "search.request"));
 * Slo latency = slo("search-latency").service("search-api").occurrences().window(ofDays(28))
 *         .objective(objective("p99 < 1 s").indicator(le1s).target(0.99)).build();
 * }</pre>
 */
public final class SloDsl {

    private SloDsl() {
    }

    // ---- data sources and metric sources

    /** A DataSource of type {@code harness.inprocess}. */
    public static DataSource inProcessDataSource(String name) {
        return new DataSource(name, "harness.inprocess", Map.of());
    }

    /** A DataSource of type {@code Prometheus} scraping {@code url}. */
    public static DataSource prometheusDataSource(String name, String url) {
        return new DataSource(name, "Prometheus", Map.of("url", url));
    }

    /** All events of an in-process timer. */
    public static MetricSource timer(String dataSource, String timer) {
        return MetricSource.ref(dataSource).with("timer", timer);
    }

    /** Events of an in-process timer at most {@code le} long. */
    public static MetricSource timer(String dataSource, String timer, Duration le) {
        return timer(dataSource, timer).with("le", format(le));
    }

    /** An in-process counter. */
    public static MetricSource counter(String dataSource, String counter) {
        return MetricSource.ref(dataSource).with("counter", counter);
    }

    /** An in-process gauge. */
    public static MetricSource gauge(String dataSource, String gauge) {
        return MetricSource.ref(dataSource).with("gauge", gauge);
    }

    /** A Prometheus series (summed over matching label sets), e.g. a counter. */
    public static MetricSource prometheus(String dataSource, String metric, Map<String, String> labels) {
        MetricSource m = MetricSource.ref(dataSource).with("metric", metric);
        for (Map.Entry<String, String> e : labels.entrySet()) {
            m = m.with("labels." + e.getKey(), e.getValue());
        }
        return m;
    }

    /** Formats a duration the way YAML files write it: {@code 1s} when whole seconds, else {@code 200ms}. */
    public static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    // ---- SLI

    public static SliStep sli(String name) {
        return new SliStep(name);
    }

    /** First step of an SLI: pick how it is computed. */
    public record SliStep(String name) {
        /** ratioMetric, counter: true, good over total. */
        public Sli goodOver(MetricSource good, MetricSource total) {
            return new Sli(name, new SliSpec.Ratio(true, good, null, total));
        }

        /** ratioMetric, counter: true, bad over total. */
        public Sli badOver(MetricSource bad, MetricSource total) {
            return new Sli(name, new SliSpec.Ratio(true, null, bad, total));
        }

        /** ratioMetric, counter: false (gauges), good over total. */
        public Sli gaugeRatio(MetricSource good, MetricSource total) {
            return new Sli(name, new SliSpec.Ratio(false, good, null, total));
        }

        /** thresholdMetric on one source. */
        public Sli threshold(MetricSource source) {
            return new Sli(name, new SliSpec.Threshold(source));
        }
    }

    // ---- SLO and objectives

    public static SloStep slo(String name) {
        return new SloStep(name, null, BudgetingMethod.OCCURRENCES, Duration.ofDays(28), null, List.of());
    }

    /** An SLO under construction. */
    public record SloStep(String name, String service, BudgetingMethod budgetingMethod, Duration window, Sli indicator,
                          List<ObjectiveStep> objectives) {
        public SloStep service(String newService) {
            return new SloStep(name, newService, budgetingMethod, window, indicator, objectives);
        }

        public SloStep occurrences() {
            return new SloStep(name, service, BudgetingMethod.OCCURRENCES, window, indicator, objectives);
        }

        public SloStep timeslices() {
            return new SloStep(name, service, BudgetingMethod.TIMESLICES, window, indicator, objectives);
        }

        /** The rolling time window (default 28 days). */
        public SloStep window(Duration rolling) {
            return new SloStep(name, service, budgetingMethod, rolling, indicator, objectives);
        }

        /** The SLO-level indicator, used by objectives without their own. */
        public SloStep indicator(Sli sli) {
            return new SloStep(name, service, budgetingMethod, window, sli, objectives);
        }

        public SloStep objective(ObjectiveStep objective) {
            List<ObjectiveStep> list = new ArrayList<>(objectives);
            list.add(objective);
            return new SloStep(name, service, budgetingMethod, window, indicator, list);
        }

        public Slo build() {
            return new Slo(name, null, service, budgetingMethod, window, objectives.stream()
                    .map(o -> o.build(indicator)).toList());
        }
    }

    public static ObjectiveStep objective(String displayName) {
        return new ObjectiveStep(displayName, null, null, null, Double.NaN, null);
    }

    /** An objective under construction. */
    public record ObjectiveStep(String name, Sli indicator, Operator op, Double value, double target,
                                Double timeSliceTarget) {
        public ObjectiveStep indicator(Sli sli) {
            return new ObjectiveStep(name, sli, op, value, target, timeSliceTarget);
        }

        /** Share of good events (or slices) required, in [0, 1). */
        public ObjectiveStep target(double share) {
            return new ObjectiveStep(name, indicator, op, value, share, timeSliceTarget);
        }

        public ObjectiveStep targetPercent(double percent) {
            return target(percent / 100);
        }

        /** For threshold SLIs: good events satisfy {@code value op threshold}. */
        public ObjectiveStep threshold(Operator operator, double threshold) {
            return new ObjectiveStep(name, indicator, operator, threshold, target, timeSliceTarget);
        }

        /** For threshold SLIs on timers: good events are faster than {@code latency}. */
        public ObjectiveStep below(Duration latency) {
            return threshold(Operator.LT, latency.toNanos() / 1e6);
        }

        /** Timeslices: the per-slice share of good events that makes a slice good. */
        public ObjectiveStep timeSliceTarget(double share) {
            return new ObjectiveStep(name, indicator, op, value, target, share);
        }

        Objective build(Sli sloIndicator) {
            if (Double.isNaN(target)) {
                throw new IllegalArgumentException("objective '" + name + "' needs target(..) or targetPercent(..)");
            }
            return new Objective(name, indicator != null ? indicator : sloIndicator, op, value, target,
                    timeSliceTarget);
        }
    }

    // ---- harness kinds

    public static SteadyStateStep steadyState(String name) {
        return new SteadyStateStep(name, Duration.ofSeconds(10), 1, Duration.ofMinutes(1), true, Duration.ZERO,
                Duration.ofMinutes(1), List.of(), List.of(), List.of());
    }

    /** A steady state under construction. */
    public record SteadyStateStep(String name, Duration slice, long minEventsPerSlice, Duration baseline, boolean gate,
                                  Duration settle, Duration recovery, List<PhaseBinding> bindings,
                                  List<String> recoveryObjectives, List<String> invariants) {
        public SteadyStateStep slice(Duration length) {
            return new SteadyStateStep(name, length, minEventsPerSlice, baseline, gate, settle, recovery, bindings,
                    recoveryObjectives, invariants);
        }

        public SteadyStateStep minEventsPerSlice(long min) {
            return new SteadyStateStep(name, slice, min, baseline, gate, settle, recovery, bindings,
                    recoveryObjectives, invariants);
        }

        /** Baseline length, and whether it gates the injection. */
        public SteadyStateStep baseline(Duration length, boolean isGate) {
            return new SteadyStateStep(name, slice, minEventsPerSlice, length, isGate, settle, recovery, bindings,
                    recoveryObjectives, invariants);
        }

        /** Settle time after the last fault, then the recovery phase's length. */
        public SteadyStateStep recovery(Duration settleAfterLastFault, Duration length) {
            return new SteadyStateStep(name, slice, minEventsPerSlice, baseline, gate, settleAfterLastFault, length,
                    bindings, recoveryObjectives, invariants);
        }

        /** All objectives of an SLO hold in these phases. */
        public SteadyStateStep objective(String sloRef, Phase... phases) {
            return bind(new PhaseBinding(sloRef, null, EnumSet.copyOf(Arrays.asList(phases)), null));
        }

        /** One objective of an SLO holds in these phases. */
        public SteadyStateStep objective(String sloRef, String objective, Phase... phases) {
            return bind(new PhaseBinding(sloRef, objective, EnumSet.copyOf(Arrays.asList(phases)), null));
        }

        /** A binding with every option, e.g. its own minimum events per slice. */
        public SteadyStateStep bind(PhaseBinding binding) {
            return new SteadyStateStep(name, slice, minEventsPerSlice, baseline, gate, settle, recovery,
                    append(bindings, binding), recoveryObjectives, invariants);
        }

        public SteadyStateStep recoveryObjective(String ref) {
            return new SteadyStateStep(name, slice, minEventsPerSlice, baseline, gate, settle, recovery, bindings,
                    append(recoveryObjectives, ref), invariants);
        }

        public SteadyStateStep invariant(String ref) {
            return new SteadyStateStep(name, slice, minEventsPerSlice, baseline, gate, settle, recovery, bindings,
                    recoveryObjectives, append(invariants, ref));
        }

        public SteadyState build() {
            return new SteadyState(name, slice, minEventsPerSlice, baseline, gate, settle, recovery, bindings,
                    recoveryObjectives, invariants);
        }
    }

    /** A recovery objective: share of entities of {@code population} back within a time after an anchor. */
    public static RecoveryObjective recoveryObjective(String name, String population, RecoveryObjective.Anchor anchor,
                                                      Duration within, double target) {
        return new RecoveryObjective(name, population, anchor, within, target);
    }

    public static InvariantStep invariant(String name) {
        return new InvariantStep(name, "", null, null, 0, 0, Duration.ZERO, false);
    }

    /** An invariant under construction (defaults: nothing missing, nothing duplicated, final check only). */
    public record InvariantStep(String name, String description, String expected, String actual, long maxMissing,
                                long maxDuplicates, Duration settle, boolean checkContinuously) {
        public InvariantStep description(String text) {
            return new InvariantStep(name, text, expected, actual, maxMissing, maxDuplicates, settle, checkContinuously);
        }

        /** Names of the expected and actual probes (or in-process id sets). */
        public InvariantStep reconcile(String expectedProbe, String actualProbe) {
            return new InvariantStep(name, description, expectedProbe, actualProbe, maxMissing, maxDuplicates, settle,
                    checkContinuously);
        }

        public InvariantStep allowMissing(long n) {
            return new InvariantStep(name, description, expected, actual, n, maxDuplicates, settle, checkContinuously);
        }

        public InvariantStep allowDuplicates(long n) {
            return new InvariantStep(name, description, expected, actual, maxMissing, n, settle, checkContinuously);
        }

        public InvariantStep settle(Duration d) {
            return new InvariantStep(name, description, expected, actual, maxMissing, maxDuplicates, d, checkContinuously);
        }

        /** Also check at every slice boundary (so an abort rule can act on a breach). */
        public InvariantStep continuous() {
            return new InvariantStep(name, description, expected, actual, maxMissing, maxDuplicates, settle, true);
        }

        public Invariant build() {
            return new Invariant(name, description, expected, actual, maxMissing, maxDuplicates, settle, checkContinuously);
        }
    }

    public static AbortPolicyStep abortPolicy(String name) {
        return new AbortPolicyStep(name, Duration.ofSeconds(10), List.of());
    }

    /** An abort policy under construction; rules keep their order. */
    public record AbortPolicyStep(String name, Duration evaluateEvery, List<AbortRule> rules) {
        public AbortPolicyStep evaluateEvery(Duration d) {
            return new AbortPolicyStep(name, d, rules);
        }

        public AbortPolicyStep invariantBreach(String rule, String... invariants) {
            return rule(new AbortRule.InvariantBreach(rule, List.of(invariants)));
        }

        public AbortPolicyStep burnRate(String rule, Duration longWindow, Duration shortWindow, double threshold,
                                        Duration sustainedFor, String... objectiveRefs) {
            return rule(new AbortRule.BurnRate(rule, List.of(objectiveRefs), longWindow, shortWindow, threshold,
                    sustainedFor));
        }

        public AbortPolicyStep budgetCap(String rule, double maxFraction, Duration period, String... objectiveRefs) {
            return rule(new AbortRule.BudgetCap(rule, List.of(objectiveRefs), maxFraction, period));
        }

        public AbortPolicyStep hardFloor(String rule, double below, int consecutiveSlices, String... objectiveRefs) {
            return rule(new AbortRule.HardFloor(rule, List.of(objectiveRefs), below, consecutiveSlices));
        }

        public AbortPolicyStep noData(String rule, int consecutiveSlices, String... objectiveRefs) {
            return rule(new AbortRule.NoData(rule, List.of(objectiveRefs), consecutiveSlices));
        }

        public AbortPolicyStep rule(AbortRule rule) {
            return new AbortPolicyStep(name, evaluateEvery, append(rules, rule));
        }

        public AbortPolicy build() {
            return new AbortPolicy(name, evaluateEvery, rules);
        }
    }

    // ---- everything together

    public static DeclarationsStep declarations() {
        return new DeclarationsStep(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Collects declarations in any order; {@link #build()} checks that names are unique and references resolve. */
    public record DeclarationsStep(List<DataSource> dataSources, List<Sli> slis, List<Slo> slos,
                                   List<SteadyState> steadyStates, List<RecoveryObjective> recoveryObjectives,
                                   List<Invariant> invariants, List<AbortPolicy> abortPolicies) {
        public DeclarationsStep dataSource(DataSource... items) {
            return new DeclarationsStep(concat(dataSources, items), slis, slos, steadyStates, recoveryObjectives,
                    invariants, abortPolicies);
        }

        public DeclarationsStep sli(Sli... items) {
            return new DeclarationsStep(dataSources, concat(slis, items), slos, steadyStates, recoveryObjectives,
                    invariants, abortPolicies);
        }

        public DeclarationsStep slo(Slo... items) {
            return new DeclarationsStep(dataSources, slis, concat(slos, items), steadyStates, recoveryObjectives,
                    invariants, abortPolicies);
        }

        public DeclarationsStep steadyState(SteadyState... items) {
            return new DeclarationsStep(dataSources, slis, slos, concat(steadyStates, items), recoveryObjectives,
                    invariants, abortPolicies);
        }

        public DeclarationsStep recoveryObjective(RecoveryObjective... items) {
            return new DeclarationsStep(dataSources, slis, slos, steadyStates, concat(recoveryObjectives, items),
                    invariants, abortPolicies);
        }

        public DeclarationsStep invariant(Invariant... items) {
            return new DeclarationsStep(dataSources, slis, slos, steadyStates, recoveryObjectives,
                    concat(invariants, items), abortPolicies);
        }

        public DeclarationsStep abortPolicy(AbortPolicy... items) {
            return new DeclarationsStep(dataSources, slis, slos, steadyStates, recoveryObjectives, invariants,
                    concat(abortPolicies, items));
        }

        public Declarations build() {
            return new Declarations(dataSources, slis, slos, steadyStates, recoveryObjectives, invariants,
                    abortPolicies);
        }

        @SafeVarargs
        private static <T> List<T> concat(List<T> list, T... items) {
            return Stream.concat(list.stream(), Arrays.stream(items)).toList();
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return List.copyOf(copy);
    }
}
