package dev.chargestorm.sut.chargepoint;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How BootNotification is answered.
 *
 * @param heartbeatInterval interval returned with Accepted (the heartbeat interval)
 * @param intervalJitter share by which each returned interval is randomly spread (0.1 = +-10 %),
 * so a fleet that booted together does not heartbeat together
 * @param retryInterval interval returned with Pending or Rejected from the registration (the
 * minimum wait before the next BootNotification)
 * @param pendingValve answering Pending when the database is saturated
 */
@ConfigurationProperties("chargestorm.boot")
@Validated
public record BootProperties(@DefaultValue("300s") Duration heartbeatInterval,
		@DefaultValue("0.1") @DecimalMin("0") @DecimalMax("0.9") double intervalJitter,
		@DefaultValue("60s") Duration retryInterval, @DefaultValue @Valid PendingValve pendingValve) {

	/**
	 * BootNotification Pending as a load-shedding valve.
	 *
	 * @param enabled whether to answer Pending while the database pool is saturated
	 * @param waitingThreadsThreshold threads waiting for a pool connection at which the pool
	 * counts as saturated
	 * @param minInterval shortest Pending interval handed out
	 * @param maxInterval longest Pending interval handed out (uniformly spread in between)
	 */
	public record PendingValve(@DefaultValue("false") boolean enabled, @DefaultValue("1") int waitingThreadsThreshold,
			@DefaultValue("60s") Duration minInterval, @DefaultValue("300s") Duration maxInterval) {
	}

}
