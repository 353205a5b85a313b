package dev.chargestorm.fleet.chargepoint;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
import dev.chargestorm.fleet.persona.ReconnectStrategy;
import dev.chargestorm.fleet.plan.ChargerSpec;
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

    private final ChargerSpec spec;
    private final Behaviour behaviour;
    private final Transport transport;
    private final FleetMetrics metrics;
    private final EventLoop loop;
    private final SplittableRandom redialRandom;
    private final SplittableRandom answerRandom;
    private final ChargerTrack track;
    private final Outbox outbox;
    private final Consumer<String> fatal;
    private final String[] status;
    private final Driver driver;

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
    private @Nullable ScheduledFuture<?> redialTimer;
    private @Nullable ScheduledFuture<?> bootTimer;
    private @Nullable ScheduledFuture<?> heartbeatTimer;

    public ChargePoint(ChargerSpec spec, Behaviour behaviour, Transport transport, FleetMetrics metrics,
            Consumer<String> fatal) {
        this.spec = spec;
        this.behaviour = behaviour;
        this.transport = transport;
        this.metrics = metrics;
        this.fatal = fatal;
        this.loop = transport.nextLoop();
        this.redialRandom = Schedules.redial(spec);
        this.answerRandom = Schedules.answers(spec);
        this.track = new ChargerTrack(spec.id(), spec.persona().name());
        this.outbox = new Outbox(spec.id(), loop, metrics, track, behaviour.callTimeout().toNanos(),
                behaviour.transactionMessageAttempts(), behaviour.transactionMessageRetryInterval().toNanos());
        this.status = new String[spec.connectors() + 1];
        java.util.Arrays.fill(status, "Available");
        this.password = spec.password();
        this.driver = new Driver(this, spec, behaviour, metrics, outbox, loop);
        if (spec.persona().reconnectsOnTimeout()) {
            this.outbox.afterTimeout = () -> {
                if (channel != null) {
                    channel.close();
                }
            };
        }
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
            driver.stop();
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
            if (!driver.tryStartLocalSession()) {
                metrics.sessionFailed("no-free-connector", 0);
            }
        });
    }

    /** Every driver unplugs now (StopTransaction, reason Local). */
    public void unplugAll() {
        loop.execute(() -> driver.stopAll("Local"));
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
        Long retryAfter = failure.retryAfterSeconds();
        if (retryAfter != null && spec.persona().honoursRetryAfter()) {
            Duration delay = redialStrategy().delay(redials++, redialRandom);
            Duration wait = delay.compareTo(Duration.ofSeconds(retryAfter)) >= 0 ? delay : Duration.ofSeconds(retryAfter);
            redialTimer = loop.schedule(this::dial, wait.toNanos(), TimeUnit.NANOSECONDS);
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

    /** Until its first Accepted, a charger redials as the fleet's ramp says (when it says anything). */
    private ReconnectStrategy redialStrategy() {
        ReconnectStrategy ramp = behaviour.rampRedial();
        return everAccepted || ramp == null ? spec.persona().reconnect() : ramp;
    }

    private void scheduleRedial() {
        if (stopped) {
            return;
        }
        Duration delay = redialStrategy().delay(redials++, redialRandom);
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
                scheduleBoot(redialStrategy().delay(bootFailures++, redialRandom).plusSeconds(1));
            }

            @Override
            public void timeout() {
                scheduleBoot(redialStrategy().delay(bootFailures++, redialRandom).plusSeconds(1));
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
        driver.scheduleNextSession();
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

    void setStatus(int connector, String newStatus) {
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
        return driver.freeConnector(wanted);
    }

    void remoteStart(int connector, String idTag, long receivedNanos) {
        driver.remoteStart(connector, idTag, receivedNanos);
    }

    boolean remoteStop(int transactionId) {
        return driver.remoteStop(transactionId);
    }

    void unlock(int connector) {
        driver.unlock(connector);
    }

    /** @return Accepted or Scheduled */
    String changeAvailability(int connector, boolean operative) {
        return driver.changeAvailability(connector, operative);
    }

    void triggerMeterValues(int connector) {
        driver.triggerMeterValues(connector);
    }

    boolean isOnline() {
        return online;
    }

    /** Whether a driver may start a session while the charger is offline: powered, booted once, persona lets it. */
    boolean mayStartOffline() {
        return spec.persona().startsOffline() && everAccepted && !rebooting && !stopped;
    }

    void reset(String type) {
        String reason = "Hard".equals(type) ? "HardReset" : "SoftReset";
        driver.stopAll(reason);
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
        return driver.meterSeconds();
    }

    void meterSeconds(int seconds) {
        driver.meterSeconds(seconds);
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
