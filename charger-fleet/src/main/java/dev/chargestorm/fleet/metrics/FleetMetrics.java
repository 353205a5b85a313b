package dev.chargestorm.fleet.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;

/**
 * The fleet's client-side truth: what the chargers saw, counted without locks on the hot path. Read it with
 * {@link #snapshot()} (cheap, for progress) or {@link #summary()} (everything, for the end of a run).
 *
 * <p>Acknowledged transaction message ids (the zero-lost-transactions check) have the forms
 * {@code StartTransaction:<chargerId>:<connectorId>:<transactionId>}, {@code StopTransaction:<chargerId>:<transactionId>}
 * and {@code MeterValues:<chargerId>:<connectorId>:<transactionId>:<sampleEpochMillis>}: each names the row the central
 * system must hold.
 */
public final class FleetMetrics {

    private final int size;
    private final long startEpochMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();
    private final boolean keepAcknowledgedIds;
    private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();

    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Map<String, LongAdder> connectOutcomes = new ConcurrentHashMap<>();
    private final LongAdder connectAttempts = new LongAdder();
    private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> callErrors = new ConcurrentHashMap<>();
    private final LongAdder callTimeouts = new LongAdder();
    private final Map<String, LongAdder> discarded = new ConcurrentHashMap<>();
    private final LongAdder retries = new LongAdder();
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicLong queueDepthMax = new AtomicLong();
    private final LongAdder sessionAttempts = new LongAdder();
    private final LongAdder sessionsOk = new LongAdder();
    private final Map<String, LongAdder> sessionFailures = new ConcurrentHashMap<>();
    private final LongAdder sessionsAuthorizedOffline = new LongAdder();
    private final Timer sessionStart = new Timer();
    private final Timer bootRoundTrip = new Timer();
    private final Timer reconnect = new Timer();
    private final Map<String, Timer> reconnectByPersona = new ConcurrentHashMap<>();
    private final LongAdder acknowledgedCount = new LongAdder();
    private final ConcurrentLinkedQueue<String> acknowledgedIds = new ConcurrentLinkedQueue<>();
    private final Disruptions disruptions;

    public FleetMetrics(int size, boolean keepAcknowledgedIds) {
        this.size = size;
        this.keepAcknowledgedIds = keepAcknowledgedIds;
        this.disruptions = new Disruptions(size, startEpochMillis, startNanos);
    }

    public void addListener(FleetListener listener) {
        listeners.add(listener);
        listener.gauges(size, connected.get(), accepted.get());
    }

    public int size() {
        return size;
    }

    // ---- recording (called by the chargers on their event loops) ----

