package dev.chargestorm.fleet.steadystate;

import dev.chargestorm.fleet.metrics.FleetListener;
import dev.chargestorm.steadystate.sli.EventCounter;
import dev.chargestorm.steadystate.sli.Gauge;
import dev.chargestorm.steadystate.sli.IdSetRecorder;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.steadystate.sli.LatencyRecorder;
import dev.chargestorm.steadystate.sli.RecoveryTracker;

/**
 * Feeds the fleet's client-side truth into a steady-state {@link InProcessSource}, under the names the platform's SLO
 * file ({@code steady-state/slo/charging-platform.yaml}) reads:
 *
 * <table>
 * <caption>Recorders</caption>
 * <tr><td>gauge {@code fleet.size}, {@code fleet.connected}, {@code fleet.accepted}</td><td>chargers in the fleet,
 * with an open WebSocket, online</td></tr>
 * <tr><td>recovery tracker {@code fleet.connection}</td><td>down when an online charger loses its connection, up when
 * it is online again</td></tr>
 * <tr><td>id set {@code fleet.confirmed-messages}</td><td>every transaction message the central system
 * acknowledged</td></tr>
 * <tr><td>timer {@code session.start}, counter {@code session.start.attempts}, counter
 * {@code session.start.failures}</td><td>confirmed session starts and their latency; all attempts; failures</td></tr>
 * <tr><td>counter {@code fleet.discarded-messages}</td><td>transaction messages given up</td></tr>
 * </table>
 *
 * <pre>{@code
 * InProcessSource recorders = new InProcessSource(InstantSource.system());
 * Fleet fleet = Fleet.start(settings, SteadyStateRecorders.feeding(recorders));
 * }</pre>
 */
public final class SteadyStateRecorders implements FleetListener {

    private final Gauge size;
    private final Gauge connected;
    private final Gauge accepted;
    private final RecoveryTracker connection;
    private final IdSetRecorder confirmed;
    private final LatencyRecorder sessionStart;
    private final EventCounter sessionAttempts;
    private final EventCounter sessionFailures;
    private final EventCounter discarded;

    private SteadyStateRecorders(InProcessSource source) {
        size = source.gauge("fleet.size");
        connected = source.gauge("fleet.connected");
        accepted = source.gauge("fleet.accepted");
        connection = source.recoveryTracker("fleet.connection");
        confirmed = source.idSet("fleet.confirmed-messages");
        sessionStart = source.timer("session.start");
        sessionAttempts = source.counter("session.start.attempts");
        sessionFailures = source.counter("session.start.failures");
        discarded = source.counter("fleet.discarded-messages");
    }

    /** A listener that records into {@code source}; pass it to {@code Fleet.start}. */
    public static FleetListener feeding(InProcessSource source) {
        return new SteadyStateRecorders(source);
    }

    @Override
    public void chargerUp(String chargerId) {
        connection.up(chargerId);
    }

    @Override
    public void chargerDown(String chargerId) {
        connection.down(chargerId);
    }

    @Override
    public void gauges(int fleetSize, int connectedCount, int acceptedCount) {
        size.set(fleetSize);
        connected.set(connectedCount);
        accepted.set(acceptedCount);
    }

    @Override
    public void acknowledged(String messageId) {
        confirmed.add(messageId);
    }

    @Override
    public void discarded(String chargerId, String action) {
        discarded.increment();
    }

    @Override
    public void sessionStart(boolean succeeded, long nanos) {
        sessionAttempts.increment();
        if (succeeded) {
            sessionStart.recordNanos(nanos);
        } else {
            sessionFailures.increment();
        }
    }
}
