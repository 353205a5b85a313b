package dev.chargestorm.fleet.metrics;

/**
 * Client-side events for harnesses (the steady-state adapter, experiments). Called on the fleet's event-loop threads:
 * implementations must be thread-safe and quick, and must not block.
 */
public interface FleetListener {

    /** The charger is online: connected and Accepted (or reconnected after an earlier Accepted). */
    default void chargerUp(String chargerId) {
    }

    /** The charger was online and lost its connection (or rebooted). */
    default void chargerDown(String chargerId) {
    }

    /** The fleet's connected and Accepted counts changed. */
    default void gauges(int size, int connected, int accepted) {
    }

    /**
     * The central system answered a transaction message with a CALLRESULT.
     *
     * @param messageId see {@link FleetMetrics#acknowledgedIds()} for the format
     */
    default void acknowledged(String messageId) {
    }

    /** A transaction message was given up after its attempts (data loss as the charger sees it). */
    default void discarded(String chargerId, String action) {
    }

    /**
     * A driver tried to start a charging session.
     *
     * @param succeeded StartTransaction confirmed with idTagInfo Accepted
     * @param nanos from the driver's action (plug-in and card, or the remote start) to the confirmation
     */
    default void sessionStart(boolean succeeded, long nanos) {
    }
}
