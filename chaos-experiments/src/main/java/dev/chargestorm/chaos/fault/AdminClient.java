package dev.chargestorm.chaos.fault;

import dev.chargestorm.chaos.runtime.NodeHandle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The central system's admin endpoints and actuator, with the admin's Basic credentials, straight to the node. */
final class AdminClient implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String authorization;

    AdminClient(String username, String password) {
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode post(NodeHandle node, String path, Object body) throws IOException {
        return send(node, HttpRequest.newBuilder(uri(node, path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    }

    JsonNode get(NodeHandle node, String path) throws IOException {
        return send(node, HttpRequest.newBuilder(uri(node, path)).GET());
    }

    private static URI uri(NodeHandle node, String path) {
        return node.adminUri().resolve(path);
    }

    private JsonNode send(NodeHandle node, HttpRequest.Builder request) throws IOException {
        HttpRequest built = request.header("Authorization", authorization).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + built.method() + " " + built.uri(), interrupted);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(built.method() + " " + built.uri() + " on node " + node.name() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        String body = response.body();
        return json.readTree(body == null || body.isBlank() ? "{}" : body.startsWith("{") || body.startsWith("[")
                ? body : json.writeValueAsString(body));
    }

    @Override
    public void close() {
        http.close();
    }
}
