package dev.chargestorm.sut.search;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search API's own small HikariCP pool to the central system's database: a reconnect storm
 * that fills the OCPP pool does not hold searches up, and a burst of searches cannot take the
 * connections the OCPP side writes with.
 */
final class SearchPool implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SearchPool.class);

	private final HikariDataSource dataSource;

	private SearchPool(HikariDataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Opens the pool with the central system's JDBC URL and credentials (or its own URL).
	 * @param centralSystem the central system's pool
	 * @param properties the pool settings
	 * @param meters where the pool's {@code hikaricp_*} metrics go (pool {@code search-db})
	 */
	static SearchPool open(DataSource centralSystem, SearchProperties.Pool properties, MeterRegistry meters) {
		if (!(centralSystem instanceof HikariDataSource primary)) {
			throw new IllegalStateException("The search pool copies its JDBC URL and credentials from the central"
					+ " system's HikariCP pool, but the DataSource is a " + centralSystem.getClass().getName()
					+ "; configure spring.datasource.* so that Spring Boot builds a HikariCP pool");
		}
		HikariConfig config = new HikariConfig();
		config.setPoolName("search-db");
		config.setJdbcUrl((properties.url() != null) ? properties.url() : primary.getJdbcUrl());
		config.setUsername(primary.getUsername());
		config.setPassword(primary.getPassword());
		config.setMaximumPoolSize(properties.maximumSize());
		config.setMinimumIdle(properties.maximumSize());
		config.setConnectionTimeout(Math.max(250, properties.connectionTimeout().toMillis()));
		config.setValidationTimeout(250);
		// Start even when the database is unreachable: degraded mode is for exactly that.
		config.setInitializationFailTimeout(-1);
		config.setReadOnly(true);
		config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
		// A connection stuck on a dead socket must not hold a pool slot for the OS's TCP timeout.
		config.addDataSourceProperty("socketTimeout",
				Long.toString(Math.max(1, properties.statementTimeout().toSeconds() * 2)));
		// Generic plans by default: the driver prepares each statement shape on the server after
		// five executions, and planning it again for every search cost about 0.4 ms of PostgreSQL
		// CPU per search (docs/benchmarks.md). The plan does not depend on the place anyway:
		// PostgreSQL estimates the radius box with a fixed selectivity, so the generic plan is the
		// same nearest-first index scan (SpotSearchTest checks it).
		config.setConnectionInitSql("SET plan_cache_mode = " + properties.planCacheMode().sqlValue()
				+ "; SET statement_timeout = " + properties.statementTimeout().toMillis()
				+ (properties.bitmapScan() ? "" : "; SET enable_bitmapscan = off"));
		logger.info("Search pool: {} connections at most, bitmap scans {}, plan_cache_mode {}",
				properties.maximumSize(), properties.bitmapScan() ? "on" : "off", properties.planCacheMode().sqlValue());
		return new SearchPool(new HikariDataSource(config));
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

}
