package dev.chargestorm.fleet.chargepoint;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.chargestorm.fleet.metrics.FleetMetrics;
import dev.chargestorm.fleet.ocpp.FrameCodec;
import dev.chargestorm.fleet.plan.ChargerSpec;
import dev.chargestorm.fleet.plan.FleetPlan;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The drivers at one charger: sessions per connector (Authorize, StartTransaction, MeterValues, StopTransaction),
 * connector availability, and the session schedule. Confined to the charger's event loop; reports connector status
 * through the charger.
 */
final class Driver {

    private static final int CHARGING_WATTS = 11_000;

    private final ChargePoint charger;
    private final ChargerSpec spec;
    private final Behaviour behaviour;
    private final FleetMetrics metrics;
    private final Outbox outbox;
    private final EventLoop loop;
    private final SplittableRandom driverRandom;
    private final SplittableRandom sessionRandom;
    private final Session[] sessions;
    private final boolean[] inoperative;
    private final boolean[] inoperativeAfterSession;
    private long meterWh;
    private int meterSeconds;
    private boolean stopped;
    private @Nullable ScheduledFuture<?> sessionTimer;

    Driver(ChargePoint charger, ChargerSpec spec, Behaviour behaviour, FleetMetrics metrics, Outbox outbox,
            EventLoop loop) {
        this.charger = charger;
        this.spec = spec;
        this.behaviour = behaviour;
        this.metrics = metrics;
        this.outbox = outbox;
        this.loop = loop;
        this.driverRandom = Schedules.driver(spec);
        this.sessionRandom = Schedules.sessions(spec);
        this.sessions = new Session[spec.connectors() + 1];
        this.inoperative = new boolean[spec.connectors() + 1];
        this.inoperativeAfterSession = new boolean[spec.connectors() + 1];
        this.meterSeconds = (int) Math.max(1, behaviour.meterValueInterval().toSeconds());
        this.meterWh = 1_000L * driverRandom.nextInt(100_000);
    }

    /** No new sessions; timers cancelled. */
    void stop() {
        stopped = true;
        if (sessionTimer != null) {
            sessionTimer.cancel(false);
        }
        for (Session session : sessions) {
            if (session != null) {
                session.cancelTimers();
            }
        }
    }

    /** Every driver unplugs now. */
    void stopAll(String reason) {
        for (Session session : sessions) {
            if (session != null) {
                stopSession(session, reason);
            }
        }
    }

    int meterSeconds() {
        return meterSeconds;
    }

    void meterSeconds(int seconds) {
        meterSeconds = Math.max(1, seconds);
    }

    void scheduleNextSession() {
        Duration every = behaviour.sessionEvery();
        if (every.isZero() || stopped || (sessionTimer != null && !sessionTimer.isDone())) {
            return;
        }
        long delay = Schedules.nextGapMillis(sessionRandom, every);
        sessionTimer = loop.schedule(() -> {
            sessionTimer = null;
            if (charger.isOnline() || charger.mayStartOffline()) {
                tryStartLocalSession();
            }
            scheduleNextSession();
        }, Math.max(1, delay), TimeUnit.MILLISECONDS);
    }

    int freeConnector(int wanted) {
        if (wanted > 0) {
            return wanted < sessions.length && sessions[wanted] == null && !inoperative[wanted] && !inoperative[0]
                    ? wanted : -1;
        }
        for (int connector = 1; connector < sessions.length; connector++) {
            if (sessions[connector] == null && !inoperative[connector] && !inoperative[0]) {
                return connector;
            }
        }
        return -1;
    }

