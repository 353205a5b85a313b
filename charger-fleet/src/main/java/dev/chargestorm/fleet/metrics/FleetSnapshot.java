package dev.chargestorm.fleet.metrics;

/**
 * The numbers of a progress line.
 *
 * @param elapsedMillis since the fleet started
 * @param size chargers in the fleet
 * @param connected chargers with an open WebSocket
 * @param accepted chargers online (Accepted)
 * @param connectAttempts connection attempts so far, all outcomes
 * @param bootP99Millis BootNotification round trip, 99th percentile so far
 * @param sessionsOk session starts confirmed
 * @param sessionsFailed session starts that failed
 * @param queueDepth transaction messages waiting in offline queues
 * @param discarded transaction messages given up
 * @param callTimeouts CALLs without an answer within the timeout
 * @param callErrors CALLERRORs received
 * @param acknowledged transaction messages confirmed by the central system
 */
public record FleetSnapshot(long elapsedMillis, int size, int connected, int accepted, long connectAttempts,
        long bootP99Millis, long sessionsOk, long sessionsFailed, long queueDepth, long discarded, long callTimeouts,
        long callErrors, long acknowledged) {

    /** Sums snapshots of several processes. */
    public static FleetSnapshot sum(Iterable<FleetSnapshot> snapshots) {
        long elapsed = 0;
        int size = 0;
        int connected = 0;
        int accepted = 0;
        long attempts = 0;
        long bootP99 = 0;
        long ok = 0;
        long failed = 0;
        long queue = 0;
        long discarded = 0;
        long timeouts = 0;
        long errors = 0;
        long acknowledged = 0;
        for (FleetSnapshot s : snapshots) {
            elapsed = Math.max(elapsed, s.elapsedMillis);
            size += s.size;
            connected += s.connected;
            accepted += s.accepted;
            attempts += s.connectAttempts;
            bootP99 = Math.max(bootP99, s.bootP99Millis);
            ok += s.sessionsOk;
            failed += s.sessionsFailed;
            queue += s.queueDepth;
            discarded += s.discarded;
            timeouts += s.callTimeouts;
            errors += s.callErrors;
            acknowledged += s.acknowledged;
        }
        return new FleetSnapshot(elapsed, size, connected, accepted, attempts, bootP99, ok, failed, queue, discarded,
                timeouts, errors, acknowledged);
    }
}
