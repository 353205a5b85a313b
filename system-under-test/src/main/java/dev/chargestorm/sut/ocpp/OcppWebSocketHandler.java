package dev.chargestorm.sut.ocpp;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;

import dev.chargestorm.sut.chargepoint.PresenceTracker;
import dev.chargestorm.sut.ocpp.ChargerConnection.MessageTooBigException;
import dev.chargestorm.sut.ocpp.frame.ErrorCode;
import dev.chargestorm.sut.ocpp.frame.FrameCodec;
import dev.chargestorm.sut.ocpp.frame.FrameCodec.Inbound;
import dev.chargestorm.sut.ocpp.frame.OcppFrame;
import dev.chargestorm.sut.ocpp.frame.OcppFrame.Call;
import dev.chargestorm.sut.ocpp.frame.OcppFrame.CallError;
import dev.chargestorm.sut.ocpp.frame.OcppFrame.CallResult;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The OCPP-J endpoint's WebSocket handler. Nothing a charger sends can close its connection
 * except a message larger than the configured maximum: malformed frames are answered with a
 * CALLERROR or ignored as OCPP-J says, and failures stay inside one CALL.
 */
@Component
class OcppWebSocketHandler extends AbstractWebSocketHandler {

	static final String CHARGE_POINT_ID = "chargestorm.chargePointId";

	private static final String CONNECTION = "chargestorm.connection";

	/** Close code for "no common subprotocol" (RFC 6455 protocol error). */
	private static final CloseStatus NO_SUBPROTOCOL = new CloseStatus(1002,
			"No supported subprotocol offered; this endpoint speaks " + OcppProperties.SUBPROTOCOL);

	private static final Logger logger = LoggerFactory.getLogger(OcppWebSocketHandler.class);

	private final FrameCodec codec;

	private final CentralSystemService centralSystem;

	private final ConnectionRegistry connections;

	private final PresenceTracker presence;

	private final OcppProperties properties;

	private final ScheduledExecutorService scheduler;

	private final OcppMetrics metrics;

	private final MeterRegistry meters;

