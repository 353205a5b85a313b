package dev.chargestorm.sut.ocpp;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Pings every charger at the configured interval and closes connections that stay silent (no
 * frame, no pong) for a ping interval plus the pong timeout: a half-open connection is marked
 * offline within that bound plus one check period.
 */
@Component
class LivenessMonitor {

	/** The bound on detection is ping interval + pong timeout + this period. */
	static final String CHECK_PERIOD = "${chargestorm.ocpp.liveness-check-period:1s}";

	private static final CloseStatus HALF_OPEN = new CloseStatus(1006, "No pong within the timeout");

	private static final Logger logger = LoggerFactory.getLogger(LivenessMonitor.class);

	private final ConnectionRegistry connections;

	private final OcppWebSocketHandler handler;

	private final long pingIntervalNanos;

	private final long silenceLimitNanos;

	LivenessMonitor(ConnectionRegistry connections, OcppWebSocketHandler handler, OcppProperties properties) {
		this.connections = connections;
		this.handler = handler;
		this.pingIntervalNanos = properties.pingInterval().toNanos();
		this.silenceLimitNanos = properties.pingInterval().plus(properties.pongTimeout()).toNanos();
	}

	@Scheduled(fixedDelayString = CHECK_PERIOD)
	void check() {
		long now = System.nanoTime();
		for (ChargerConnection connection : this.connections.all()) {
			if (connection.silentNanos(now) > this.silenceLimitNanos) {
				logger.info("Charger {} sent nothing and answered no ping for {}s; closing its half-open connection",
						connection.chargePointId(), connection.silentNanos(now) / 1_000_000_000L);
				this.handler.connectionClosed(connection, HALF_OPEN);
				connection.abort();
			}
			else if (connection.sinceLastPingNanos(now) >= this.pingIntervalNanos) {
				try {
					connection.sendPing();
				}
				catch (IOException | RuntimeException ex) {
					logger.debug("Could not ping charger {}: {}", connection.chargePointId(), ex.getMessage());
				}
			}
		}
	}

}
