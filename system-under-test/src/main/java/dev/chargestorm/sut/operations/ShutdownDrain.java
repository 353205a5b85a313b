package dev.chargestorm.sut.operations;

import java.util.concurrent.TimeUnit;

import dev.chargestorm.sut.ocpp.ConnectionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * What SIGTERM does to OCPP connections, before the web server stops: a graceful drain when
 * {@code chargestorm.drain.drain-on-shutdown} is on, otherwise every connection closed at once,
 * which is the deploy that starts a reconnect storm.
 */
@Component
class ShutdownDrain implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ShutdownDrain.class);

	private final DrainService drain;

	private final ConnectionRegistry connections;

	private final DrainProperties properties;

	private volatile boolean running;

	ShutdownDrain(DrainService drain, ConnectionRegistry connections, DrainProperties properties) {
		this.drain = drain;
		this.connections = connections;
		this.properties = properties;
	}

	/**
	 * Starts accepting connections. Also called when a stopped context starts again in place
	 * (Spring's test framework pauses cached contexts that way): the node accepts again.
	 */
	@Override
	public void start() {
		this.drain.reset();
		this.connections.startAccepting();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.properties.drainOnShutdown()) {
			this.drain.start(null, this.properties.window(), this.properties.closeCode(),
					this.properties.quietPeriod(), this.properties.callWait());
			try {
				this.drain.completion()
					.get(this.properties.window().plus(this.properties.callWait()).toMillis() + 5_000,
							TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				logger.warn("Drain on shutdown did not finish in time: {}", ex.toString());
			}
			return;
		}
		this.connections.stopAccepting();
		var open = this.connections.all();
		logger.info("Shutting down: closing {} OCPP connections at once", open.size());
		ConnectionCloser.closeAtOnce(open, (connection) -> connection.close(CloseStatus.GOING_AWAY)).join();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
