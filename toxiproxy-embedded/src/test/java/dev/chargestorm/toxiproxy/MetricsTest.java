package dev.chargestorm.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code /metrics} with proxy metrics on: byte counters per proxy and direction, added when a connection ends. */
class MetricsTest {

    @AutoClose
    final EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start(ToxiproxySettings.ephemeral().withProxyMetrics(true));

    @AutoClose
    final TestServer echo = TestServer.echo();

    final RawHttp http = new RawHttp(toxiproxy.uri());

    MetricsTest() throws IOException {
    }

    @Test
    void countsReceivedAndSentBytesPerDirectionWhenTheConnectionEnds() throws Exception {
        ToxiproxyClient client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
        Proxy proxy = client.createProxy("m", "127.0.0.1:0", echo.address());
        proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 3);
        String labels = "listener=\"" + proxy.getListen() + "\",proxy=\"m\",upstream=\"" + echo.address() + "\"";

        try (Peer peer = Peer.connect(ToxicBehaviourTest.port(proxy))) {
            peer.send("hello");
            assertThat(peer.readToEof(Duration.ofSeconds(5))).asString().isEqualTo("hel");
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> metrics = http.get("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body()).contains(
                    "# TYPE toxiproxy_proxy_received_bytes_total counter\n",
                    "toxiproxy_proxy_received_bytes_total{direction=\"upstream\"," + labels + "} 5\n",
                    "toxiproxy_proxy_sent_bytes_total{direction=\"upstream\"," + labels + "} 5\n",
                    "toxiproxy_proxy_sent_bytes_total{direction=\"downstream\"," + labels + "} 3\n");
        });
    }
}
