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
 * @param cacheTtl how long cached registrations and id tags stay valid when {@code cheap}
 */
@ConfigurationProperties("chargestorm.connect-path")
public record ConnectPathProperties(@DefaultValue("false") boolean cheap, @DefaultValue("1s") Duration flushInterval,
		@DefaultValue("60s") Duration cacheTtl) {
}
