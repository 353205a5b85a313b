package dev.chargestorm.chaos.fault;

import org.apiguardian.api.API;

/**
 * An injected fault. {@link #rollback()} (and {@link #close()}) undo it; both are idempotent, so try-with-resources,
 * an explicit rollback and {@link Faults#rollbackAll()} can all be used together.
 */
@API(status = API.Status.EXPERIMENTAL)
public interface FaultHandle extends AutoCloseable {

    /** @return the fault's unique name ({@code db-latency-1}) */
    String name();

    /** @return its record so far */
    FaultRecord record();

    /** @return whether it is still active */
    boolean isActive();

    /**
     * Undoes the fault and records when.
     *
     * @throws FaultException when the rollback failed (it is not retried; the record keeps the reason)
     */
    void rollback();

    /** Same as {@link #rollback()}. */
    @Override
    default void close() {
        rollback();
    }
}