    public void connectAttempt(String outcome) {
        connectAttempts.increment();
        connectOutcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    public void connected() {
        connected.incrementAndGet();
        fireGauges();
    }

    public void disconnected() {
        connected.decrementAndGet();
        fireGauges();
    }

    /** The charger is online (Accepted, or reconnected after an earlier Accepted). */
    public void online(ChargerTrack track) {
        long now = System.nanoTime();
        accepted.incrementAndGet();
        if (track.downSinceNanos != 0) {
            long millis = (now - track.downSinceNanos) / 1_000_000;
            reconnect.recordMillis(millis);
            reconnectByPersona.computeIfAbsent(track.persona, k -> new Timer()).recordMillis(millis);
            track.downSinceNanos = 0;
        }
        disruptions.up(track, now);
        fireGauges();
        for (FleetListener listener : listeners) {
            listener.chargerUp(track.chargerId);
        }
    }

    /** The charger was online and is not any more. */
    public void offline(ChargerTrack track) {
        long now = System.nanoTime();
        accepted.decrementAndGet();
        track.downSinceNanos = now;
        disruptions.down(track, now);
        fireGauges();
        for (FleetListener listener : listeners) {
            listener.chargerDown(track.chargerId);
        }
    }

    public void sent(String action) {
        sent.computeIfAbsent(action, k -> new LongAdder()).increment();
    }

    public void received(String action) {
        received.computeIfAbsent(action, k -> new LongAdder()).increment();
    }

    public void callError(String code) {
        callErrors.computeIfAbsent(code.isEmpty() ? "(none)" : code, k -> new LongAdder()).increment();
    }

    public void callTimeout() {
        callTimeouts.increment();
    }

    public void retry() {
        retries.increment();
    }

    public void discarded(String chargerId, String action) {
        discarded.computeIfAbsent(action, k -> new LongAdder()).increment();
        for (FleetListener listener : listeners) {
            listener.discarded(chargerId, action);
        }
    }

    /** The charger's offline queue grew or shrank by {@code delta}. */
    public void queued(ChargerTrack track, int delta) {
        track.queued += delta;
        long depth = queueDepth.addAndGet(delta);
        queueDepthMax.accumulateAndGet(depth, Math::max);
    }

    public void bootRoundTrip(long nanos) {
        bootRoundTrip.recordNanos(nanos);
    }

    public void acknowledged(String messageId) {
        acknowledgedCount.increment();
        if (keepAcknowledgedIds) {
            acknowledgedIds.add(messageId);
        }
        for (FleetListener listener : listeners) {
            listener.acknowledged(messageId);
        }
    }

    public void sessionStarted(long nanos) {
        sessionAttempts.increment();
        sessionsOk.increment();
        sessionStart.recordNanos(nanos);
        for (FleetListener listener : listeners) {
            listener.sessionStart(true, nanos);
        }
    }

    /** A charger authorized a driver on its own, being offline; the session start is counted when it ends. */
    public void sessionAuthorizedOffline() {
        sessionsAuthorizedOffline.increment();
    }

    public void sessionFailed(String reason, long nanos) {
        sessionAttempts.increment();
        sessionFailures.computeIfAbsent(reason, k -> new LongAdder()).increment();
        for (FleetListener listener : listeners) {
            listener.sessionStart(false, nanos);
        }
    }

    private void fireGauges() {
        if (listeners.isEmpty()) {
            return;
        }
        int c = connected.get();
        int a = accepted.get();
        for (FleetListener listener : listeners) {
            listener.gauges(size, c, a);
        }
    }

    // ---- reading ----

    public int connectedCount() {
        return connected.get();
    }

    public int acceptedCount() {
        return accepted.get();
    }

    public long sentCount(String action) {
        LongAdder adder = sent.get(action);
        return adder == null ? 0 : adder.sum();
    }

    public long callErrorCount(String code) {
        LongAdder adder = callErrors.get(code);
        return adder == null ? 0 : adder.sum();
    }

    public long discardedCount() {
        return discarded.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long connectOutcomeCount(String outcome) {
        LongAdder adder = connectOutcomes.get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    /** Every acknowledged transaction message id, in the order the acknowledgements arrived (when kept). */
    public List<String> acknowledgedIds() {
        return List.copyOf(acknowledgedIds);
    }

    /** Cumulative reconnect durations (ms) of one persona, by its {@link dev.chargestorm.fleet.persona.Persona#name()}. */
    public Histogram reconnectHistogram(String persona) {
        Timer timer = reconnectByPersona.get(persona);
        return timer == null ? new Histogram(Timer.HIGHEST_MILLIS, 3) : timer.cumulative();
    }

    public List<RecoveryStats> recoveries() {
        return disruptions.stats();
    }

    /** Cheap numbers for a progress line. */
    public FleetSnapshot snapshot() {
        Histogram boot = bootRoundTrip.cumulative();
        return new FleetSnapshot(System.currentTimeMillis() - startEpochMillis, size, connected.get(), accepted.get(),
                connectAttempts.sum(), boot.getTotalCount() == 0 ? 0 : boot.getValueAtPercentile(99),
                sessionsOk.sum(), sessionAttempts.sum() - sessionsOk.sum(), queueDepth.get(),
                discardedCount(), callTimeouts.sum(), sum(callErrors), acknowledgedCount.sum());
    }

    /** Everything, for the JSON summary. */
    public FleetSummary summary() {
        Map<String, Histogram> byPersona = new TreeMap<>();
        reconnectByPersona.forEach((persona, timer) -> byPersona.put(persona, timer.cumulative()));
        return new FleetSummary(startEpochMillis, System.currentTimeMillis(), 1, size, connected.get(), accepted.get(),
                counts(connectOutcomes), counts(sent), counts(received), counts(callErrors), callTimeouts.sum(),
                retries.sum(), counts(discarded), queueDepth.get(), queueDepthMax.get(), sessionAttempts.sum(),
                sessionsOk.sum(), counts(sessionFailures), sessionsAuthorizedOffline.sum(), acknowledgedCount.sum(),
                sessionStart.cumulative(), bootRoundTrip.cumulative(), reconnect.cumulative(), byPersona,
                disruptions.stats());
    }

    private static long sum(Map<String, LongAdder> map) {
        return map.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<String, Long> counts(Map<String, LongAdder> map) {
        Map<String, Long> copy = new TreeMap<>();
        map.forEach((key, adder) -> copy.put(key, adder.sum()));
        return copy;
    }
}
