package dev.chargestorm.steadystate.slo;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OpenSLO {@code SLO}: objectives on one or more indicators.
 *
 * @param timeWindow the rolling {@code timeWindow[0].duration}; used for budget maths (budget-cap abort rule)
 */
public record Slo(String name, String displayName, String service, BudgetingMethod budgetingMethod,
                  Duration timeWindow, List<Objective> objectives) {

    public Slo {
        Names.dnsLabel(name, "metadata.name");
        Names.notBlank(service, "SLO '" + name + "' spec.service");
        if (budgetingMethod == null) {
            throw new IllegalArgumentException("SLO '" + name + "' needs a budgetingMethod");
        }
        Names.positive(timeWindow, "SLO '" + name + "' timeWindow[0].duration");
        objectives = List.copyOf(objectives);
        if (objectives.isEmpty()) {
            throw new IllegalArgumentException("SLO '" + name + "' needs at least one objective");
        }
        Set<String> seen = new HashSet<>();
        for (Objective o : objectives) {
            if (!seen.add(o.name())) {
                throw new IllegalArgumentException("SLO '" + name + "' has two objectives named '" + o.name() + "'");
            }
            if (o.indicator().spec() instanceof SliSpec.Threshold
                    && objectives.stream().filter(x -> x.indicator().equals(o.indicator())).count() > 1) {
                throw new IllegalArgumentException("SLO '" + name + "' has more than one objective on threshold SLI '"
                        + o.indicator().name() + "' (OpenSLO v1 allows one)");
            }
        }
    }

    public Optional<Objective> objective(String objectiveName) {
        return objectives.stream().filter(o -> o.name().equals(objectiveName)).findFirst();
    }

    public ObjectiveKey key(Objective objective) {
        return new ObjectiveKey(name, objective.name());
    }
}
