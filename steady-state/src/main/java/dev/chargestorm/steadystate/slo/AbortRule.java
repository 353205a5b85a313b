package dev.chargestorm.steadystate.slo;

import java.time.Duration;
import java.util.List;

/**
 * One guardrail of an {@link AbortPolicy}. Objective references are {@code slo} (all its objectives) or
 * {@code slo/objective}.
 */
public sealed interface AbortRule {

    String name();

    /** Abort at once when a continuous invariant is breached. */
    record InvariantBreach(String name, List<String> invariantRefs) implements AbortRule {
        public InvariantBreach {
            Names.notBlank(name, "rules[].name");
            invariantRefs = List.copyOf(invariantRefs);
            if (invariantRefs.isEmpty()) {
                throw new IllegalArgumentException("rule '" + name + "' needs invariantRefs");
            }
        }
    }

    /** Multi-window burn rate: both windows at or above {@code threshold} for {@code sustainedFor}. */
    record BurnRate(String name, List<String> objectiveRefs, Duration longWindow, Duration shortWindow, double threshold,
                    Duration sustainedFor) implements AbortRule {
        public BurnRate {
            Names.notBlank(name, "rules[].name");
            objectiveRefs = refs(name, objectiveRefs);
            Names.positive(longWindow, "rule '" + name + "' burnRate.long");
            Names.positive(shortWindow, "rule '" + name + "' burnRate.short");
            if (shortWindow.compareTo(longWindow) > 0) {
                throw new IllegalArgumentException("rule '" + name + "': burnRate.short (" + shortWindow
                        + ") must not be longer than burnRate.long (" + longWindow + ")");
            }
            if (!(threshold > 0)) {
                throw new IllegalArgumentException("rule '" + name + "': burnRate.threshold must be > 0 but was ["
                        + threshold + "]");
            }
            Names.notNegative(sustainedFor, "rule '" + name + "' for");
        }
    }

    /**
     * Budget cap: bad events since the first injection reach {@code maxFraction} of the error budget of
     * {@code period}, with the traffic of the period estimated from the baseline phase's event rate.
     */
    record BudgetCap(String name, List<String> objectiveRefs, double maxFraction, Duration period) implements AbortRule {
        public BudgetCap {
            Names.notBlank(name, "rules[].name");
            objectiveRefs = refs(name, objectiveRefs);
            if (!(maxFraction > 0 && maxFraction <= 1)) {
                throw new IllegalArgumentException("rule '" + name + "': budgetConsumed.max must be in (0, 1] but was ["
                        + maxFraction + "]");
            }
            Names.positive(period, "rule '" + name + "' budgetConsumed.period");
        }
    }

    /** Hard floor: the good-event ratio is below {@code below} in {@code consecutiveSlices} slices in a row. */
    record HardFloor(String name, List<String> objectiveRefs, double below, int consecutiveSlices) implements AbortRule {
        public HardFloor {
            Names.notBlank(name, "rules[].name");
            objectiveRefs = refs(name, objectiveRefs);
            Names.fraction(below, "rule '" + name + "' below", true);
            if (consecutiveSlices < 1) {
                throw new IllegalArgumentException("rule '" + name + "': consecutiveSlices must be >= 1 but was ["
                        + consecutiveSlices + "]");
            }
        }
    }

    /**
     * No data: an objective (all objectives bound in the current phase when {@code objectiveRefs} is empty) has too
     * few events, or its source failed, in {@code consecutiveSlices} slices in a row.
     */
    record NoData(String name, List<String> objectiveRefs, int consecutiveSlices) implements AbortRule {
        public NoData {
            Names.notBlank(name, "rules[].name");
            objectiveRefs = List.copyOf(objectiveRefs);
            if (consecutiveSlices < 1) {
                throw new IllegalArgumentException("rule '" + name + "': consecutiveSlices must be >= 1 but was ["
                        + consecutiveSlices + "]");
            }
        }
    }

    private static List<String> refs(String name, List<String> refs) {
        List<String> copy = List.copyOf(refs);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "' needs sloRefs");
        }
        return copy;
    }
}
