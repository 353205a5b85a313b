package dev.chargestorm.steadystate.slo;

import java.time.Duration;

/**
 * Harness kind {@code RecoveryObjective}: the share of affected entities (e.g. chargers) back within a time.
 *
 * @param population name of the in-process recovery tracker that sees entities go down and come back
 * @param anchor from when recovery time is measured
 * @param within the recovery time an entity must meet
 * @param target required share of affected entities recovered within {@code within}, in (0, 1]
 */
public record RecoveryObjective(String name, String population, Anchor anchor, Duration within, double target) {

    /** Where recovery time starts. */
    public enum Anchor {
        DISRUPTION_START("disruptionStart"), DISRUPTION_END("disruptionEnd");

        private final String yamlName;

        Anchor(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    public RecoveryObjective {
        Names.dnsLabel(name, "metadata.name");
        Names.notBlank(population, "RecoveryObjective '" + name + "' spec.population");
        if (anchor == null) {
            throw new IllegalArgumentException("RecoveryObjective '" + name + "' needs spec.anchor");
        }
        Names.positive(within, "RecoveryObjective '" + name + "' spec.within");
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("RecoveryObjective '" + name + "' spec.target must be in (0, 1] but was ["
                    + target + "]");
        }
    }
}
