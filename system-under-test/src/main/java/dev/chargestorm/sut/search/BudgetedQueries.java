package dev.chargestorm.sut.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs database reads for the API within a time limit. Normal mode: a read that takes longer than
 * {@code query-timeout}, or fails, becomes a {@link SearchUnavailableException} (503) at once
 * instead of a hanging request. Degraded mode: every answer is also kept in a bounded cache
 * (least recently used out first, entries older than {@code max-staleness} dropped); a read that
 * takes longer than {@code latency-budget}, or fails, is answered from that cache and marked
 * stale, and only a query the cache has never seen waits up to {@code query-timeout}.
 */
final class BudgetedQueries implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BudgetedQueries.class);

	private final ThreadPoolExecutor executor;

	private final Clock clock;

	private final Duration queryTimeout;

	private final SearchProperties.DegradedMode degraded;

	private final @Nullable Cache<String, Answer> cache;

	BudgetedQueries(SearchProperties properties, Clock clock) {
		this.clock = clock;
		this.queryTimeout = properties.queryTimeout();
		this.degraded = properties.degradedMode();
		int threads = properties.pool().maximumSize() * 2;
		AtomicInteger ids = new AtomicInteger();
		// Bounded: when the database stalls, queued reads are refused rather than piling up.
		this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
				(runnable) -> {
					Thread thread = new Thread(runnable, "search-db-" + ids.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.cache = this.degraded.enabled() ? Caffeine.newBuilder()
			.maximumSize(this.degraded.cacheSize())
			.expireAfterWrite(this.degraded.maxStaleness())
			.build() : null;
	}

	/**
	 * Runs a read within the time limits.
	 * @param key equal for equal reads (the cache key)
	 * @param read the database read; its result is the response body, or null for "not found"
	 * @return the answer, fresh or (degraded mode) stale; its body is null for "not found"
	 * @throws SearchUnavailableException when neither the database nor the cache answered in time
	 */
	Answer run(String key, Callable<byte @Nullable []> read) {
		long started = System.nanoTime();
		Future<byte @Nullable []> future;
		try {
			future = this.executor.submit(() -> {
				byte[] body = read.call();
				if (this.cache != null && body != null) {
					this.cache.put(key, new Answer(body, this.clock.instant(), false));
				}
				return body;
			});
		}
		catch (RejectedExecutionException ex) {
			return staleOr(key, () -> new SearchUnavailableException(
					"The search database is overloaded: too many searches are waiting for it", ex));
		}
		if (this.cache != null) {
			try {
				return fresh(future.get(this.degraded.latencyBudget().toNanos(), TimeUnit.NANOSECONDS));
			}
			catch (TimeoutException ex) {
				Answer stale = stale(key);
				if (stale != null) {
					// the read goes on and refreshes the cache when it completes
					return stale;
				}
			}
			catch (ExecutionException ex) {
				return staleOr(key, () -> failed(ex));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SearchUnavailableException("Interrupted while waiting for the search database", ex);
			}
		}
		long remaining = this.queryTimeout.toNanos() - (System.nanoTime() - started);
		try {
			return fresh(future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new SearchUnavailableException("The search database did not answer within " + this.queryTimeout
					+ " (chargestorm.search.query-timeout)", ex);
		}
		catch (ExecutionException ex) {
			throw failed(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SearchUnavailableException("Interrupted while waiting for the search database", ex);
		}
	}

	private Answer fresh(byte @Nullable [] body) {
		return new Answer(body, this.clock.instant(), false);
	}

	private @Nullable Answer stale(String key) {
		Answer cached = (this.cache != null) ? this.cache.getIfPresent(key) : null;
		return (cached != null) ? new Answer(cached.body(), cached.fetchedAt(), true) : null;
	}

	private Answer staleOr(String key, java.util.function.Supplier<SearchUnavailableException> failure) {
		Answer stale = stale(key);
		if (stale != null) {
			return stale;
		}
		throw failure.get();
	}

	private static SearchUnavailableException failed(ExecutionException ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		logger.debug("Search read failed", cause);
		return new SearchUnavailableException("The search database failed: " + rootMessage(cause), cause);
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * An answer to a read.
	 * @param body the response body, or null for "not found"
	 * @param fetchedAt when the database produced it
	 * @param stale whether it comes from the degraded-mode cache
	 */
	record Answer(byte @Nullable [] body, Instant fetchedAt, boolean stale) {

		/** @return whole seconds since the database produced it (HTTP {@code Age}) */
		long ageSeconds(Clock clock) {
			return Math.max(0, Duration.between(this.fetchedAt, clock.instant()).toSeconds());
		}

	}

}
