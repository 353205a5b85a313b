package dev.chargestorm.chaos.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.chargestorm.steadystate.sli.InProcessSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load driver against a tiny local HTTP server (loopback only). */
class SearchLoadTest {

    private final ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService answerLater = Executors.newScheduledThreadPool(2);
    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private volatile long stallMillis;
    private volatile int failEvery;

    private URI start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(serverThreads);
        server.createContext("/api/spots", exchange -> {
            int n = hits.incrementAndGet();
            boolean fail = failEvery > 0 && n % failEvery == 0;
            Runnable answer = () -> {
                try (exchange) {
                    byte[] body = "[]".getBytes();
                    exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (IOException e) {
                    // the client gave up
                }
            };
            if (stallMillis > 0) {
                answerLater.schedule(answer, stallMillis, TimeUnit.MILLISECONDS);   // the server is slow
            } else {
                answer.run();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
        serverThreads.shutdownNow();
        answerLater.shutdownNow();
    }

    @Test
    void sendsTheBoundedCountAndFeedsTheSteadyStateRecorders() throws Exception {
        failEvery = 10;
        URI endpoint = start();
        InProcessSource recorders = new InProcessSource(InstantSource.system());

        try (SearchLoad load = SearchLoad.start(SearchLoadSettings.of(List.of(endpoint), 200).withMaxRequests(300),
                recorders)) {
            SearchLoadSummary summary = load.done().get(2, TimeUnit.MINUTES);
            assertThat(summary.completed()).isEqualTo(300);
            assertThat(summary.errors()).isEqualTo(30);
        }
        assertThat(hits).hasValue(300);
        var snapshot = recorders.collect();
        assertThat(snapshot.count(Map.of("counter", SearchLoad.REQUESTS))).isEqualTo(300);
        assertThat(snapshot.count(Map.of("counter", SearchLoad.ERRORS))).isEqualTo(30);
        assertThat(snapshot.timerTotal(Map.of("timer", SearchLoad.TIMER))).isEqualTo(300);
    }

    @Test
    void isOpenLoopAndMeasuresFromTheIntendedSendTime() throws Exception {
        stallMillis = 400;   // every answer takes 400 ms: a closed loop would fall to a fraction of the rate
        URI endpoint = start();
        InProcessSource recorders = new InProcessSource(InstantSource.system());

        try (SearchLoad load = SearchLoad.start(SearchLoadSettings.of(List.of(endpoint), 50).withMaxRequests(100),
                recorders)) {
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(hits).hasValueGreaterThan(15));
            // after the first answers could have come back, far more requests than one at a time were sent
            SearchLoadSummary summary = load.done().get(2, TimeUnit.MINUTES);
            assertThat(summary.completed()).isEqualTo(100);
            assertThat(summary.p50()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void stopsAtTheTimeBound() throws Exception {
        URI endpoint = start();
        InProcessSource recorders = new InProcessSource(InstantSource.system());
        try (SearchLoad load = SearchLoad.start(SearchLoadSettings.of(List.of(endpoint), 20)
                .withMaxDuration(Duration.ofSeconds(1)), recorders)) {
            SearchLoadSummary summary = load.done().get(2, TimeUnit.MINUTES);
            assertThat(summary.completed()).isBetween(1L, 21L);
        }
    }

    @Test
    void countsRefusedConnectionsAsErrors() throws Exception {
        URI nowhere = start();
        server.stop(0);
        server = null;
        InProcessSource recorders = new InProcessSource(InstantSource.system());
        try (SearchLoad load = SearchLoad.start(SearchLoadSettings.of(List.of(nowhere), 50).withMaxRequests(20),
                recorders)) {
            SearchLoadSummary summary = load.done().get(2, TimeUnit.MINUTES);
            assertThat(summary.errors()).isEqualTo(20);
        }
    }

    @Test
    void badSettingsSayWhatToChange() {
        assertThatThrownBy(() -> SearchLoadSettings.of(List.of(), 10))
                .hasMessageContaining("withApiNodes");
        assertThatThrownBy(() -> SearchLoadSettings.of(List.of(URI.create("http://127.0.0.1:1")), 0))
                .hasMessageContaining("ratePerSecond");
    }
}
