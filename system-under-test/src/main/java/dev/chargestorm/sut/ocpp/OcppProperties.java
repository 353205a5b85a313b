package dev.chargestorm.sut.ocpp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The OCPP-J endpoint at {@code /ocpp/{chargePointId}}.
 *
 * @param autoRegister whether unknown charge point ids are registered on first contact; when
 * false they get HTTP 404 as OCPP-J 1.6 says
 * @param basicAuthRequired whether every charge point must present Basic auth (security
 * profile 1); when false only those provisioned with a password must
 * @param callTimeout how long a central-system-initiated CALL waits for its answer
 * @param pingInterval how often the server sends a WebSocket ping to each charger
 * @param pongTimeout silence after a ping (no pong, no frame) after which the connection counts
 * as half-open and is closed, marking the charger offline
 * @param maxMessageSize largest OCPP message accepted; a larger one closes the connection (1009)
 * @param sendTimeLimit longest a send to one charger may take before its connection is closed
 */
@ConfigurationProperties("chargestorm.ocpp")
@Validated
public record OcppProperties(@DefaultValue("true") boolean autoRegister,
		@DefaultValue("false") boolean basicAuthRequired, @DefaultValue("30s") Duration callTimeout,
		@DefaultValue("60s") Duration pingInterval, @DefaultValue("30s") Duration pongTimeout,
		@DefaultValue("256KB") DataSize maxMessageSize, @DefaultValue("10s") Duration sendTimeLimit) {

	public OcppProperties {
		if (maxMessageSize.toBytes() < 1024) {
			throw new IllegalArgumentException(
					"chargestorm.ocpp.max-message-size must be at least 1KB but was " + maxMessageSize);
		}
	}

	/** The subprotocol this endpoint speaks. */
	public static final String SUBPROTOCOL = "ocpp1.6";


}
