package dev.chargestorm.sut.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** How loaded the database connection pool is right now; the load-shedding features read it. */
@Component
public class DatabasePressure {

	private final @Nullable HikariDataSource hikari;

	DatabasePressure(DataSource dataSource) {
		this.hikari = (dataSource instanceof HikariDataSource pool) ? pool : null;
	}

	/** @return threads waiting for a pool connection now (0 when the pool is not HikariCP) */
	public int threadsAwaitingConnection() {
		HikariPoolMXBean pool = pool();
		return (pool != null) ? pool.getThreadsAwaitingConnection() : 0;
	}

	/** @return connections in use now (0 when the pool is not HikariCP) */
	public int activeConnections() {
		HikariPoolMXBean pool = pool();
		return (pool != null) ? pool.getActiveConnections() : 0;
	}

	/**
	 * @param waitingThreadsThreshold waiting threads that count as saturation
	 * @return whether the pool is saturated
	 */
	public boolean saturated(int waitingThreadsThreshold) {
		return threadsAwaitingConnection() >= waitingThreadsThreshold;
	}

	private @Nullable HikariPoolMXBean pool() {
		return (this.hikari != null && this.hikari.isRunning()) ? this.hikari.getHikariPoolMXBean() : null;
	}

}
