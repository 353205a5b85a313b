package dev.chargestorm.sut.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A test charger on the JDK's WebSocket client: sends CALLs and raw frames, waits for answers,
 * and answers the central system's CALLs through a handler.
 */
public final class OcppTestClient implements AutoCloseable {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

	private final WebSocket webSocket;

	private final Listener listener;

	private final AtomicInteger nextId = new AtomicInteger();

	private OcppTestClient(WebSocket webSocket, Listener listener) {
		this.webSocket = webSocket;
		this.listener = listener;
	}

	/** Connects offering {@code ocpp1.6}. */
	public static OcppTestClient connect(int port, String chargePointId) {
		return connect(port, chargePointId, List.of("ocpp1.6"), null);
	}

	/**
	 * Connects to {@code ws://127.0.0.1:port/ocpp/{chargePointId}}.
	 * @param subprotocols offered subprotocols (may be empty)
	 * @param password Basic-auth password, or null for none
	 * @throws HandshakeRefused when the server refuses the upgrade
	 */
	public static OcppTestClient connect(int port, String chargePointId, List<String> subprotocols, String password) {
		Listener listener = new Listener();
		WebSocket.Builder builder = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10));
		if (!subprotocols.isEmpty()) {
			builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
		}
		if (password != null) {
			builder.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((chargePointId + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		URI uri = URI.create("ws://127.0.0.1:" + port + "/ocpp/" + chargePointId.replace(" ", "%20"));
		try {
			WebSocket webSocket = builder.buildAsync(uri, listener).get(15, TimeUnit.SECONDS);
			return new OcppTestClient(webSocket, listener);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException handshake) {
				throw new HandshakeRefused(handshake.getResponse().statusCode(),
						handshake.getResponse().headers().firstValue("Retry-After").orElse(null));
			}
			throw new IllegalStateException("Could not connect to " + uri, ex.getCause());
		}
		catch (InterruptedException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Could not connect to " + uri, ex);
		}
	}

	/** @return the subprotocol the server chose ("" for none) */
	public String subprotocol() {
		return this.webSocket.getSubprotocol();
	}

	/** Answers the central system's CALLs: the handler gets the CALL and returns the CALLRESULT payload. */
	public OcppTestClient answering(Function<ArrayNode, JsonNode> handler) {
		this.listener.callHandler = handler;
		return this;
	}

	/**
	 * Sends a CALL and waits for its answer.
	 * @return the CALLRESULT or CALLERROR frame
	 */
	public ArrayNode call(String action, String payloadJson) {
		String id = "msg-" + this.nextId.incrementAndGet();
		return callWithId(id, action, payloadJson);
	}

	/** Sends a CALL with the given message id and waits for its answer. */
	public ArrayNode callWithId(String messageId, String action, String payloadJson) {
		CompletableFuture<ArrayNode> answer = this.listener.expect(messageId);
		send("[2,\"" + messageId + "\",\"" + action + "\"," + payloadJson + "]");
		return await(answer, "the answer to " + action + " " + messageId);
	}

	/** @return the payload of a CALLRESULT; fails when the answer was a CALLERROR */
	public JsonNode result(String action, String payloadJson) {
		ArrayNode answer = call(action, payloadJson);
		if (answer.get(0).asInt() != 3) {
			throw new AssertionError("Expected a CALLRESULT to " + action + " but got " + answer);
		}
		return answer.get(2);
	}

	/** Sends a raw text frame and waits for the next answer (CALLRESULT or CALLERROR). */
	public ArrayNode sendRaw(String text) {
		CompletableFuture<ArrayNode> answer = this.listener.expectAny();
		send(text);
		return await(answer, "an answer to " + text);
	}

	/** Sends a raw text frame without waiting. */
	public void send(String text) {
		this.webSocket.sendText(text, true).join();
	}

	public void sendBinary(byte[] bytes) {
		this.webSocket.sendBinary(ByteBuffer.wrap(bytes), true).join();
	}

	/** @return the answer that arrives within the timeout, or null (used to check documented silence) */
	public ArrayNode nextAnswer(Duration timeout) {
		return awaitOrNull(this.listener.expectAny(), timeout);
	}

	/** Sends a raw frame; @return the next answer within the timeout, or null */
	public ArrayNode nextAnswerAfter(String text, Duration timeout) {
		CompletableFuture<ArrayNode> answer = this.listener.expectAny();
		send(text);
		return awaitOrNull(answer, timeout);
	}

	private ArrayNode awaitOrNull(CompletableFuture<ArrayNode> answer, Duration timeout) {
		try {
			return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			this.listener.cancelAny(answer);
			return null;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @return completes with the close code when the server closes the connection */
	public CompletableFuture<Integer> closed() {
		return this.listener.closed;
	}

	/** @return whether the connection is still open */
	public boolean isOpen() {
		return !this.webSocket.isInputClosed() && !this.listener.closed.isDone();
	}

	@Override
	public void close() {
		if (!this.webSocket.isOutputClosed()) {
			try {
				this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// the server may have closed first
			}
		}
		this.webSocket.abort();
	}

	private static ArrayNode await(CompletableFuture<ArrayNode> answer, String what) {
		try {
			return answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("No " + what + " within " + ANSWER_TIMEOUT.toSeconds() + "s", ex);
		}
	}

	/** The server refused the WebSocket upgrade. */
	public static final class HandshakeRefused extends RuntimeException {

		private final int status;

		private final String retryAfter;

		HandshakeRefused(int status, String retryAfter) {
			super("Handshake refused with HTTP " + status);
			this.status = status;
			this.retryAfter = retryAfter;
		}

		public int status() {
			return this.status;
		}

		public String retryAfter() {
			return this.retryAfter;
		}

	}

	private static final class Listener implements WebSocket.Listener {

		private final ConcurrentMap<String, CompletableFuture<ArrayNode>> byId = new ConcurrentHashMap<>();

		private final BlockingQueue<CompletableFuture<ArrayNode>> any = new LinkedBlockingQueue<>();

		private final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private final StringBuilder text = new StringBuilder();

		private volatile Function<ArrayNode, JsonNode> callHandler;

		CompletableFuture<ArrayNode> expect(String messageId) {
			CompletableFuture<ArrayNode> future = new CompletableFuture<>();
			this.byId.put(messageId, future);
			return future;
		}

		CompletableFuture<ArrayNode> expectAny() {
			CompletableFuture<ArrayNode> future = new CompletableFuture<>();
			this.any.add(future);
			return future;
		}

		void cancelAny(CompletableFuture<ArrayNode> future) {
			this.any.remove(future);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				String message = this.text.toString();
				this.text.setLength(0);
				dispatch(webSocket, message);
			}
			webSocket.request(1);
			return null;
		}

		private void dispatch(WebSocket webSocket, String message) {
			ArrayNode frame = (ArrayNode) MAPPER.readTree(message);
			if (frame.get(0).asInt() == 2) {
				Function<ArrayNode, JsonNode> handler = this.callHandler;
				if (handler != null) {
					JsonNode result = handler.apply(frame);
					if (result != null) {
						ArrayNode answer = JsonNodeFactory.instance.arrayNode().add(3).add(frame.get(1).asString()).add(result);
						webSocket.sendText(answer.toString(), true);
					}
				}
				return;
			}
			CompletableFuture<ArrayNode> waiting = this.byId.remove(frame.get(1).asString());
			if (waiting == null) {
				waiting = this.any.poll();
			}
			if (waiting != null) {
				waiting.complete(frame);
			}
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.complete(1006);
		}

	}


}
