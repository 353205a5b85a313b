package dev.chargestorm.chaos.support;

import dev.chargestorm.chaos.runtime.NodeHandle;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** A database-bound call on a node: provisioning an id tag ({@code POST /admin/id-tags}, one INSERT transaction). */
public final class DbCall {

    private static final AtomicInteger TAGS = new AtomicInteger();

    private DbCall() {
    }

    /** The call's outcome: HTTP status and how long it took. */
    public record Outcome(int status, Duration took) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public static Outcome provisionIdTag(HttpClient http, NodeHandle node) throws IOException, InterruptedException {
        return provisionIdTag(http, node, Duration.ofSeconds(30));
    }

    /** @return the outcome, with status -1 when no answer came within the timeout */
    public static Outcome provisionIdTag(HttpClient http, NodeHandle node, Duration timeout)
            throws IOException, InterruptedException {
        String tag = "T" + ProcessHandle.current().pid() % 10_000 + "-" + TAGS.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(node.adminUri().resolve("/admin/id-tags"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:chargestorm".getBytes(StandardCharsets.UTF_8)))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString("[{\"idTag\":\"" + tag + "\",\"status\":\"Accepted\"}]"))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException noAnswer) {
            return new Outcome(-1, Duration.ofNanos(System.nanoTime() - start));
        }
        return new Outcome(response.statusCode(), Duration.ofNanos(System.nanoTime() - start));
    }
}
