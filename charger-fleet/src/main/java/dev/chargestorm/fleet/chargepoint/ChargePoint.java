package dev.chargestorm.fleet.chargepoint;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.chargestorm.fleet.metrics.ChargerTrack;
import dev.chargestorm.fleet.metrics.FleetMetrics;
import dev.chargestorm.fleet.ocpp.Frame;
import dev.chargestorm.fleet.ocpp.FrameCodec;
import dev.chargestorm.fleet.ocpp.MalformedFrameException;
import dev.chargestorm.fleet.persona.PostConnect;
import dev.chargestorm.fleet.plan.ChargerSpec;
import dev.chargestorm.fleet.plan.FleetPlan;
import dev.chargestorm.fleet.transport.ConnectFailure;
import dev.chargestorm.fleet.transport.ConnectionEvents;
import dev.chargestorm.fleet.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated OCPP 1.6J charge point. Everything it does runs on its own event loop; the public methods hand their
 * work to that loop and return at once.
 */
public final class ChargePoint implements ConnectionEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ChargePoint.class);
    private static final Duration FALLBACK_BOOT_INTERVAL = Duration.ofSeconds(60);
    private static final int FALLBACK_HEARTBEAT_SECONDS = 300;
    private static final int CHARGING_WATTS = 11_000;

    private final ChargerSpec spec;
    private final Behaviour behaviour;
    private final Transport transport;
    private final FleetMetrics metrics;
    private final EventLoop loop;
    private final SplittableRandom redialRandom;
    private final SplittableRandom driverRandom;
    private final SplittableRandom sessionRandom;
    private final SplittableRandom answerRandom;
    private final ChargerTrack track;
    private final Outbox outbox;
    private final Consumer<String> fatal;
    private final String[] status;
    private final boolean[] inoperative;
    private final boolean[] inoperativeAfterSession;
    private final Session[] sessions;

    private @Nullable Channel channel;
    private @Nullable URI current;
    private @Nullable URI lastFailed;
    private @Nullable String password;
    private boolean stopped;
    private boolean connecting;
    private boolean online;
    private boolean bootNeeded = true;
    private boolean everAccepted;
    private boolean rebooting;
    private String registration = "None";
    private int redials;
    private int bootFailures;
    private long offlineUntilNanos;
    private long bootSentNanos;
    private int heartbeatSeconds;
    private int meterSeconds;
    private long meterWh;
    private @Nullable ScheduledFuture<?> redialTimer;
    private @Nullable ScheduledFuture<?> bootTimer;
    private @Nullable ScheduledFuture<?> heartbeatTimer;
    private @Nullable ScheduledFuture<?> sessionTimer;

    public ChargePoint(ChargerSpec spec, Behaviour behaviour, Transport transport, FleetMetrics metrics,
            Consumer<String> fatal) {
        this.spec = spec;
        this.behaviour = behaviour;
        this.transport = transport;
        this.metrics = metrics;
        this.fatal = fatal;
        this.loop = transport.nextLoop();
        this.redialRandom = Schedules.redial(spec);
        this.driverRandom = Schedules.driver(spec);
        this.sessionRandom = Schedules.sessions(spec);
        this.answerRandom = Schedules.answers(spec);
        this.track = new ChargerTrack(spec.id(), spec.persona().name());
        this.outbox = new Outbox(spec.id(), loop, metrics, track, behaviour.callTimeout().toNanos(),
                behaviour.transactionMessageAttempts(), behaviour.transactionMessageRetryInterval().toNanos());
        this.status = new String[spec.connectors() + 1];
        java.util.Arrays.fill(status, "Available");
        this.inoperative = new boolean[spec.connectors() + 1];
        this.inoperativeAfterSession = new boolean[spec.connectors() + 1];
        this.sessions = new Session[spec.connectors() + 1];
        this.password = spec.password();
        this.meterSeconds = (int) Math.max(1, behaviour.meterValueInterval().toSeconds());
        this.meterWh = 1_000L * driverRandom.nextInt(100_000);
    }

    public String id() {
        return spec.id();
    }

    public ChargerSpec spec() {
        return spec;
    }

    /** Dials after {@code delay} (the ramp). */
    public void start(Duration delay) {
        loop.schedule(this::dial, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops for good: no redial; the connection closes. */
    public void stop() {
        loop.execute(() -> {
            stopped = true;
            cancel(redialTimer);
            cancel(bootTimer);
            cancel(heartbeatTimer);
            cancel(sessionTimer);
            for (Session session : sessions) {
                if (session != null) {
                    session.cancelTimers();
                }
            }
            outbox.stop();
            if (channel != null) {
                channel.close();
            }
        });
    }

    /** Drops the connection abruptly (no close frame); the persona decides when to redial. */
    public void disconnect() {
        loop.execute(() -> {
            if (channel != null) {
                channel.close();
            }
        });
    }

    /**
     * Loses the network for {@code duration}: the connection drops and no redial happens before it is over. Sessions
     * go on, so their transaction messages queue.
     */
    public void goOffline(Duration duration) {
        loop.execute(() -> {
            offlineUntilNanos = System.nanoTime() + duration.toNanos();
            if (channel != null) {
                channel.close();
            }
        });
    }

    /** A driver plugs in and presents a card now (Authorize, then StartTransaction), if a connector is free. */
    public void plugIn() {
        loop.execute(() -> {
            if (!tryStartLocalSession()) {
                metrics.sessionFailed("no-free-connector", 0);
            }
        });
    }

    /** Every driver unplugs now (StopTransaction, reason Local). */
    public void unplugAll() {
        loop.execute(() -> {
            for (Session session : sessions) {
                if (session != null) {
                    stopSession(session, "Local");
                }
            }
        });
    }

    // ---- connection lifecycle ----

    private void dial() {
        redialTimer = null;
        if (stopped || channel != null || connecting) {
            return;
        }
        long hold = offlineUntilNanos - System.nanoTime();
        if (hold > 0) {
            redialTimer = loop.schedule(this::dial, hold, TimeUnit.NANOSECONDS);
            return;
        }
        connecting = true;
        URI base = pickUrl();
        current = base;
        String text = base.toString();
        URI uri = URI.create((text.endsWith("/") ? text : text + "/") + spec.id());
        transport.connect(loop, uri, authorization(), behaviour.handshakeTimeout(), this);
    }

    private URI pickUrl() {
        List<URI> urls = behaviour.urls();
        if (urls.size() == 1) {
            return urls.get(0);
        }
        List<URI> candidates = new ArrayList<>(urls);
        if (lastFailed != null) {
            candidates.remove(lastFailed);
        }
        return candidates.get(redialRandom.nextInt(candidates.size()));
    }

    private @Nullable String authorization() {
        if (password == null) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString((spec.id() + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void opened(Channel opened) {
        connecting = false;
        metrics.connectAttempt("ok");
        metrics.connected();
        channel = opened;
        lastFailed = null;
        if (stopped || offlineUntilNanos - System.nanoTime() > 0) {
            opened.close();
            return;
        }
        outbox.opened(opened);
        if (bootNeeded || !everAccepted || spec.persona().postConnect() == PostConnect.BOOT_EVERY_CONNECT) {
            sendBoot();
        } else {
            registration = "Accepted";
            if (spec.persona().postConnect() == PostConnect.STATUS_EVERY_CONNECT) {
                statusAll();
            }
            goOnline();
        }
    }

    @Override
    public void failed(ConnectFailure failure) {
        connecting = false;
        metrics.connectAttempt(failure.outcome());
        lastFailed = current;
        if (failure.fatal()) {
            fatal.accept(failure.fatalMessage());
            return;
        }
        scheduleRedial();
    }

    @Override
    public void closed() {
        channel = null;
        metrics.disconnected();
        outbox.closed();
        cancel(heartbeatTimer);
        cancel(bootTimer);
        registration = "None";
        if (online) {
            online = false;
            metrics.offline(track);
        }
        if (stopped) {
            return;
        }
        if (rebooting) {
            rebooting = false;
            redialTimer = loop.schedule(this::dial, behaviour.rebootTime().toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        scheduleRedial();
    }

    private void scheduleRedial() {
        if (stopped) {
            return;
        }
        Duration delay = spec.persona().reconnect().delay(redials++, redialRandom);
        redialTimer = loop.schedule(this::dial, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void text(String text) {
        Frame frame;
        try {
            frame = FrameCodec.decode(text);
        } catch (MalformedFrameException ex) {
            LOG.debug("{} ignores a malformed frame: {}", spec.id(), ex.getMessage());
            return;
        }
        switch (frame) {
            case Frame.CallResult result -> outbox.onResult(result);
            case Frame.CallError error -> outbox.onError(error);
            case Frame.Call call -> answer(call);
        }
    }

    // ---- boot, heartbeat, status ----

    private void sendBoot() {
        cancel(bootTimer);
        bootTimer = null;
        if (channel == null) {
            return;
        }
        bootSentNanos = System.nanoTime();
        outbox.send(new Outbox.Message("BootNotification", this::bootPayload, false, true, new Outbox.Reply() {
            @Override
            public void result(ObjectNode payload) {
                onBootAnswer(payload);
            }

            @Override
            public void error(String code) {
                scheduleBoot(spec.persona().reconnect().delay(bootFailures++, redialRandom).plusSeconds(1));
            }

            @Override
            public void timeout() {
                scheduleBoot(spec.persona().reconnect().delay(bootFailures++, redialRandom).plusSeconds(1));
            }
        }));
    }

    private ObjectNode bootPayload() {
        ObjectNode payload = FrameCodec.object();
        payload.put("chargePointVendor", spec.vendor());
        payload.put("chargePointModel", spec.model());
        payload.put("chargePointSerialNumber", spec.serialNumber());
        payload.put("firmwareVersion", spec.firmwareVersion());
        return payload;
    }

    private void onBootAnswer(ObjectNode payload) {
        metrics.bootRoundTrip(System.nanoTime() - bootSentNanos);
        String answer = payload.path("status").asString("");
        int interval = payload.path("interval").asInt(0);
        Duration wait = interval > 0 ? Duration.ofSeconds(interval) : FALLBACK_BOOT_INTERVAL;
        switch (answer) {
            case "Accepted" -> {
                registration = "Accepted";
                everAccepted = true;
                bootNeeded = false;
                bootFailures = 0;
                if (interval > 0) {
                    heartbeatSeconds = interval;
                }
                statusAll();
                goOnline();
            }
            case "Pending" -> {
                registration = "Pending";
                if (spec.persona().ignoresPending()) {
                    statusAll();
                    outbox.gate(true);
                    startHeartbeat();
                }
                scheduleBoot(wait);
            }
            default -> {
                registration = "Rejected";
                scheduleBoot(wait);
            }
        }
    }

    private void scheduleBoot(Duration delay) {
        cancel(bootTimer);
        bootTimer = loop.schedule(this::sendBoot, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void goOnline() {
        outbox.gate(true);
        if (!online) {
            online = true;
            metrics.online(track);
        }
        redials = 0;
        startHeartbeat();
        scheduleNextSession();
    }

    private void startHeartbeat() {
        cancel(heartbeatTimer);
        long period = heartbeatSeconds > 0 ? heartbeatSeconds : FALLBACK_HEARTBEAT_SECONDS;
        heartbeatTimer = loop.scheduleAtFixedRate(() -> {
            if (channel != null) {
                outbox.send(new Outbox.Message("Heartbeat", FrameCodec::object, false, false, payload -> {
                }));
            }
        }, period, period, TimeUnit.SECONDS);
    }

    private void statusAll() {
        for (int connector = 0; connector < status.length; connector++) {
            sendStatus(connector, false);
        }
    }

    private void setStatus(int connector, String newStatus) {
        if (newStatus.equals(status[connector])) {
            return;
        }
        status[connector] = newStatus;
        sendStatus(connector, false);
    }

    private void sendStatus(int connector, boolean triggered) {
        if (channel == null) {
            return;
        }
        String value = status[connector];
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        outbox.send(new Outbox.Message("StatusNotification", () -> {
            ObjectNode payload = FrameCodec.object();
            payload.put("connectorId", connector);
            payload.put("errorCode", "NoError");
            payload.put("status", value);
            payload.put("timestamp", at.toString());
            return payload;
        }, false, triggered, payload -> {
        }));
    }

    // ---- driver sessions ----

    private void scheduleNextSession() {
        Duration every = behaviour.sessionEvery();
        if (every.isZero() || stopped || (sessionTimer != null && !sessionTimer.isDone())) {
            return;
        }
        long delay = Schedules.nextGapMillis(sessionRandom, every);
        sessionTimer = loop.schedule(() -> {
            sessionTimer = null;
            if (online) {
                tryStartLocalSession();
            }
            scheduleNextSession();
        }, Math.max(1, delay), TimeUnit.MILLISECONDS);
    }

    private int freeConnector(int wanted) {
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

    private boolean tryStartLocalSession() {
        int connector = freeConnector(0);
        if (connector < 0) {
            return false;
        }
        String idTag = FleetPlan.idTag(1 + driverRandom.nextInt(behaviour.idTags()));
        Session session = new Session(connector, idTag, System.nanoTime(), meterWh);
        sessions[connector] = session;
        setStatus(connector, "Preparing");
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
                if (!session.stopping) {
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
        setStatus(session.connectorId, inoperative[session.connectorId] ? "Unavailable" : "Available");
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
        setStatus(session.connectorId, "Charging");
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

    private void stopSession(Session session, String reason) {
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
        setStatus(session.connectorId, "Finishing");
        endSession(session);
    }

    // ---- central-system calls ----

    private void answer(Frame.Call call) {
        metrics.received(call.action());
        Channel receivedOn = channel;
        long receivedNanos = System.nanoTime();
        long min = behaviour.answerLatencyMin().toNanos();
        long max = behaviour.answerLatencyMax().toNanos();
        long delay = max > min ? min + answerRandom.nextLong(max - min) : min;
        loop.schedule(() -> {
            if (channel == null || channel != receivedOn) {
                return;
            }
            CentralSystemCalls.Answer answer = CentralSystemCalls.answer(this, call, receivedNanos);
            Frame frame = answer.errorCode() != null
                    ? new Frame.CallError(call.uniqueId(), answer.errorCode(), "", FrameCodec.object())
                    : new Frame.CallResult(call.uniqueId(), answer.payload());
            channel.writeAndFlush(new io.netty.handler.codec.http.websocketx.TextWebSocketFrame(
                    FrameCodec.encode(frame)));
            if (answer.then() != null) {
                answer.then().run();
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    // Operations for CentralSystemCalls (package-private, on the event loop).

    int connectors() {
        return spec.connectors();
    }

    boolean acceptsRemoteStart() {
        return channel != null && "Accepted".equals(registration);
    }

    int freeConnectorFor(int wanted) {
        return freeConnector(wanted);
    }

    void remoteStart(int connector, String idTag, long receivedNanos) {
        if (sessions[connector] != null) {
            metrics.sessionFailed("remote-connector-busy", System.nanoTime() - receivedNanos);
            return;
        }
        Session session = new Session(connector, idTag, receivedNanos, meterWh);
        sessions[connector] = session;
        setStatus(connector, "Preparing");
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

    boolean hasSession(int connector) {
        return connector > 0 && connector < sessions.length && sessions[connector] != null;
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
                setStatus(c, operative ? (sessions[c] != null && c > 0 ? "Charging" : "Available") : "Unavailable");
            }
        }
        return result;
    }

    void reset(String type) {
        String reason = "Hard".equals(type) ? "HardReset" : "SoftReset";
        for (Session session : sessions) {
            if (session != null) {
                stopSession(session, reason);
            }
        }
        // give the queued StopTransactions a moment on the wire, then reboot
        loop.schedule(() -> {
            bootNeeded = true;
            rebooting = true;
            if (online) {
                online = false;
                metrics.offline(track);
            }
            if (channel != null) {
                channel.close();
            }
        }, 200, TimeUnit.MILLISECONDS);
    }

    void triggerBoot() {
        sendBoot();
    }

    void triggerHeartbeat() {
        outbox.send(new Outbox.Message("Heartbeat", FrameCodec::object, false, true, payload -> {
        }));
    }

    void triggerStatus(int connector) {
        if (connector >= 0 && connector < status.length) {
            sendStatus(connector, true);
        } else {
            for (int c = 0; c < status.length; c++) {
                sendStatus(c, true);
            }
        }
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

    void triggerNotification(String action) {
        outbox.send(new Outbox.Message(action, () -> FrameCodec.object().put("status", "Idle"), false, true,
                payload -> {
                }));
    }

    int heartbeatSeconds() {
        return heartbeatSeconds > 0 ? heartbeatSeconds : FALLBACK_HEARTBEAT_SECONDS;
    }

    void heartbeatSeconds(int seconds) {
        heartbeatSeconds = seconds;
        if (online) {
            startHeartbeat();
        }
    }

    int meterSeconds() {
        return meterSeconds;
    }

    void meterSeconds(int seconds) {
        meterSeconds = Math.max(1, seconds);
    }

    int transactionMessageAttempts() {
        return outbox.attemptsLimit;
    }

    void transactionMessageAttempts(int attempts) {
        outbox.attemptsLimit = attempts;
    }

    long transactionMessageRetrySeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(outbox.retryIntervalNanos);
    }

    void transactionMessageRetrySeconds(long seconds) {
        outbox.retryIntervalNanos = TimeUnit.SECONDS.toNanos(seconds);
    }

    void authorizationKey(String key) {
        password = key;
    }

    private static void cancel(@Nullable ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
