package dev.chargestorm.steadystate.slo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Everything declared in one or more SLO files (or built with the DSL): the immutable model the run evaluates.
 * Names are unique per kind and every reference resolves.
 */
public record Declarations(List<DataSource> dataSources, List<Sli> slis, List<Slo> slos,
                           List<SteadyState> steadyStates, List<RecoveryObjective> recoveryObjectives,
                           List<Invariant> invariants, List<AbortPolicy> abortPolicies) {

    public Declarations {
        dataSources = List.copyOf(dataSources);
        slis = List.copyOf(slis);
        slos = List.copyOf(slos);
        steadyStates = List.copyOf(steadyStates);
        recoveryObjectives = List.copyOf(recoveryObjectives);
        invariants = List.copyOf(invariants);
        abortPolicies = List.copyOf(abortPolicies);
        unique("DataSource", dataSources, DataSource::name);
        unique("SLI", slis, Sli::name);
        unique("SLO", slos, Slo::name);
        unique("SteadyState", steadyStates, SteadyState::name);
        unique("RecoveryObjective", recoveryObjectives, RecoveryObjective::name);
        unique("Invariant", invariants, Invariant::name);
        unique("AbortPolicy", abortPolicies, AbortPolicy::name);
        List<String> problems = new ArrayList<>();
        for (Slo slo : slos) {
            for (Objective o : slo.objectives()) {
                for (MetricSource m : sources(o.indicator().spec())) {
                    if (m.sourceRef() != null && dataSources.stream().noneMatch(d -> d.name().equals(m.sourceRef()))) {
                        problems.add("SLO '" + slo.name() + "' objective '" + o.name() + "': metricSourceRef '"
                                + m.sourceRef() + "' is not a declared DataSource");
                    }
                }
            }
        }
        for (SteadyState s : steadyStates) {
            for (PhaseBinding b : s.objectives()) {
                Optional<Slo> slo = slos.stream().filter(x -> x.name().equals(b.sloRef())).findFirst();
                if (slo.isEmpty()) {
                    problems.add("SteadyState '" + s.name() + "': sloRef '" + b.sloRef() + "' is not a declared SLO");
                } else if (b.objective() != null && slo.get().objective(b.objective()).isEmpty()) {
                    problems.add("SteadyState '" + s.name() + "': SLO '" + b.sloRef() + "' has no objective '"
                            + b.objective() + "'");
                }
            }
        }
        for (SteadyState s : steadyStates) {
            for (String ref : s.recoveryObjectives()) {
                if (recoveryObjectives.stream().noneMatch(r -> r.name().equals(ref))) {
                    problems.add("SteadyState '" + s.name() + "': recoveryObjective '" + ref + "' is not declared");
                }
            }
            for (String ref : s.invariants()) {
                if (invariants.stream().noneMatch(i -> i.name().equals(ref))) {
                    problems.add("SteadyState '" + s.name() + "': invariant '" + ref + "' is not declared");
                }
            }
        }
        for (AbortPolicy p : abortPolicies) {
            for (AbortRule r : p.rules()) {
                for (String ref : objectiveRefs(r)) {
                    if (slos.stream().flatMap(slo -> slo.objectives().stream().map(slo::key)).noneMatch(k -> k.matches(ref))) {
                        problems.add("AbortPolicy '" + p.name() + "' rule '" + r.name() + "': '" + ref
                                + "' matches no declared SLO objective");
                    }
                }
                if (r instanceof AbortRule.InvariantBreach ib) {
                    for (String ref : ib.invariantRefs()) {
                        if (invariants.stream().noneMatch(i -> i.name().equals(ref))) {
                            problems.add("AbortPolicy '" + p.name() + "' rule '" + r.name() + "': invariantRef '" + ref
                                    + "' is not a declared Invariant");
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems.stream().distinct().toList()));
        }
    }

    /** No declarations at all. */
    public static Declarations empty() {
        return new Declarations(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Both sets of declarations together (names must stay unique). */
    public Declarations merge(Declarations other) {
        return new Declarations(concat(dataSources, other.dataSources), concat(slis, other.slis),
                concat(slos, other.slos), concat(steadyStates, other.steadyStates),
                concat(recoveryObjectives, other.recoveryObjectives), concat(invariants, other.invariants),
                concat(abortPolicies, other.abortPolicies));
    }

    public Optional<Slo> slo(String name) {
        return slos.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<SteadyState> steadyState(String name) {
        return steadyStates.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<AbortPolicy> abortPolicy(String name) {
        return abortPolicies.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<RecoveryObjective> recoveryObjective(String name) {
        return recoveryObjectives.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Invariant> invariant(String name) {
        return invariants.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<DataSource> dataSource(String name) {
        return dataSources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The metric sources an SLI reads. */
    public static List<MetricSource> sources(SliSpec spec) {
        return switch (spec) {
            case SliSpec.Ratio r -> Stream.of(r.good(), r.bad(), r.total()).filter(m -> m != null).toList();
            case SliSpec.Threshold t -> List.of(t.source());
        };
    }

    /** The objective references of a rule (empty for invariant rules). */
    public static List<String> objectiveRefs(AbortRule rule) {
        return switch (rule) {
            case AbortRule.InvariantBreach ignored -> List.of();
            case AbortRule.BurnRate b -> b.objectiveRefs();
            case AbortRule.BudgetCap b -> b.objectiveRefs();
            case AbortRule.HardFloor f -> f.objectiveRefs();
            case AbortRule.NoData n -> n.objectiveRefs();
        };
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static <T> void unique(String kind, List<T> items, Function<T, String> name) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            if (!seen.add(name.apply(item))) {
                throw new IllegalArgumentException("two " + kind + " declarations are named '" + name.apply(item) + "'");
            }
        }
    }
}
