package dev.chargestorm.sut.ocpp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.chargestorm.sut.ocpp.OutboundCallException.Reason;
import dev.chargestorm.sut.ocpp.frame.FrameCodec;
import dev.chargestorm.sut.ocpp.frame.OcppFrame;
import dev.chargestorm.sut.ocpp.frame.OcppFrame.Call;
import dev.chargestorm.sut.ocpp.frame.OcppFrame.CallError;
import dev.chargestorm.sut.ocpp.frame.OcppFrame.CallResult;
import dev.chargestorm.sut.ocpp.message.OcppAction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One charger's OCPP-J connection: sends frames, and runs central-system-initiated CALLs through
 * a queue with one CALL in flight, correlated by message id and bounded by the call timeout.
 * It also knows whether a CALL is open in either direction, so that a graceful close
 * ({@link #closeWhenQuiet}) does not cut one off.
 */
public final class ChargerConnection {

	private static final Logger logger = LoggerFactory.getLogger(ChargerConnection.class);

	private final String chargePointId;

	private final WebSocketSession session;

	private final FrameCodec codec;

	private final ScheduledExecutorService scheduler;

	private final Duration callTimeout;

	private final MeterRegistry meters;

	private final long connectedAtNanos = System.nanoTime();

	private final Instant connectedAt = Instant.now();

	private volatile long lastActivityNanos = this.connectedAtNanos;

	private volatile long lastPingNanos = this.connectedAtNanos;

	private final Deque<OutboundCall> queue = new ArrayDeque<>();

	private @Nullable OutboundCall inFlight;

	private boolean closed;

	/** CALLs from the charger being answered right now; guarded by {@code this}. */
	private int inboundCalls;

	/** A graceful close waiting for open CALLs; guarded by {@code this}. */
	private @Nullable PendingClose pendingClose;

	/** Whether a graceful close sent its close frame; guarded by {@code this}. */
	private boolean closeSent;

	/** When the last CALL in either direction ended, 0 before the first; guarded by {@code this}. */
	private long lastCallEndedNanos;

	/** Actions the charger may send while Pending because a TriggerMessage asked for them. */
	private final Set<OcppAction> expectedTriggers = ConcurrentHashMap.newKeySet();

	/** Fragments of a text message that arrives in parts; touched only by the container's reading thread. */
	private @Nullable StringBuilder partialMessage;

	ChargerConnection(String chargePointId, WebSocketSession session, FrameCodec codec,
			ScheduledExecutorService scheduler, Duration callTimeout, MeterRegistry meters) {
		this.chargePointId = chargePointId;
		this.session = session;
		this.codec = codec;
		this.scheduler = scheduler;
		this.callTimeout = callTimeout;
		this.meters = meters;
	}

	/** @return the charge point identity */
	public String chargePointId() {
		return this.chargePointId;
	}

	/** @return when the connection was opened (wall clock) */
	public Instant connectedAt() {
		return this.connectedAt;
	}

	/** @return the WebSocket session id */
	public String sessionId() {
		return this.session.getId();
	}

	/**
	 * Sends a CALL to the charger once the calls queued before it are answered.
	 * @param action the action
	 * @param payload the request payload
	 * @return the CALLRESULT payload; fails with {@link OutboundCallException}
	 */
	public CompletableFuture<JsonNode> call(OcppAction action, JsonNode payload) {
		OutboundCall call = new OutboundCall(new Call(UUID.randomUUID().toString(), action.name(), payload));
		boolean sendNow;
		synchronized (this) {
			if (this.closed || this.closeSent) {
				call.result.completeExceptionally(new OutboundCallException(Reason.CONNECTION_CLOSED, null,
						"Charger " + this.chargePointId + " is not connected"));
				return call.result;
			}
			this.queue.add(call);
			sendNow = this.inFlight == null;
		}
		if (sendNow) {
			sendNext();
		}
		return call.result;
	}

	/**
	 * Lets the charger send one message of this action even while its registration is Pending,
	 * because a TriggerMessage it accepted asked for it.
	 * @param action the triggered action
	 */
	public void expectTriggered(OcppAction action) {
		this.expectedTriggers.add(action);
	}

	boolean consumeTrigger(OcppAction action) {
		return this.expectedTriggers.remove(action);
	}

	private void sendNext() {
		OutboundCall next;
		synchronized (this) {
			if (this.inFlight != null || this.closed || this.closeSent || this.queue.isEmpty()) {
				return;
			}
			next = this.queue.poll();
			this.inFlight = next;
		}
		next.startedNanos = System.nanoTime();
		next.timeout = this.scheduler.schedule(() -> timedOut(next), this.callTimeout.toMillis(), TimeUnit.MILLISECONDS);
		try {
			send(next.call);
		}
		catch (IOException ex) {
			finish(next, null, new OutboundCallException(Reason.CONNECTION_CLOSED, null,
					"Could not send " + next.call.action() + " to charger " + this.chargePointId + ": " + ex.getMessage()));
		}
	}

	private void timedOut(OutboundCall call) {
		finish(call, null, new OutboundCallException(Reason.TIMEOUT, null, "Charger " + this.chargePointId
				+ " did not answer " + call.call.action() + " within " + this.callTimeout.toSeconds() + "s"));
	}

	void onCallResult(CallResult result) {
		OutboundCall call = inFlightWithId(result.messageId());
		if (call != null) {
			finish(call, result.payload(), null);
		}
		else {
			logger.debug("Charger {} answered message {} that is not in flight; ignored", this.chargePointId,
					result.messageId());
		}
	}

	void onCallError(CallError error) {
		OutboundCall call = inFlightWithId(error.messageId());
		if (call != null) {
			finish(call, null, new OutboundCallException(Reason.CALL_ERROR, error.errorCode(),
					"Charger " + this.chargePointId + " answered " + call.call.action() + " with CALLERROR "
							+ error.errorCode() + (error.errorDescription().isEmpty() ? ""
									: ": " + error.errorDescription())));
		}
	}

	private synchronized @Nullable OutboundCall inFlightWithId(String messageId) {
		return (this.inFlight != null && this.inFlight.call.messageId().equals(messageId)) ? this.inFlight : null;
	}

	private void finish(OutboundCall call, @Nullable JsonNode result, @Nullable OutboundCallException failure) {
		synchronized (this) {
			if (this.inFlight != call) {
				return;
			}
			this.inFlight = null;
			this.lastCallEndedNanos = System.nanoTime();
		}
		if (call.timeout != null) {
			call.timeout.cancel(false);
		}
		String outcome = (failure != null) ? failure.reason().name().toLowerCase(java.util.Locale.ROOT) : "result";
		Timer.builder("chargestorm.ocpp.outbound.calls")
			.tag("action", call.call.action())
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.meters)
			.record(System.nanoTime() - call.startedNanos, TimeUnit.NANOSECONDS);
		if (failure != null) {
			call.result.completeExceptionally(failure);
		}
		else {
			call.result.complete(result);
		}
		sendNext();
		closeIfQuiet();
	}

	/** The connection closed: every queued or in-flight call fails, a pending graceful close is over. */
	void closed() {
		Deque<OutboundCall> failed = new ArrayDeque<>();
		PendingClose pending;
		synchronized (this) {
			this.closed = true;
			pending = this.closeSent ? null : this.pendingClose;
			if (this.inFlight != null) {
				failed.add(this.inFlight);
				this.inFlight = null;
			}
			failed.addAll(this.queue);
			this.queue.clear();
		}
		if (pending != null) {
			cancel(pending.bound);
			pending.done.complete(QuietClose.GONE);
		}
		for (OutboundCall call : failed) {
			if (call.timeout != null) {
				call.timeout.cancel(false);
			}
			call.result.completeExceptionally(new OutboundCallException(Reason.CONNECTION_CLOSED, null,
					"Connection of charger " + this.chargePointId + " closed before it answered "
							+ call.call.action()));
		}
	}

	/**
	 * Sends one frame.
	 * @param frame the frame
	 * @throws IOException when the connection cannot take it
	 */
	void send(OcppFrame frame) throws IOException {
		this.session.sendMessage(new TextMessage(this.codec.write(frame)));
	}

	void sendPing() throws IOException {
		this.lastPingNanos = System.nanoTime();
		this.session.sendMessage(new PingMessage());
	}

	void touch() {
		this.lastActivityNanos = System.nanoTime();
	}

	/** @return nanos of silence since the last frame or pong */
	long silentNanos(long nowNanos) {
		return nowNanos - this.lastActivityNanos;
	}

	long sinceLastPingNanos(long nowNanos) {
		return nowNanos - this.lastPingNanos;
	}

	/**
	 * Adds a fragment of a text message that arrives in parts.
	 * @param fragment the fragment
	 * @param last whether it completes the message
	 * @param maxChars the largest message accepted
	 * @return the whole message when {@code last}, else null
	 * @throws MessageTooBigException when the message grows past {@code maxChars}
	 */
	@Nullable String aggregate(String fragment, boolean last, long maxChars) {
		if (this.partialMessage == null) {
			if (last) {
				return fragment;
			}
			this.partialMessage = new StringBuilder(fragment.length() * 2);
		}
		if (this.partialMessage.length() + fragment.length() > maxChars) {
			this.partialMessage = null;
			throw new MessageTooBigException(maxChars);
		}
		this.partialMessage.append(fragment);
		if (!last) {
			return null;
		}
		String message = this.partialMessage.toString();
		this.partialMessage = null;
		return message;
	}

	/**
	 * A CALL from the charger is about to be answered; {@link #inboundCallAnswered()} must follow.
	 * @return false when a graceful close was already sent: the CALL crossed the close frame on
	 * the wire and its answer cannot reach the charger any more
	 */
	synchronized boolean inboundCallStarted() {
		this.inboundCalls++;
		return !this.closeSent;
	}

	/** The CALL announced by {@link #inboundCallStarted()} was answered (or failed). */
	void inboundCallAnswered() {
		synchronized (this) {
			this.inboundCalls--;
			this.lastCallEndedNanos = System.nanoTime();
		}
		closeIfQuiet();
	}

	/**
	 * Closes the connection gracefully: as soon as no CALL is open in either direction (a CALL
	 * of the charger's is answered, the central system's CALL in flight and those queued behind
	 * it are answered or timed out) and none ended within {@code quietPeriod} (a charger with
	 * one CALL in flight sends its next queued CALL the moment it gets an answer, Authorize
	 * then StartTransaction; closing right after an answer would cut that one off on the wire),
	 * or after {@code bound} at the latest, so a charger that keeps a CALL open cannot hold the
	 * connection. CALLs the central system wants to send after the close frame are refused
	 * ({@link Reason#CONNECTION_CLOSED}). Calling it again returns the first call's result.
	 * @param status the close code and reason
	 * @param quietPeriod how long no CALL may have ended before the close
	 * @param bound the longest the close waits for open CALLs
	 * @return completes once the close frame is sent or the connection is gone, with how
	 */
	public CompletableFuture<QuietClose> closeWhenQuiet(CloseStatus status, Duration quietPeriod, Duration bound) {
		PendingClose pending;
		synchronized (this) {
			if (this.pendingClose != null) {
				return this.pendingClose.done;
			}
			pending = new PendingClose(status, quietPeriod.toNanos());
			this.pendingClose = pending;
			if (this.closed) {
				pending.done.complete(QuietClose.GONE);
				return pending.done;
			}
		}
		if (!closeIfQuiet()) {
			pending.bound = this.scheduler.schedule(this::closeAtBound, bound.toMillis(), TimeUnit.MILLISECONDS);
		}
		return pending.done;
	}

	/**
	 * Sends the pending graceful close if no CALL is open.
	 * @return whether the close frame is sent (now or before)
	 */
	private boolean closeIfQuiet() {
		PendingClose pending;
		synchronized (this) {
			pending = this.pendingClose;
			if (pending == null || this.closeSent || this.closed) {
				return pending != null;
			}
			if (this.inboundCalls > 0 || this.inFlight != null || !this.queue.isEmpty()) {
				pending.waited = true;
				return false;
			}
			long sinceLastCall = System.nanoTime() - this.lastCallEndedNanos;
			if (this.lastCallEndedNanos != 0 && sinceLastCall < pending.quietNanos) {
				// the conversation may go on: look again when it has been quiet long enough
				pending.waited = true;
				this.scheduler.schedule(this::closeIfQuiet, pending.quietNanos - sinceLastCall, TimeUnit.NANOSECONDS);
				return false;
			}
			if (sendsPending()) {
				// a frame is still being sent: let it go out before the close frame
				this.scheduler.schedule(this::closeIfQuiet, 10, TimeUnit.MILLISECONDS);
				return false;
			}
			this.closeSent = true;
		}
		sendClose(pending, pending.waited ? QuietClose.AFTER_OPEN_CALLS : QuietClose.QUIET);
		return true;
	}

	private void closeAtBound() {
		PendingClose pending;
		synchronized (this) {
			pending = this.pendingClose;
			if (pending == null || this.closeSent || this.closed) {
				return;
			}
			this.closeSent = true;
		}
		logger.info("Charger {} still had a CALL open when the graceful close's wait ended; closing anyway",
				this.chargePointId);
		sendClose(pending, QuietClose.AT_BOUND);
	}

	private void sendClose(PendingClose pending, QuietClose outcome) {
		cancel(pending.bound);
		close(pending.status);
		pending.done.complete(outcome);
	}

	private boolean sendsPending() {
		return this.session instanceof ConcurrentWebSocketSessionDecorator concurrent
				&& (concurrent.getBufferSize() > 0 || concurrent.getTimeSinceSendStarted() > 0);
	}

	private static void cancel(@Nullable ScheduledFuture<?> future) {
		if (future != null) {
			future.cancel(false);
		}
	}

	/**
	 * Closes the connection with a close frame.
	 * @param status the close code and reason
	 */
	public void close(CloseStatus status) {
		try {
			this.session.close(status);
		}
		catch (IOException ex) {
			logger.debug("Closing connection of charger {} failed: {}", this.chargePointId, ex.getMessage());
		}
	}

	/** Drops the TCP connection without a close frame, as a crash or a network fault would. */
	public void abort() {
		TransportAbort.abort(this.session);
	}

	@Override
	public String toString() {
		return "ChargerConnection[" + this.chargePointId + ", session " + this.session.getId() + "]";
	}

	/** How a graceful close ({@link #closeWhenQuiet}) ended. */
	public enum QuietClose {

		/** No CALL was open: closed at once. */
		QUIET,

		/** Closed once the CALLs open at the time were answered or timed out and it was quiet. */
		AFTER_OPEN_CALLS,

		/** A CALL was still open when the wait ended: closed anyway. */
		AT_BOUND,

		/** The connection closed by itself (the charger left) before the close was sent. */
		GONE

	}

	private static final class PendingClose {

		private final CloseStatus status;

		private final long quietNanos;

		private final CompletableFuture<QuietClose> done = new CompletableFuture<>();

		/** Whether the close had to wait for an open or a just-ended CALL; guarded by the connection. */
		private boolean waited;

		private volatile @Nullable ScheduledFuture<?> bound;

		PendingClose(CloseStatus status, long quietNanos) {
			this.status = status;
			this.quietNanos = quietNanos;
		}

	}

	static final class MessageTooBigException extends RuntimeException {

		MessageTooBigException(long maxChars) {
			super("OCPP message larger than " + maxChars + " characters");
		}

	}

	private static final class OutboundCall {

		private final Call call;

		private final CompletableFuture<JsonNode> result = new CompletableFuture<>();

		private volatile long startedNanos;

		private volatile @Nullable ScheduledFuture<?> timeout;

		OutboundCall(Call call) {
			this.call = call;
		}

	}

}