    boolean tryStartLocalSession() {
        int connector = freeConnector(0);
        if (connector < 0) {
            return false;
        }
        String idTag = FleetPlan.idTag(1 + driverRandom.nextInt(behaviour.idTags()));
        Session session = new Session(connector, idTag, System.nanoTime(), meterWh);
        sessions[connector] = session;
        charger.setStatus(connector, "Preparing");
        ObjectNode authorize = FrameCodec.object().put("idTag", idTag);
        outbox.send(new Outbox.Message("Authorize", () -> authorize, false, false, new Outbox.Reply() {
            @Override
            public void result(ObjectNode payload) {
                if (session.stopping) {
                    return;
                }
                String answer = payload.path("idTagInfo").path("status").asString("");
                if ("Accepted".equals(answer)) {
                    beginTransaction(session);
                } else {
                    failSession(session, "authorize-" + answer.toLowerCase(Locale.ROOT));
                }
            }

            @Override
            public void error(String code) {
                if (!session.stopping) {
                    failSession(session, "authorize-callerror");
                }
            }

            @Override
            public void timeout() {
                if (!session.stopping) {
                    failSession(session, "authorize-timeout");
                }
            }

            @Override
            public void lost() {
                if (session.stopping) {
                    return;
                }
                if (charger.mayStartOffline()) {
                    // offline now, so LocalAuthorizeOffline decides: the central system answers the StartTransaction
                    metrics.sessionAuthorizedOffline();
                    beginTransaction(session);
                } else {
                    failSession(session, "authorize-connection-lost");
                }
            }
        }));
        return true;
    }

    private void failSession(Session session, String reason) {
        metrics.sessionFailed(reason, System.nanoTime() - session.startedNanos);
        endSession(session);
    }

    private void endSession(Session session) {
        session.cancelTimers();
        if (sessions[session.connectorId] == session) {
            sessions[session.connectorId] = null;
        }
        if (inoperativeAfterSession[session.connectorId]) {
            inoperativeAfterSession[session.connectorId] = false;
            inoperative[session.connectorId] = true;
        }
        charger.setStatus(session.connectorId, inoperative[session.connectorId] ? "Unavailable" : "Available");
    }

