package dev.chargestorm.steadystate.run;

/** How a run ended (separate from the objectives' verdicts). */
public enum RunStatus {
    /** Still running (only seen before {@code finish()}). */
    RUNNING,
    /** Ran to the end; verdicts say whether the hypothesis held. */
    COMPLETED,
    /** A guardrail fired: injections stopped and rolled back early. */
    ABORTED,
    /** The baseline gate failed; no fault was injected. */
    NOT_STARTED,
    /** Stopped by the operator (Ctrl-C, stop button). */
    INTERRUPTED,
    /** The harness failed. */
    ERRORED
}
