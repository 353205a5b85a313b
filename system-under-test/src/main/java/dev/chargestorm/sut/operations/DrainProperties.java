package dev.chargestorm.sut.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Graceful drain of OCPP connections.
 *
 * @param drainOnShutdown whether SIGTERM drains at a controlled rate; when false it closes every
 * connection at once, as a naive deploy does
 * @param window how long a drain on shutdown spreads the closes over
 * @param closeCode close code sent to drained chargers (1012 Service Restart or 1001 Going Away)
 */
@ConfigurationProperties("chargestorm.drain")
public record DrainProperties(@DefaultValue("false") boolean drainOnShutdown, @DefaultValue("30s") Duration window,
		@DefaultValue("1012") int closeCode) {

	public DrainProperties {
		if (closeCode != 1012 && closeCode != 1001) {
			throw new IllegalArgumentException(
					"chargestorm.drain.close-code must be 1012 (Service Restart) or 1001 (Going Away) but was "
							+ closeCode);
		}
	}

}
