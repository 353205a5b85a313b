package dev.chargestorm.sut.search;

import java.time.Duration;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The charging-spot search API.
 *
 * @param queryTimeout longest a search waits for the database before it answers 503 (or, in
 * degraded mode, a stale answer)
 * @param httpMaxAge how long clients and shared caches may reuse a fresh answer
 * ({@code Cache-Control: max-age})
 * @param retryAfter {@code Retry-After} sent with a 503
 * @param pool the search's own connection pool, so that OCPP writes and searches do not starve
 * each other
 * @param degradedMode answering from a bounded cache when the database is slow or down
 * @param httpServerObservations whether search requests also get Spring's
 * {@code http.server.requests} observation (the {@code http_server_requests_seconds} metric with
 * {@code uri="/api/spots"} and {@code uri="/api/spots/{id}"}); off by default: the search's own
 * {@code chargestorm.search.requests} timer already measures every search, with its outcome and a
 * percentile histogram, and the second observation costs CPU on every request
 */
@ConfigurationProperties("chargestorm.search")
@Validated
public record SearchProperties(@DefaultValue("1s") Duration queryTimeout, @DefaultValue("5s") Duration httpMaxAge,
		@DefaultValue("5s") Duration retryAfter, @DefaultValue @Valid Pool pool,
		@DefaultValue @Valid DegradedMode degradedMode, @DefaultValue("false") boolean httpServerObservations) {

	public SearchProperties {
		if (queryTimeout.isNegative() || queryTimeout.isZero()) {
			throw new IllegalArgumentException("chargestorm.search.query-timeout must be positive but was " + queryTimeout);
		}
		if (degradedMode.enabled() && degradedMode.latencyBudget().compareTo(queryTimeout) > 0) {
			throw new IllegalArgumentException("chargestorm.search.degraded-mode.latency-budget ("
					+ degradedMode.latencyBudget() + ") must not be longer than chargestorm.search.query-timeout ("
					+ queryTimeout + ")");
		}
	}

	/**
	 * The search's connection pool (HikariCP), to the same database as the central system's.
	 *
	 * @param maximumSize connections at most
	 * @param connectionTimeout longest wait for a free connection
	 * @param statementTimeout PostgreSQL {@code statement_timeout} of the search connections
	 * @param bitmapScan whether the planner may use bitmap scans for searches; off by default:
	 * PostgreSQL estimates a radius box to hold a handful of spots (a fixed selectivity), so it
	 * prefers a bitmap scan of the box plus a sort, which reads every spot in the radius (thousands
	 * in a city), over the nearest-first index scan that stops after one page (see
	 * docs/benchmarks.md)
	 * @param url a JDBC URL of its own (for example through a proxy of its own), else the central
	 * system's
	 * @param planCacheMode PostgreSQL {@code plan_cache_mode} of the search connections: whether the
	 * search statements (prepared on the server after a few executions) are planned once for all
	 * parameters or again for each search
	 */
	public record Pool(@DefaultValue("4") @Min(1) @Max(100) int maximumSize,
			@DefaultValue("500ms") Duration connectionTimeout, @DefaultValue("5s") Duration statementTimeout,
			@DefaultValue("false") boolean bitmapScan, @Nullable String url,
			@DefaultValue("force-generic-plan") PlanCacheMode planCacheMode) {
	}

	/** PostgreSQL's {@code plan_cache_mode}. */
	public enum PlanCacheMode {

		/** Custom plans for the first five executions, then the generic plan if it is not costlier. */
		AUTO,

		/** A plan for each execution's parameters: planning time on every search. */
		FORCE_CUSTOM_PLAN,

		/** One plan for all parameters, made once per connection and statement. */
		FORCE_GENERIC_PLAN;

		/** @return the setting's value in PostgreSQL */
		public String sqlValue() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Degraded mode: when the database does not answer within the latency budget, or fails,
	 * answer from a bounded cache of earlier answers, marked stale.
	 *
	 * @param enabled whether it is on (the {@code hardened} profile turns it on)
	 * @param latencyBudget how long a search waits for the database before it answers from the
	 * cache
	 * @param cacheSize answers kept at most (least recently used go first)
	 * @param maxStaleness oldest answer the cache may serve
	 */
	public record DegradedMode(@DefaultValue("false") boolean enabled, @DefaultValue("300ms") Duration latencyBudget,
			@DefaultValue("10000") @Min(1) int cacheSize, @DefaultValue("10m") Duration maxStaleness) {
	}

}
