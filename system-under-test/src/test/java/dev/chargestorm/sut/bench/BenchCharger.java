package dev.chargestorm.sut.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * A minimal charger for benchmarks: one WebSocket, one CALL in flight, the answer's frame
 * returned as text. Load for the central system's benchmarks, not a fleet simulator.
 */
final class BenchCharger {

	private static final AtomicLong IDS = new AtomicLong();

	private final HttpClient client;

	private final URI uri;

	final String id;

	private volatile WebSocket webSocket;

	private volatile CompletableFuture<String> pending;

	private volatile IntConsumer onClose = (code) -> {
	};

	BenchCharger(HttpClient client, int port, String id) {
		this.client = client;
		this.uri = URI.create("ws://127.0.0.1:" + port + "/ocpp/" + id);
		this.id = id;
	}

	/** @return completes when connected; fails with the HTTP status of a refused handshake */
	CompletableFuture<BenchCharger> connect() {
		return this.client.newWebSocketBuilder()
			.subprotocols("ocpp1.6")
			.connectTimeout(Duration.ofSeconds(30))
			.buildAsync(this.uri, new Listener())
			.thenApply((ws) -> {
				this.webSocket = ws;
				return this;
			});
	}

	static int refusedStatus(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
			cause = cause.getCause();
		}
		return (cause instanceof WebSocketHandshakeException handshake) ? handshake.getResponse().statusCode() : -1;
	}

	static String retryAfter(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
			cause = cause.getCause();
		}
		return (cause instanceof WebSocketHandshakeException handshake)
				? handshake.getResponse().headers().firstValue("Retry-After").orElse(null) : null;
	}

	void onClose(IntConsumer listener) {
		this.onClose = listener;
	}

	boolean busy() {
		CompletableFuture<String> current = this.pending;
		return current != null && !current.isDone();
	}

	/** Sends a CALL; @return the answer frame's text */
	CompletableFuture<String> call(String action, String payload) {
		CompletableFuture<String> answer = new CompletableFuture<>();
		this.pending = answer;
		String frame = "[2,\"b" + IDS.incrementAndGet() + "\",\"" + action + "\"," + payload + "]";
		WebSocket ws = this.webSocket;
		if (ws == null) {
			answer.completeExceptionally(new IllegalStateException("not connected"));
			return answer;
		}
		ws.sendText(frame, true).exceptionally((failure) -> {
			answer.completeExceptionally(failure);
			return null;
		});
		return answer;
	}

	void abort() {
		WebSocket ws = this.webSocket;
		if (ws != null) {
			ws.abort();
		}
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				String message = this.text.toString();
				this.text.setLength(0);
				CompletableFuture<String> current = BenchCharger.this.pending;
				if (current != null && (message.startsWith("[3") || message.startsWith("[4"))) {
					current.complete(message);
				}
			}
			ws.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
			closed(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket ws, Throwable error) {
			closed(1006);
		}

		private void closed(int code) {
			CompletableFuture<String> current = BenchCharger.this.pending;
			if (current != null) {
				current.completeExceptionally(new IllegalStateException("closed " + code));
			}
			BenchCharger.this.onClose.accept(code);
		}

	}

}
