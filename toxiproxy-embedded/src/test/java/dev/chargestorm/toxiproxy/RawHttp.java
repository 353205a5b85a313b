package dev.chargestorm.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Raw HTTP against the API: java.net.http for ordinary requests, a plain socket when headers must be exact. */
final class RawHttp {

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RawHttp(URI base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, null);
    }

    HttpResponse<String> send(String method, String path, String body, String userAgent)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} bytes as they are (include {@code Connection: close}) and returns the raw response. */
    String exchange(String request) throws IOException {
        try (Peer peer = Peer.connect(base.getPort())) {
            peer.send(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = peer.socket().getInputStream();
            peer.socket().setSoTimeout(10_000);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
