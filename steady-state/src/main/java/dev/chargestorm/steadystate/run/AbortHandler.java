package dev.chargestorm.steadystate.run;

import dev.chargestorm.steadystate.abort.AbortDecision;

/**
 * Called once, on the thread that evaluates the slice, when an abort rule fires. The experiment stops injecting and
 * rolls back (reporting each step with {@link SteadyStateRun#rollback}); the run keeps measuring. The callback runs
 * while the run holds its lock: it may call the run's methods on the same thread, but must not wait for another thread
 * that calls them (hand long rollbacks to an executor instead).
 */
@FunctionalInterface
public interface AbortHandler {

    void onAbort(AbortDecision decision);
}
