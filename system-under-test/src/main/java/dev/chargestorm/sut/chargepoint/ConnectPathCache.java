package dev.chargestorm.sut.chargepoint;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table the cheap connect path reads from memory (registrations, id tags): all of it loaded in
 * one query at start and again every {@link ConnectPathProperties#cacheTtl() cacheTtl}, so that a
 * charger that moves to this node, or a driver whose tag this node has not seen, costs no database
 * round trip. When reloads fail (the database is down or its pool saturated), the entries are
 * served until they are {@link ConnectPathProperties#cacheStaleLimit() cacheStaleLimit} old. Keys
 * that are not loaded yet fall back to a lookup of their own.
 *
 * <p>A change written while a reload runs may be seen one reload later.
 *
 * @param <V> the cached value
 */
public final class ConnectPathCache<V> {

	private static final Logger logger = LoggerFactory.getLogger(ConnectPathCache.class);

	private final String name;

	private final long maximumSize;

	private final Duration staleLimit;

	private final Cache<String, V> cache;

	private boolean loadedOnce;

	ConnectPathCache(String name, long maximumSize, ConnectPathProperties properties, Ticker ticker) {
		this.name = name;
		this.maximumSize = maximumSize;
		this.staleLimit = properties.cacheStaleLimit();
		this.cache = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfterWrite(properties.cacheStaleLimit())
			.ticker(ticker)
			.build();
	}

	/**
	 * A cache for the cheap connect path, or none for the naive one.
	 * @param <V> the cached value
	 * @param name what it holds, for the log ("charge points")
	 * @param maximumSize the most entries it holds (and loads)
	 * @param properties the connect path
	 * @return the cache, or null when the connect path is not cheap
	 */
	public static <V> @Nullable ConnectPathCache<V> forConnectPath(String name, long maximumSize,
			ConnectPathProperties properties) {
		return properties.cheap() ? new ConnectPathCache<>(name, maximumSize, properties, Ticker.systemTicker())
				: null;
	}

	/**
	 * The cached value, or the one {@code loader} finds (and caches, unless it is null).
	 * @param key the key
	 * @param loader the single-key lookup
	 * @return the value, or null when there is none
	 */
	public @Nullable V get(String key, Function<String, @Nullable V> loader) {
		return this.cache.get(key, loader);
	}

	/**
	 * Forgets a key that was just written, so that this node reads it again.
	 * @param key the key
	 */
	public void invalidate(String key) {
		this.cache.invalidate(key);
	}

	/**
	 * Replaces the whole content with every row of a query (at most as many as the cache holds);
	 * keeps the old entries when the query fails.
	 * @param <R> the row
	 * @param jdbc the database
	 * @param selectAll the query, without a limit
	 * @param rows maps a row
	 * @param key the row's key
	 * @param value what the cache holds for the row
	 */
	public <R> void reload(JdbcClient jdbc, String selectAll, RowMapper<R> rows, Function<R, String> key,
			Function<R, V> value) {
		reload(() -> jdbc.sql(selectAll + " LIMIT ?")
			.param(this.maximumSize)
			.query(rows)
			.list()
			.stream()
			.collect(Collectors.toMap(key, value)));
	}

	void reload(Supplier<Map<String, V>> load) {
		long started = System.nanoTime();
		Map<String, V> loaded;
		try {
			loaded = load.get();
		}
		catch (DataAccessException ex) {
			logger.warn("Could not reload the {} cache; serving entries up to {} old: {}", this.name, this.staleLimit,
					ex.getMostSpecificCause().getMessage());
			return;
		}
		this.cache.putAll(loaded);
		this.cache.asMap().keySet().retainAll(loaded.keySet());
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		if (!this.loadedOnce) {
			this.loadedOnce = true;
			logger.info("Loaded {} {} into the connect-path cache in {} ms", loaded.size(), this.name, millis);
		}
		else {
			logger.debug("Reloaded {} {} in {} ms", loaded.size(), this.name, millis);
		}
	}

}
