package dev.chargestorm.fleet.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.chargestorm.fleet.metrics.FleetListener;
import org.jspecify.annotations.Nullable;

/**
 * The child's side of a live relay: a {@link FleetListener} that buffers the fleet's events and writes them as one
 * {@code events} line ({@link ChildProtocol#events}) per interval, so that a storm of 15,000 reconnects is a few lines
 * on the pipe rather than 15,000. The parent ({@link FleetProcesses}) replays them into its own listener.
 */
public final class EventRelay implements FleetListener, AutoCloseable {

    private final Consumer<String> out;
    private final ScheduledExecutorService flusher;
    private List<String> connections = new ArrayList<>();
    private List<String> acknowledged = new ArrayList<>();
    private List<ChildProtocol.Discard> discarded = new ArrayList<>();
    private List<ChildProtocol.SessionStart> sessionStarts = new ArrayList<>();
    private ChildProtocol.@Nullable Gauges gauges;
    private ChildProtocol.@Nullable Gauges sentGauges;

    private EventRelay(Consumer<String> out) {
        this.out = out;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fleet-event-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts writing a batch to {@code out} every {@code every} (nothing when nothing happened).
     *
     * @param out receives whole lines; it is called from one thread at a time
     */
    public static EventRelay start(Consumer<String> out, Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the event relay interval must be positive but was " + every);
        }
        EventRelay relay = new EventRelay(out);
        relay.flusher.scheduleWithFixedDelay(relay::flush, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return relay;
    }

    @Override
    public synchronized void chargerUp(String chargerId) {
        connections.add("+" + chargerId);
    }

    @Override
    public synchronized void chargerDown(String chargerId) {
        connections.add("-" + chargerId);
    }

    @Override
    public synchronized void gauges(int size, int connected, int accepted) {
        gauges = new ChildProtocol.Gauges(size, connected, accepted);
    }

    @Override
    public synchronized void acknowledged(String messageId) {
        acknowledged.add(messageId);
    }

    @Override
    public synchronized void discarded(String chargerId, String action) {
        discarded.add(new ChildProtocol.Discard(chargerId, action));
    }

    @Override
    public synchronized void sessionStart(boolean succeeded, long nanos) {
        sessionStarts.add(new ChildProtocol.SessionStart(succeeded, nanos));
    }

    /** Writes what was buffered as one line, if anything; the event-loop threads only wait for the swap. */
    public void flush() {
        ChildProtocol.Events batch;
        synchronized (this) {
            ChildProtocol.Gauges changed = gauges != null && !gauges.equals(sentGauges) ? gauges : null;
            batch = new ChildProtocol.Events(connections, changed, acknowledged, discarded, sessionStarts);
            if (batch.isEmpty()) {
                return;
            }
            sentGauges = gauges;
            connections = new ArrayList<>();
            acknowledged = new ArrayList<>();
            discarded = new ArrayList<>();
            sessionStarts = new ArrayList<>();
        }
        synchronized (flusher) {
            out.accept(ChildProtocol.events(batch));
        }
    }

    /** Stops the timer and writes what is left, so the parent sees every event before the summary. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
