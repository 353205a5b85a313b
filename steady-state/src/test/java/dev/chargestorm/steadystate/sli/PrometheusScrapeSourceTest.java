package dev.chargestorm.steadystate.sli;

import static dev.chargestorm.steadystate.dsl.SloDsl.declarations;
import static dev.chargestorm.steadystate.dsl.SloDsl.objective;
import static dev.chargestorm.steadystate.dsl.SloDsl.prometheus;
import static dev.chargestorm.steadystate.dsl.SloDsl.prometheusDataSource;
import static dev.chargestorm.steadystate.dsl.SloDsl.sli;
import static dev.chargestorm.steadystate.dsl.SloDsl.slo;
import static dev.chargestorm.steadystate.dsl.SloDsl.steadyState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.run.SteadyStateRun;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.Phase;
import dev.chargestorm.steadystate.testsupport.TestClock;
import dev.chargestorm.steadystate.slo.Operator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scrapes a real HTTP server bound to 127.0.0.1 that serves Prometheus text like Spring Boot Actuator does. */
class PrometheusScrapeSourceTest {

    private static final String FIRST = """
            # HELP http_server_requests_seconds Duration of HTTP server request handling
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/search",le="0.2"} 90.0
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/search",le="1.0"} 99.0
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/search",le="+Inf"} 100.0
            http_server_requests_seconds_count{method="GET",status="200",uri="/search"} 100.0
            http_server_requests_seconds_count{method="GET",status="200",uri="/health"} 7.0
            # TYPE csms_session_start_total counter
            csms_session_start_total{result="accepted"} 1000.0
            csms_session_start_total{result="rejected"} 2.0
            # TYPE ocpp_chargers_connected gauge
            ocpp_chargers_connected{zone="a"} 40.0
            ocpp_chargers_connected{zone="b"} 50.0
            """;

    private static final String SECOND = """
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/search",le="0.2"} 150.0
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/search",le="1.0"} 195.0
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/search",le="+Inf"} 200.0
            http_server_requests_seconds_count{method="GET",status="200",uri="/search"} 200.0
            http_server_requests_seconds_count{method="GET",status="200",uri="/health"} 9.0
            csms_session_start_total{result="accepted"} 1500.0
            csms_session_start_total{result="rejected"} 1.0
            ocpp_chargers_connected{zone="a"} 10.0
            ocpp_chargers_connected{zone="b"} 50.0
            """;

    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>(FIRST);
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/actuator/prometheus", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain;version=0.0.4");
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private PrometheusScrapeSource source() {
        return new PrometheusScrapeSource(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/actuator/prometheus"), Duration.ofSeconds(5));
    }

    @Test
    void counters_and_buckets_become_increases_between_scrapes() {
        // GIVEN the first scrape primes the source
        PrometheusScrapeSource source = source();
        source.collect();
        body.set(SECOND);
        // WHEN
        SliceSnapshot s = source.collect();
        // THEN
        Map<String, String> search = Map.of("metric", "http_server_requests_seconds", "labels.uri", "/search");
        assertThat(s.count(Map.of("metric", "http_server_requests_seconds_count", "labels.uri", "/search")))
                .isEqualTo(100);
        assertThat(s.count(Map.of("metric", "http_server_requests_seconds", "labels.uri", "/search", "le", "200ms")))
                .isEqualTo(60);
        assertThat(s.timerTotal(search)).isEqualTo(100);
        assertThat(s.countWhere(search, Operator.LTE, 1000)).isEqualTo(96);
        assertThat(s.countWhere(search, Operator.GT, 1000)).isEqualTo(4);
        assertThat(s.count(Map.of("metric", "csms_session_start_total", "labels.result", "accepted"))).isEqualTo(500);
        // a counter that went down was reset: its new value is the increase
        assertThat(s.count(Map.of("metric", "csms_session_start_total", "labels.result", "rejected"))).isEqualTo(1);
        assertThat(s.value(Map.of("metric", "ocpp_chargers_connected")).getAsDouble()).isEqualTo(60.0);
        assertThat(s.value(Map.of("metric", "ocpp_chargers_connected", "labels.zone", "a")).getAsDouble())
                .isEqualTo(10.0);
        assertThat(s.value(Map.of("metric", "absent_metric"))).isEmpty();
    }

    @Test
    void a_run_reads_a_prometheus_data_source_declared_with_its_url() {
        // GIVEN an SLO on the server's session-start counters, read through the declared DataSource's url
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/prometheus";
        Declarations d = declarations().dataSource(prometheusDataSource("csms", url))
                .slo(slo("session-start-success").service("csms").objective(objective("99 %").indicator(
                        sli("accepted-ratio").goodOver(
                                prometheus("csms", "csms_session_start_total", Map.of("result", "accepted")),
                                prometheus("csms", "csms_session_start_total", Map.of()))).target(0.99)).build())
                .steadyState(steadyState("server-view").slice(Duration.ofSeconds(10)).objective("session-start-success",
                        Phase.BASELINE).build())
                .build();
        TestClock clock = new TestClock(Instant.parse("2026-01-15T10:00:00Z"));
        SteadyStateRun run = SteadyStateRun.builder(d, "server-view").clock(clock)
                .prometheusFromDataSources(Duration.ofSeconds(5)).build();
        // WHEN one slice passes between the two scrapes
        run.start();
        body.set(SECOND);
        clock.advance(Duration.ofSeconds(10));
        RunResult result = run.finish();
        // THEN the slice holds the increases: 500 accepted of 501 starts
        assertThat(result.series().getFirst().slices()).singleElement().satisfies(s -> {
            assertThat(s.good()).isEqualTo(500);
            assertThat(s.total()).isEqualTo(501);
        });
    }

    @Test
    void a_failing_endpoint_is_reported_with_its_address() {
        status.set(503);
        PrometheusScrapeSource source = source();
        assertThatThrownBy(source::collect).isInstanceOf(SourceException.class)
                .hasMessage("scrape of http://127.0.0.1:" + server.getAddress().getPort()
                        + "/actuator/prometheus returned HTTP 503; expected 200");
    }

    @Test
    void malformed_text_names_the_line() {
        body.set("ok_metric 1\nbroken{le=\"0.2} 5\n");
        assertThatThrownBy(source()::collect).isInstanceOf(SourceException.class)
                .hasMessage("Prometheus text line 2 is malformed (unterminated label value): broken{le=\"0.2} 5");
    }
}
