package dev.chargestorm.steadystate.abort;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chargestorm.steadystate.evaluation.InvariantCheck;
import dev.chargestorm.steadystate.evaluation.SliceSample;
import dev.chargestorm.steadystate.slo.ObjectiveKey;

/**
 * What the abort rules see at one slice boundary.
 *
 * @param series every objective's slices so far
 * @param firstInjection when the first fault was injected (rules only look at slices ending after it)
 * @param baselineEventsPerSecond each objective's event rate in the baseline phase (budget-cap traffic estimate)
 * @param activeObjectives objectives bound to the current phase (the default scope of the no-data rule)
 * @param invariantChecks this boundary's checks of continuous invariants, by name
 */
public record AbortInput(Instant now, Map<ObjectiveKey, List<SliceSample>> series, Instant firstInjection,
                         Map<ObjectiveKey, Double> baselineEventsPerSecond, Set<ObjectiveKey> activeObjectives,
                         Map<String, InvariantCheck> invariantChecks) {
}
