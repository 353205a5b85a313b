package dev.chargestorm.sut.admission;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Admission control on OCPP upgrades.
 *
 * @param enabled whether upgrades are rate-limited and connect-path database work is bounded
 * @param upgradesPerSecond sustained rate of accepted upgrades (token bucket refill)
 * @param burst upgrades accepted at once before the rate applies (bucket size)
 * @param maxConcurrentConnectWork handshakes allowed to do database work at the same time
 * @param connectWorkWait how long a handshake waits for a connect-work slot before it is refused
 * @param maxWaitingConnectWork handshakes allowed to wait for a slot; any more are refused at once,
 * because a waiting handshake holds a server thread that WebSocket messages (BootNotification)
 * also need
 * @param retryAfter Retry-After sent with a refusal (the client adds its own back-off)
 */
@ConfigurationProperties("chargestorm.admission")
@Validated
public record AdmissionProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("200") @Min(1) int upgradesPerSecond, @DefaultValue("400") @Min(1) int burst,
		@DefaultValue("4") @Min(1) int maxConcurrentConnectWork, @DefaultValue("2s") Duration connectWorkWait,
		@DefaultValue("16") @Min(0) int maxWaitingConnectWork, @DefaultValue("10s") Duration retryAfter) {
}
