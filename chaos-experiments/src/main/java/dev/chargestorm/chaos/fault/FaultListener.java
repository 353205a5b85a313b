package dev.chargestorm.chaos.fault;

import dev.chargestorm.steadystate.run.SteadyStateRun;
import org.apiguardian.api.API;

/**
 * Told about every fault as it is applied and rolled back, for reports and live views. Called on the thread that
 * injects or rolls back. An exception from {@link #injected} stops the fault before it is applied (a steady-state run
 * refuses faults when its baseline gate failed).
 */
@API(status = API.Status.EXPERIMENTAL)
public interface FaultListener {

    /** The fault is about to be applied (it is already registered for rollback). */
    default void injected(FaultRecord fault) {
    }

    /** The fault was rolled back ({@code fault.rollbackFailure()} says if that failed). */
    default void reverted(FaultRecord fault) {
    }

    /**
     * @return a listener that marks each fault in a steady-state run: {@code faultStarted} / {@code faultEnded} with the
     *         fault's name, and a rollback step with its outcome
     */
    static FaultListener steadyState(SteadyStateRun run) {
        return new FaultListener() {
            @Override
            public void injected(FaultRecord fault) {
                run.faultStarted(fault.name());
            }

            @Override
            public void reverted(FaultRecord fault) {
                run.faultEnded(fault.name());
                run.rollback(fault.name(), fault.rollbackFailure() == null,
                        fault.rollbackFailure() == null ? fault.target() : fault.rollbackFailure());
            }
        };
    }
}
