package dev.chargestorm.steadystate.slo;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which objectives of an SLO hold in which phases.
 *
 * @param sloRef the SLO's name
 * @param objective one objective's displayName, or {@code null} for all of the SLO's objectives
 * @param phases phases in which the objectives must hold (never SETTLE)
 * @param minEventsPerSlice overrides the steady state's minimum, or {@code null}
 */
public record PhaseBinding(String sloRef, String objective, Set<Phase> phases, Long minEventsPerSlice) {

    public PhaseBinding {
        Names.notBlank(sloRef, "objectives[].sloRef");
        if (phases == null || phases.isEmpty()) {
            throw new IllegalArgumentException("binding of '" + sloRef + "' needs at least one phase");
        }
        if (phases.contains(Phase.SETTLE)) {
            throw new IllegalArgumentException("binding of '" + sloRef + "': objectives cannot hold in SETTLE");
        }
        phases = Set.copyOf(EnumSet.copyOf(phases));
        if (minEventsPerSlice != null && minEventsPerSlice < 1) {
            throw new IllegalArgumentException("binding of '" + sloRef + "': minEventsPerSlice must be >= 1 but was ["
                    + minEventsPerSlice + "]");
        }
    }

    public boolean selects(ObjectiveKey key) {
        return key.slo().equals(sloRef) && (objective == null || objective.equals(key.objective()));
    }
}
