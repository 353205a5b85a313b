package dev.chargestorm.steadystate.slo;

import java.time.Duration;
import java.util.List;

/**
 * Harness kind {@code SteadyState}: binds SLO objectives to experiment phases.
 *
 * @param slice evaluation and chart granularity
 * @param minEventsPerSlice a slice with fewer events carries no verdict (NO_DATA slice)
 * @param baseline planned baseline length
 * @param baselineGate whether the baseline must pass before any fault is injected
 * @param recoverySettle time after the last fault ends before the recovery phase is judged
 * @param recovery planned recovery length
 * @param recoveryObjectives names of the {@link RecoveryObjective}s judged at the end of the run
 * @param invariants names of the {@link Invariant}s judged at the end of the run (and every slice when continuous)
 */
public record SteadyState(String name, Duration slice, long minEventsPerSlice, Duration baseline, boolean baselineGate,
                          Duration recoverySettle, Duration recovery, List<PhaseBinding> objectives,
                          List<String> recoveryObjectives, List<String> invariants) {

    public SteadyState {
        Names.dnsLabel(name, "metadata.name");
        Names.positive(slice, "SteadyState '" + name + "' spec.slice");
        if (minEventsPerSlice < 1) {
            throw new IllegalArgumentException("SteadyState '" + name + "' spec.minEventsPerSlice must be >= 1 but was ["
                    + minEventsPerSlice + "]");
        }
        Names.positive(baseline, "SteadyState '" + name + "' spec.phases.baseline.duration");
        Names.notNegative(recoverySettle, "SteadyState '" + name + "' spec.phases.recovery.settleAfterLastFault");
        Names.positive(recovery, "SteadyState '" + name + "' spec.phases.recovery.duration");
        objectives = List.copyOf(objectives);
        recoveryObjectives = List.copyOf(recoveryObjectives);
        invariants = List.copyOf(invariants);
        if (objectives.isEmpty()) {
            throw new IllegalArgumentException("SteadyState '" + name + "' needs at least one objective binding");
        }
    }
}
