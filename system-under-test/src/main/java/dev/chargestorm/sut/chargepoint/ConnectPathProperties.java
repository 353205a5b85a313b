package dev.chargestorm.sut.chargepoint;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The connect path: what the central system writes per connect, pong, heartbeat and status.
 *
 * @param cheap when true, registrations and id tags are cached, online state and heartbeats are
 * kept in memory and flushed in batches, and status writes are coalesced; when false (naive),
 * every connect, pong, heartbeat and status notification writes to the database at once
 * @param flushInterval how often the in-memory state is written when {@code cheap}
 * @param cacheTtl how often the cached registrations and id tags are reloaded, all of them, when
 * {@code cheap}: how long a change made on another node may go unseen here
 * @param cacheStaleLimit how long cached entries are still served while reloads fail (the
 * database is down or its pool saturated)
 */
@ConfigurationProperties("chargestorm.connect-path")
public record ConnectPathProperties(@DefaultValue("false") boolean cheap, @DefaultValue("1s") Duration flushInterval,
		@DefaultValue("60s") Duration cacheTtl, @DefaultValue("10m") Duration cacheStaleLimit) {

	public ConnectPathProperties {
		if (cacheStaleLimit.compareTo(cacheTtl) <= 0) {
			throw new IllegalArgumentException("chargestorm.connect-path.cache-stale-limit (" + cacheStaleLimit
					+ ") must be longer than chargestorm.connect-path.cache-ttl (" + cacheTtl
					+ "), or cached entries expire before they are reloaded");
		}
	}

}
