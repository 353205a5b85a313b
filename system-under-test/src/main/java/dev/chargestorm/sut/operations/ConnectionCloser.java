package dev.chargestorm.sut.operations;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import dev.chargestorm.sut.ocpp.ChargerConnection;

/**
 * Closes many connections at once, each on its own virtual thread: closing runs the
 * connection's offline bookkeeping (a database write on the naive connect path), and done one
 * after another it would take minutes for a large node instead of happening "at once".
 */
final class ConnectionCloser {

	private ConnectionCloser() {
	}

	/**
	 * @param connections what to close
	 * @param close how to close one (a close frame, or an abort)
	 * @return completes when every close has run
	 */
	static CompletableFuture<Void> closeAtOnce(Collection<ChargerConnection> connections,
			Consumer<ChargerConnection> close) {
		return CompletableFuture.runAsync(() -> {
			try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
				connections.forEach((connection) -> executor.execute(() -> close.accept(connection)));
			}
		}, Executors.newVirtualThreadPerTaskExecutor());
	}

}
