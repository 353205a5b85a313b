package dev.chargestorm.steadystate.run;

import java.util.List;

import dev.chargestorm.steadystate.evaluation.ObjectiveResult;

/** The baseline gate: whether faults may be injected, and the baseline verdicts behind it. */
public record GateDecision(boolean passed, List<ObjectiveResult> baseline) {

    public GateDecision {
        baseline = List.copyOf(baseline);
    }
}
