package dev.chargestorm.fleet;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import dev.chargestorm.fleet.chargepoint.ChargePoint;
import dev.chargestorm.fleet.metrics.FleetListener;
import dev.chargestorm.fleet.metrics.FleetMetrics;
import dev.chargestorm.fleet.metrics.FleetSummary;
import dev.chargestorm.fleet.plan.ChargerSpec;
import dev.chargestorm.fleet.plan.FleetPlan;
import dev.chargestorm.fleet.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated OCPP 1.6J chargers in this process, on one shared Netty event-loop group.
 *
 * <pre>{@code
 * try (Fleet fleet = Fleet.start(FleetSettings.builder(URI.create("ws://127.0.0.1:8080/ocpp"))
 *         .chargers(1000).rampPerSecond(500).personas(PersonaMix.parse("immediate=0.7,backoff-jitter=0.3"))
 *         .build())) {
 *     fleet.awaitAccepted(1000, Duration.ofMinutes(1));
 *     FleetSummary summary = fleet.summary();
 * }
 * }</pre>
 *
 * A fleet stops by itself when the machine runs out of local ports or the process out of files: {@link #failure()}
 * completes with a message that says what to change.
 */
public final class Fleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    /** Chargers one process should hold: the open-file limit here is 20,000, and each charger is a socket. */
    public static final int MAX_PER_PROCESS = 15_000;

    private final FleetSettings settings;
    private final FleetMetrics metrics;
    private final Transport transport;
    private final Map<String, ChargePoint> chargers = new LinkedHashMap<>();
    private final CompletableFuture<FleetFailure> failure = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Fleet(FleetSettings settings, FleetMetrics metrics, Transport transport) {
        this.settings = settings;
        this.metrics = metrics;
        this.transport = transport;
    }

    /** Builds the fleet from the seed and starts connecting at the configured ramp. */
    public static Fleet start(FleetSettings settings, FleetListener... listeners) {
        if (settings.chargers() > MAX_PER_PROCESS) {
            LOG.warn("{} chargers in one process: more than {} usually exceed the open-file limit (one socket each); "
                    + "spread them over processes (FleetProcesses, or the CLI's --processes)", settings.chargers(),
                    MAX_PER_PROCESS);
        }
        FleetMetrics metrics = new FleetMetrics(settings.chargers(), settings.keepAcknowledgedIds());
        for (FleetListener listener : listeners) {
            metrics.addListener(listener);
        }
        Transport transport = Transport.start(settings.threads(), settings.loopbackSources(),
                settings.behaviour().handshakeTimeout());
        Fleet fleet = new Fleet(settings, metrics, transport);
        List<ChargerSpec> plan = FleetPlan.chargers(settings.seed(), settings.fleetSize(), settings.firstIndex(),
                settings.chargers(), settings.personas(), settings.idPrefix(), settings.password());
        for (ChargerSpec spec : plan) {
            fleet.chargers.put(spec.id(), new ChargePoint(spec, settings.behaviour(), transport, metrics,
                    fleet::fail));
        }
        LOG.info("Fleet of {} chargers ({}..{}) starting on {} towards {}, ramp {}/s, seed {}", plan.size(),
                plan.isEmpty() ? "-" : plan.get(0).id(), plan.isEmpty() ? "-" : plan.get(plan.size() - 1).id(),
                transport.transportName(), settings.behaviour().urls(),
                settings.rampPerSecond() == 0 ? "unlimited" : settings.rampPerSecond(), settings.seed());
        int position = 0;
        for (ChargePoint charger : fleet.chargers.values()) {
            long nanos = settings.rampPerSecond() == 0 ? 0 : (long) (position * 1e9 / settings.rampPerSecond());
            charger.start(Duration.ofNanos(nanos));
            position++;
        }
        return fleet;
    }

    public FleetSettings settings() {
        return settings;
    }

    public FleetMetrics metrics() {
        return metrics;
    }

    /** The chargers in id order. */
    public Collection<ChargePoint> chargers() {
        return chargers.values();
    }

    /** @throws IllegalArgumentException when this fleet has no such charger */
    public ChargePoint charger(String id) {
        ChargePoint charger = chargers.get(id);
        if (charger == null) {
            throw new IllegalArgumentException("no charger '" + id + "' in this fleet (it has "
                    + chargers.size() + " chargers from " + chargers.keySet().iterator().next() + ")");
        }
        return charger;
    }

    /** Completes when the fleet had to stop because the machine ran out of ports or files. */
    public CompletableFuture<FleetFailure> failure() {
        return failure;
    }

    /** Drops the connections of the chargers that match, abruptly; each redials as its persona says. */
    public void disconnect(Predicate<ChargePoint> which) {
        chargers.values().stream().filter(which).forEach(ChargePoint::disconnect);
    }

    /**
     * Waits until at least {@code count} chargers are online.
     *
     * @throws IllegalStateException when they are not within {@code timeout}, with the counts seen, or when the fleet
     *     failed
     */
    public void awaitAccepted(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (metrics.acceptedCount() < count) {
            if (failure.isDone()) {
                throw failure.join();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(("expected %d chargers Accepted within %s but %d are (%d connected, "
                        + "connect attempts %s)").formatted(count, timeout, metrics.acceptedCount(),
                                metrics.connectedCount(), metrics.summary().connectOutcomes()));
            }
            try {
                failure.get(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException ex) {
                // poll again
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the fleet", ex);
            } catch (java.util.concurrent.ExecutionException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    public FleetSummary summary() {
        return metrics.summary();
    }

    private void fail(String message) {
        if (failure.complete(new FleetFailure(message))) {
            LOG.error("The fleet stops: {}", message);
            chargers.values().forEach(ChargePoint::stop);
        }
    }

    /** Stops every charger (no redial), closes the connections and the event loops. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        chargers.values().forEach(ChargePoint::stop);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (metrics.connectedCount() > 0 && System.nanoTime() < deadline) {
            try {
                failure.get(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ex) {
                // still closing
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            if (failure.isDone() && metrics.connectedCount() > 0) {
                break;
            }
        }
        transport.close();
        LOG.info("Fleet stopped");
    }
}