    private void beginTransaction(Session session) {
        session.transactionBegun = true;
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode start = FrameCodec.object();
        start.put("connectorId", session.connectorId);
        start.put("idTag", session.idTag);
        start.put("meterStart", session.meterStart);
        start.put("timestamp", at.toString());
        outbox.send(new Outbox.Message("StartTransaction", () -> start, true, false, new Outbox.Reply() {
            @Override
            public void result(ObjectNode payload) {
                int transactionId = payload.path("transactionId").asInt(0);
                session.transactionId = transactionId;
                metrics.acknowledged("StartTransaction:" + spec.id() + ":" + session.connectorId + ":" + transactionId);
                String answer = payload.path("idTagInfo").path("status").asString("");
                if ("Accepted".equals(answer)) {
                    metrics.sessionStarted(System.nanoTime() - session.startedNanos);
                } else {
                    metrics.sessionFailed("start-" + answer.toLowerCase(Locale.ROOT),
                            System.nanoTime() - session.startedNanos);
                    stopSession(session, "DeAuthorized");
                }
            }

            @Override
            public void discarded() {
                session.startDiscarded = true;
                if (!session.stopping) {
                    metrics.sessionFailed("start-discarded", System.nanoTime() - session.startedNanos);
                    endSession(session);
                }
            }
        }));
        charger.setStatus(session.connectorId, "Charging");
        long meterNanos = TimeUnit.SECONDS.toNanos(meterSeconds);
        session.meterTimer = loop.scheduleAtFixedRate(() -> meterValue(session), meterNanos, meterNanos,
                TimeUnit.NANOSECONDS);
        Duration mean = behaviour.sessionDuration();
        if (!mean.isZero()) {
            long length = (long) (mean.toMillis() * (0.5 + driverRandom.nextDouble()));
            session.stopTimer = loop.schedule(() -> stopSession(session, "Local"), Math.max(1, length),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void meterValue(Session session) {
        if (session.stopping || session.startDiscarded) {
            return;
        }
        session.meterWh += (long) CHARGING_WATTS * meterSeconds / 3600;
        meterWh = Math.max(meterWh, session.meterWh);
        long wh = session.meterWh;
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        outbox.send(new Outbox.Message("MeterValues", () -> {
            if (session.startDiscarded || session.transactionId == null) {
                return null;
            }
            return meterValuesPayload(session.connectorId, session.transactionId, at, wh, "Sample.Periodic");
        }, true, false, payload -> metrics.acknowledged("MeterValues:" + spec.id() + ":" + session.connectorId + ":"
                + session.transactionId + ":" + at.toEpochMilli())));
    }

    private static ObjectNode meterValuesPayload(int connectorId, @Nullable Integer transactionId, Instant at, long wh,
            String context) {
        ObjectNode payload = FrameCodec.object();
        payload.put("connectorId", connectorId);
        if (transactionId != null) {
            payload.put("transactionId", transactionId);
        }
        ObjectNode sample = payload.putArray("meterValue").addObject();
        sample.put("timestamp", at.toString());
        ObjectNode value = sample.putArray("sampledValue").addObject();
        value.put("value", Long.toString(wh));
        value.put("context", context);
        value.put("measurand", "Energy.Active.Import.Register");
        value.put("unit", "Wh");
        return payload;
    }

    void stopSession(Session session, String reason) {
        if (session.stopping) {
            return;
        }
        session.stopping = true;
        session.cancelTimers();
        if (!session.transactionBegun) {
            // the driver left while the card was being checked: no transaction to stop
            failSession(session, "driver-left-before-start");
            return;
        }
        long meterStop = session.meterWh + driverRandom.nextInt(100);
        meterWh = Math.max(meterWh, meterStop);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (!session.startDiscarded && sessions[session.connectorId] == session) {
            outbox.send(new Outbox.Message("StopTransaction", () -> {
                if (session.startDiscarded || session.transactionId == null) {
                    return null;
                }
                ObjectNode payload = FrameCodec.object();
                payload.put("transactionId", session.transactionId);
                payload.put("idTag", session.idTag);
                payload.put("meterStop", meterStop);
                payload.put("timestamp", at.toString());
                payload.put("reason", reason);
                return payload;
            }, true, false, payload -> metrics.acknowledged("StopTransaction:" + spec.id() + ":"
                    + session.transactionId)));
        }
        charger.setStatus(session.connectorId, "Finishing");
        endSession(session);
    }

    void remoteStart(int connector, String idTag, long receivedNanos) {
        if (sessions[connector] != null) {
            metrics.sessionFailed("remote-connector-busy", System.nanoTime() - receivedNanos);
            return;
        }
        Session session = new Session(connector, idTag, receivedNanos, meterWh);
        sessions[connector] = session;
        charger.setStatus(connector, "Preparing");
        beginTransaction(session);
    }

    boolean remoteStop(int transactionId) {
        for (Session session : sessions) {
            if (session != null && session.transactionId != null && session.transactionId == transactionId) {
                stopSession(session, "Remote");
                return true;
            }
        }
        return false;
    }

    void unlock(int connector) {
        Session session = sessions[connector];
        if (session != null) {
            stopSession(session, "UnlockCommand");
        }
    }

    /** @return Accepted or Scheduled */
    String changeAvailability(int connector, boolean operative) {
        String result = "Accepted";
        int from = connector == 0 ? 0 : connector;
        int to = connector == 0 ? spec.connectors() : connector;
        for (int c = from; c <= to; c++) {
            if (!operative && c > 0 && sessions[c] != null) {
                inoperativeAfterSession[c] = true;
                result = "Scheduled";
                continue;
            }
            inoperative[c] = !operative;
            inoperativeAfterSession[c] = false;
            if (c > 0 || connector == 0) {
                charger.setStatus(c, operative ? (sessions[c] != null && c > 0 ? "Charging" : "Available") : "Unavailable");
            }
        }
        return result;
    }

    void triggerMeterValues(int connector) {
        int from = connector > 0 ? connector : 1;
        int to = connector > 0 ? connector : spec.connectors();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int c = from; c <= to; c++) {
            Session session = sessions[c];
            long wh = session == null ? meterWh : session.meterWh;
            Integer transactionId = session == null ? null : session.transactionId;
            int connectorId = c;
            outbox.send(new Outbox.Message("MeterValues",
                    () -> meterValuesPayload(connectorId, transactionId, at, wh, "Trigger"), false, true,
                    payload -> {
                    }));
        }
    }
}
