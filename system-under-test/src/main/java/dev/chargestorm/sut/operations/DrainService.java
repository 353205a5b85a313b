package dev.chargestorm.sut.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chargestorm.sut.ocpp.ChargerConnection;
import dev.chargestorm.sut.ocpp.ChargerConnection.QuietClose;
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
 * A connection whose turn has come closes as soon as no CALL is open on it in either direction
 * (see {@link ChargerConnection#closeWhenQuiet}), at most {@code callWait} later; the drain
 * finishes when every close frame is sent.
 */
@Service
public class DrainService {

	private static final long TICK_MILLIS = 50;

	private static final Logger logger = LoggerFactory.getLogger(DrainService.class);

	private final ConnectionRegistry connections;

	private final ScheduledExecutorService scheduler;

	private final AtomicInteger remaining = new AtomicInteger();

	private final Counter closed;

	private final MeterRegistry meters;

	private @Nullable Drain current;

	DrainService(ConnectionRegistry connections, @Qualifier("ocppScheduler") ScheduledExecutorService scheduler,
			MeterRegistry meters) {
		this.connections = connections;
		this.scheduler = scheduler;
		this.closed = meters.counter("chargestorm.drain.closed");
		this.meters = meters;
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
	 * @param quietPeriod how long no CALL may have ended on a connection before it is closed
	 * @param callWait the longest a connection's close waits for a CALL open on it
	 * @return the drain's progress
	 */
	public synchronized DrainStatus start(@Nullable Integer ratePerSecond, Duration window, int closeCode,
			Duration quietPeriod, Duration callWait) {
		if (this.current != null) {
			return status();
		}
		this.connections.stopAccepting();
		Deque<ChargerConnection> toClose = new ArrayDeque<>(this.connections.all());
		int total = toClose.size();
		double rate = (ratePerSecond != null) ? ratePerSecond
				: Math.max(1d, total / Math.max(0.001, window.toMillis() / 1000d));
		Drain drain = new Drain(toClose, total, rate, new CloseStatus(closeCode, "Draining"), quietPeriod, callWait,
				Instant.now());
		this.current = drain;
		this.remaining.set(total);
		logger.info("Draining {} connections at {} per second with close code {}, waiting at most {} for open CALLs",
				total, String.format(java.util.Locale.ROOT, "%.1f", rate), closeCode, callWait);
		drain.task = this.scheduler.scheduleAtFixedRate(() -> tick(drain), 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
		return status();
	}

	private void tick(Drain drain) {
		long elapsedMillis = Duration.between(drain.startedAt, Instant.now()).toMillis();
		long due = Math.min(drain.total, (long) Math.floor(drain.rate * (elapsedMillis + TICK_MILLIS) / 1000d));
		while (drain.startedCount < due) {
			ChargerConnection connection = drain.toClose.poll();
			if (connection == null) {
				break;
			}
			drain.startedCount++;
			drain.closes.add(connection.closeWhenQuiet(drain.closeStatus, drain.quietPeriod, drain.callWait)
				.whenComplete((outcome, failure) -> closed(drain, outcome)));
		}
		if (drain.toClose.isEmpty() && !drain.allStarted) {
			drain.allStarted = true;
			if (drain.task != null) {
				drain.task.cancel(false);
			}
			CompletableFuture.allOf(drain.closes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
				Instant finishedAt = Instant.now();
				drain.finishedAt = finishedAt;
				logger.info("Drain finished: {} connections closed in {} ms ({} waited for an open CALL, {} closed"
						+ " at the {} bound)", drain.closedCount.get(),
						Duration.between(drain.startedAt, finishedAt).toMillis(),
						drain.afterOpenCalls.get(), drain.atBound.get(), drain.callWait);
				drain.done.complete(null);
			});
		}
	}

	private void closed(Drain drain, @Nullable QuietClose outcome) {
		drain.closedCount.incrementAndGet();
		if (outcome == QuietClose.AFTER_OPEN_CALLS) {
			drain.afterOpenCalls.incrementAndGet();
		}
		else if (outcome == QuietClose.AT_BOUND) {
			drain.atBound.incrementAndGet();
		}
		if (outcome == QuietClose.AFTER_OPEN_CALLS || outcome == QuietClose.AT_BOUND) {
			this.meters.counter("chargestorm.drain.waits", "outcome",
					(outcome == QuietClose.AT_BOUND) ? "bound" : "answered").increment();
		}
		this.remaining.decrementAndGet();
		this.closed.increment();
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
			return new DrainStatus(false, false, 0, 0, 0, 0, 0, 0, null, null, null);
		}
		int closedCount = drain.closedCount.get();
		return new DrainStatus(true, drain.done.isDone(), drain.total, closedCount,
				drain.startedCount - closedCount, drain.afterOpenCalls.get(), drain.atBound.get(), drain.rate,
				drain.callWait, drain.startedAt, drain.finishedAt);
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
	 * @param closed connections closed so far (close frame sent, or the charger left first)
	 * @param waiting connections whose turn has come and whose close waits for an open CALL
	 * @param closedAfterOpenCalls closes that waited until the open CALLs were answered or timed out
	 * and the connection had been quiet for the quiet period
	 * @param closedAtBound closes sent while a CALL was still open, because {@code callWait} had passed
	 * @param ratePerSecond closing rate
	 * @param callWait the longest a close waits for open CALLs
	 * @param startedAt when it started
	 * @param finishedAt when it finished
	 */
	public record DrainStatus(boolean active, boolean finished, int total, int closed, int waiting,
			int closedAfterOpenCalls, int closedAtBound, double ratePerSecond, @Nullable Duration callWait,
			@Nullable Instant startedAt, @Nullable Instant finishedAt) {
	}

	private static final class Drain {

		private final Deque<ChargerConnection> toClose;

		private final int total;

		private final double rate;

		private final CloseStatus closeStatus;

		private final Duration quietPeriod;

		private final Duration callWait;

		private final Instant startedAt;

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		private final List<CompletableFuture<QuietClose>> closes = new CopyOnWriteArrayList<>();

		private final AtomicInteger afterOpenCalls = new AtomicInteger();

		private final AtomicInteger atBound = new AtomicInteger();

		/** Connections whose turn has come; touched only by the ticking thread. */
		private volatile int startedCount;

		private final AtomicInteger closedCount = new AtomicInteger();

		private volatile boolean allStarted;

		private volatile @Nullable Instant finishedAt;

		private volatile @Nullable ScheduledFuture<?> task;

		Drain(Deque<ChargerConnection> toClose, int total, double rate, CloseStatus closeStatus, Duration quietPeriod,
				Duration callWait, Instant startedAt) {
			this.toClose = toClose;
			this.total = total;
			this.rate = rate;
			this.closeStatus = closeStatus;
			this.quietPeriod = quietPeriod;
			this.callWait = callWait;
			this.startedAt = startedAt;
		}

	}

}
