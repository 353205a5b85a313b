package dev.chargestorm.chaos.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A minimal OCPP 1.6J charger for tests: connects, sends BootNotification, notices when it is disconnected. */
public final class OcppClient implements AutoCloseable {

    private final WebSocket socket;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();

    private OcppClient(HttpClient http, URI endpoint, String chargePointId) {
        Listener listener = new Listener();
        this.socket = http.newWebSocketBuilder().subprotocols("ocpp1.6").connectTimeout(Duration.ofSeconds(10))
                .buildAsync(endpoint.resolve("/ocpp/" + chargePointId), listener).orTimeout(20, TimeUnit.SECONDS)
                .join();
    }

    /** Connects through {@code endpoint} ({@code ws://host:port}); throws when the connection is refused. */
    public static OcppClient connect(HttpClient http, URI endpoint, String chargePointId) {
        return new OcppClient(http, endpoint, chargePointId);
    }

    /** Sends a BootNotification and returns its unique id. */
    public String bootNotification() {
        String id = UUID.randomUUID().toString();
        socket.sendText("[2,\"" + id + "\",\"BootNotification\",{\"chargePointVendor\":\"ChargeStorm\","
                + "\"chargePointModel\":\"test\"}]", true).orTimeout(10, TimeUnit.SECONDS).join();
        return id;
    }

    /** @return whether a CALLRESULT for that unique id has arrived */
    public boolean answered(String uniqueId) {
        return received.stream().anyMatch(frame -> frame.startsWith("[3,\"" + uniqueId + "\""));
    }

    /** @return whether the connection has ended (close frame, error or abort) */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** @return how it ended, once it has */
    public String closeReason() {
        return closed.getNow("open");
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("close " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }
    }
}