	OcppWebSocketHandler(FrameCodec codec, CentralSystemService centralSystem, ConnectionRegistry connections,
			PresenceTracker presence, OcppProperties properties,
			@Qualifier("ocppScheduler") ScheduledExecutorService scheduler, OcppMetrics metrics, MeterRegistry meters) {
		this.codec = codec;
		this.centralSystem = centralSystem;
		this.connections = connections;
		this.presence = presence;
		this.properties = properties;
		this.scheduler = scheduler;
		this.metrics = metrics;
		this.meters = meters;
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws IOException {
		String chargePointId = (String) session.getAttributes().get(CHARGE_POINT_ID);
		if (!OcppProperties.SUBPROTOCOL.equals(session.getAcceptedProtocol())) {
			// OCPP-J 3.2: complete the handshake without the header, then close at once.
			this.metrics.handshake("no_subprotocol");
			session.close(NO_SUBPROTOCOL);
			return;
		}
		WebSocketSession concurrent = new ConcurrentWebSocketSessionDecorator(session,
				(int) this.properties.sendTimeLimit().toMillis(), 512 * 1024);
		ChargerConnection connection = new ChargerConnection(chargePointId, concurrent, this.codec, this.scheduler,
				this.properties.callTimeout(), this.meters);
		session.getAttributes().put(CONNECTION, connection);
		ChargerConnection replaced = this.connections.add(connection);
		recordPresence(() -> this.presence.connected(chargePointId), "is online", chargePointId);
		if (replaced != null) {
			logger.info("Charger {} connected again; closing its previous connection {}", chargePointId,
					replaced.sessionId());
			replaced.close(new CloseStatus(1000, "Replaced by a newer connection"));
		}
		this.metrics.handshake("accepted");
		logger.info("Charger {} connected (session {})", chargePointId, session.getId());
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		ChargerConnection connection = connection(session);
		if (connection == null) {
			return;
		}
		connection.touch();
		String text;
		try {
			text = connection.aggregate(message.getPayload(), message.isLast(),
					this.properties.maxMessageSize().toBytes());
		}
		catch (MessageTooBigException ex) {
			connection.close(new CloseStatus(1009, ex.getMessage()));
			return;
		}
		if (text != null) {
			handleFrame(connection, text);
		}
	}

	private void handleFrame(ChargerConnection connection, String text) {
		long started = System.nanoTime();
		Inbound inbound = this.codec.read(text);
		switch (inbound) {
			case Inbound.Frame(Call call) -> {
				String action = call.action().length() <= 40 ? call.action() : "unknown";
				if (!connection.inboundCallStarted()) {
					// crossed a graceful close frame on the wire: its answer cannot arrive; processed
					// anyway (the charger retries transaction messages, which are stored once)
					this.metrics.callAfterClose(action);
				}
				try {
					OcppFrame answer = answerSafely(connection, call);
					send(connection, answer);
					this.metrics.message(action,
							(answer instanceof CallError error) ? error.errorCode().name() : "result",
							System.nanoTime() - started);
				}
				finally {
					connection.inboundCallAnswered();
				}
			}
			case Inbound.Frame(CallResult result) -> connection.onCallResult(result);
			case Inbound.Frame(CallError error) -> connection.onCallError(error);
			case Inbound.Rejected(CallError error) -> {
				send(connection, error);
				this.metrics.message("malformed", error.errorCode().name(), System.nanoTime() - started);
			}
			case Inbound.Ignored(String reason) -> {
				logger.debug("Ignored a frame from charger {}: {}", connection.chargePointId(), reason);
				this.metrics.ignored("not_a_call");
			}
		}
	}

	private OcppFrame answerSafely(ChargerConnection connection, Call call) {
		try {
			return this.centralSystem.answer(connection, call);
		}
		catch (RuntimeException ex) {
			logger.warn("{} from charger {} failed", call.action(), connection.chargePointId(), ex);
			return CallError.of(call.messageId(), ErrorCode.InternalError,
					"The central system failed to process " + call.action());
		}
	}

	private void send(ChargerConnection connection, OcppFrame frame) {
		try {
			connection.send(frame);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not answer charger {}: {}", connection.chargePointId(), ex.getMessage());
		}
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) {
		ChargerConnection connection = connection(session);
		if (connection != null) {
			connection.touch();
			recordPresence(() -> this.presence.seen(connection.chargePointId()), "answered a ping",
					connection.chargePointId());
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		// OCPP-J is text only; a binary frame is ignored rather than closing the connection.
		this.metrics.ignored("binary");
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		logger.debug("Transport error on session {}: {}", session.getId(), exception.toString());
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		ChargerConnection connection = connection(session);
		if (connection != null) {
			connectionClosed(connection, status);
		}
	}

	/**
	 * Forgets a connection: fails its pending calls and, if it was the charger's current
	 * connection, marks the charger offline. Safe to call more than once.
	 */
	void connectionClosed(ChargerConnection connection, CloseStatus status) {
		connection.closed();
		if (this.connections.remove(connection)) {
			recordPresence(() -> this.presence.disconnected(connection.chargePointId()), "went offline",
					connection.chargePointId());
			logger.info("Charger {} disconnected (session {}, {} {})", connection.chargePointId(),
					connection.sessionId(), status.getCode(), status.getReason() == null ? "" : status.getReason());
		}
	}

	/** Presence is bookkeeping: a database failure must not fail the connection event itself. */
	private static void recordPresence(Runnable write, String event, String chargePointId) {
		try {
			write.run();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not record that charger {} {}: {}", chargePointId, event, ex.toString());
		}
	}

	private static @Nullable ChargerConnection connection(WebSocketSession session) {
		return (ChargerConnection) session.getAttributes().get(CONNECTION);
	}

}
