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
 * @param callWait the longest a drained connection stays open for a CALL still open on it (the
 * charger's CALL being answered, the central system's CALL waiting for its answer or timeout);
 * it closes as soon as none is open and none ended within {@code quietPeriod}, and at this bound anyway
 * @param quietPeriod how long no CALL may have ended on a drained connection before it closes: a
 * charger sends its next queued CALL the moment it gets an answer
 */
@ConfigurationProperties("chargestorm.drain")
public record DrainProperties(@DefaultValue("false") boolean drainOnShutdown, @DefaultValue("30s") Duration window,
		@DefaultValue("1012") int closeCode, @DefaultValue("10s") Duration callWait,
		@DefaultValue("1s") Duration quietPeriod) {

	public DrainProperties {
		if (closeCode != 1012 && closeCode != 1001) {
			throw new IllegalArgumentException(
					"chargestorm.drain.close-code must be 1012 (Service Restart) or 1001 (Going Away) but was "
							+ closeCode);
		}
		if (quietPeriod.isNegative()) {
			throw new IllegalArgumentException(
					"chargestorm.drain.quiet-period must be 0 or more but was " + quietPeriod);
		}
		if (callWait.isNegative()) {
			throw new IllegalArgumentException("chargestorm.drain.call-wait must be 0 or more but was " + callWait);
		}
	}

}
