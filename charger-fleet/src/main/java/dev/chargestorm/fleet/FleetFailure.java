package dev.chargestorm.fleet;

/**
 * The fleet cannot go on: the machine or process ran out of something (local ports, open files). The message says
 * what to change.
 */
public final class FleetFailure extends RuntimeException {

    public FleetFailure(String message) {
        super(message);
    }
}
