package dev.chargestorm.sut.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chargestorm.sut.ocpp.ChargerConnection;
import dev.chargestorm.sut.ocpp.ConnectionRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.socket.CloseStatus;

/**
 * Graceful drain: the node refuses new OCPP upgrades (503) and closes its open connections at a
 * controlled rate, so chargers reconnect to other nodes as a gentle stream instead of a storm.
 */
@Service
public class DrainService {

	private static final long TICK_MILLIS = 50;

	private static final Logger logger = LoggerFactory.getLogger(DrainService.class);

	private final ConnectionRegistry connections;

	private final ScheduledExecutorService scheduler;

	private final AtomicInteger remaining = new AtomicInteger();

	private final Counter closed;

	private @Nullable Drain current;

	DrainService(ConnectionRegistry connections, @Qualifier("ocppScheduler") ScheduledExecutorService scheduler,
			MeterRegistry meters) {
		this.connections = connections;
		this.scheduler = scheduler;
		this.closed = meters.counter("chargestorm.drain.closed");
		Gauge.builder("chargestorm.drain.remaining", this.remaining, AtomicInteger::get)
			.description("Connections a running drain has still to close")
			.register(meters);
		Gauge.builder("chargestorm.drain.active", this, (service) -> service.status().active() ? 1 : 0)
			.register(meters);
	}

	/**
	 * Starts draining, or returns the drain already running.
	 * @param ratePerSecond connections closed per second, or null to spread them over {@code window}
	 * @param window how long to spread the closes over when no rate is given
	 * @param closeCode close code sent (1012 or 1001)
	 * @return the drain's progress
	 */
	public synchronized DrainStatus start(@Nullable Integer ratePerSecond, Duration window, int closeCode) {
		if (this.current != null) {
			return status();
		}
		this.connections.stopAccepting();
		Deque<ChargerConnection> toClose = new ArrayDeque<>(this.connections.all());
		int total = toClose.size();
		double rate = (ratePerSecond != null) ? ratePerSecond
				: Math.max(1d, total / Math.max(0.001, window.toMillis() / 1000d));
		Drain drain = new Drain(toClose, total, rate, new CloseStatus(closeCode, "Draining"), Instant.now());
		this.current = drain;
		this.remaining.set(total);
		logger.info("Draining {} connections at {} per second with close code {}", total,
				String.format(java.util.Locale.ROOT, "%.1f", rate), closeCode);
		drain.task = this.scheduler.scheduleAtFixedRate(() -> tick(drain), 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
		return status();
	}

	private void tick(Drain drain) {
		long elapsedMillis = Duration.between(drain.startedAt, Instant.now()).toMillis();
		long due = Math.min(drain.total, (long) Math.floor(drain.rate * (elapsedMillis + TICK_MILLIS) / 1000d));
		while (drain.closedCount < due) {
			ChargerConnection connection = drain.toClose.poll();
			if (connection == null) {
				break;
			}
			connection.close(drain.closeStatus);
			drain.closedCount++;
			this.remaining.decrementAndGet();
			this.closed.increment();
		}
		if (drain.toClose.isEmpty() && !drain.done.isDone()) {
			logger.info("Drain finished: {} connections closed in {} ms", drain.closedCount, elapsedMillis);
			drain.finishedAt = Instant.now();
			drain.done.complete(null);
			if (drain.task != null) {
				drain.task.cancel(false);
			}
		}
	}

	/** Forgets the last drain, stopping it if it still runs, so that a later one can start. */
	public synchronized void reset() {
		Drain drain = this.current;
		if (drain != null && drain.task != null) {
			drain.task.cancel(false);
		}
		this.current = null;
		this.remaining.set(0);
	}

	/** @return the progress of the drain, or an inactive status when none was started */
	public synchronized DrainStatus status() {
		Drain drain = this.current;
		if (drain == null) {
			return new DrainStatus(false, false, 0, 0, 0, null, null);
		}
		return new DrainStatus(true, drain.done.isDone(), drain.total, drain.closedCount, drain.rate, drain.startedAt,
				drain.finishedAt);
	}

	/** @return completes when the current drain has closed every connection (at once when none runs) */
	public synchronized CompletableFuture<Void> completion() {
		return (this.current != null) ? this.current.done : CompletableFuture.completedFuture(null);
	}

	/**
	 * Progress of a drain.
	 * @param active whether a drain was started (the node refuses new connections)
	 * @param finished whether it closed every connection
	 * @param total connections it set out to close
	 * @param closed connections closed so far
	 * @param ratePerSecond closing rate
	 * @param startedAt when it started
	 * @param finishedAt when it finished
	 */
	public record DrainStatus(boolean active, boolean finished, int total, int closed, double ratePerSecond,
			@Nullable Instant startedAt, @Nullable Instant finishedAt) {
	}

	private static final class Drain {

		private final Deque<ChargerConnection> toClose;

		private final int total;

		private final double rate;

		private final CloseStatus closeStatus;

		private final Instant startedAt;

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		private volatile int closedCount;

		private volatile @Nullable Instant finishedAt;

		private volatile @Nullable ScheduledFuture<?> task;

		Drain(Deque<ChargerConnection> toClose, int total, double rate, CloseStatus closeStatus, Instant startedAt) {
			this.toClose = toClose;
			this.total = total;
			this.rate = rate;
			this.closeStatus = closeStatus;
			this.startedAt = startedAt;
		}

	}

}
