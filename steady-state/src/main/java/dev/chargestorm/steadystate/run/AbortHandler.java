package dev.chargestorm.steadystate.run;

import dev.chargestorm.steadystate.abort.AbortDecision;

/**
 * Called once, on the thread that evaluates the slice, when an abort rule fires. The experiment stops injecting and
 * rolls back (reporting each step with {@link SteadyStateRun#rollback}); the run keeps measuring.
 */
@FunctionalInterface
public interface AbortHandler {

    void onAbort(AbortDecision decision);
}
