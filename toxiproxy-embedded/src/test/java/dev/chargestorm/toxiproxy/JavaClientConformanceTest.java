package dev.chargestorm.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The official toxiproxy-java 2.1.11 client drives every API call and every toxic against the embedded server. */
class JavaClientConformanceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @AutoClose
    final EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start();

    @AutoClose
    final TestServer echo = TestServer.echo();

    final ToxiproxyClient client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());

    JavaClientConformanceTest() throws IOException {
    }

    @Test
    void versionIsTheImplementedToxiproxyVersion() throws IOException {
        assertThat(client.version()).isEqualTo("{\"version\": \"2.12.0\"}");
    }

    @Test
    void createGetListAndDeleteProxies() throws IOException {
        // GIVEN
        Proxy b = client.createProxy("b", "127.0.0.1:0", echo.address());
        Proxy a = client.createProxy("a", "127.0.0.1:0", echo.address());

        // THEN
        assertThat(a.getName()).isEqualTo("a");
        assertThat(a.isEnabled()).isTrue();
        assertThat(a.getListen()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
        assertThat(a.getUpstream()).isEqualTo(echo.address());
        assertThat(client.getProxy("b").getListen()).isEqualTo(b.getListen());
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("a", "b");

        // WHEN
        b.delete();

        // THEN
        assertThat(client.getProxyOrNull("b")).isNull();
        assertThatThrownBy(() -> client.getProxy("b")).isInstanceOf(IOException.class)
                .hasMessage("[404] proxy not found");
        assertThatThrownBy(b::delete).isInstanceOf(IOException.class);
    }

    @Test
    void duplicateProxyNameIsAConflict() throws IOException {
        client.createProxy("dup", "127.0.0.1:0", echo.address());

        assertThatThrownBy(() -> client.createProxy("dup", "127.0.0.1:0", echo.address()))
                .isInstanceOf(IOException.class).hasMessage("[409] proxy already exists");
    }

    @Test
    void proxyWithColonInNameAsTestcontainersCreatesIt() throws IOException {
        Proxy proxy = client.createProxy("redis:6379", "127.0.0.1:0", echo.address());

        assertThat(client.getProxy("redis:6379").getUpstream()).isEqualTo(echo.address());
        proxy.delete();
        assertThat(client.getProxyOrNull("redis:6379")).isNull();
    }

    @Test
    void disableRefusesConnectionsAndEnableRebindsTheSamePort() throws IOException {
        // GIVEN
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        int port = port(proxy);

        // WHEN
        proxy.disable();

        // THEN
        assertThat(proxy.isEnabled()).isFalse();
        assertThatThrownBy(() -> Peer.connect(port).close()).isInstanceOf(ConnectException.class);

        // WHEN
        proxy.enable();

        // THEN
        assertThat(proxy.isEnabled()).isTrue();
        assertThat(port(proxy)).isEqualTo(port);
        assertEchoes(port, "back");
    }

    @Test
    void setUpstreamAndSetListenMoveTheProxy() throws IOException {
        // GIVEN
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", "127.0.0.1:1");

        // WHEN
        proxy.setUpstream(echo.address());
        proxy.setListen("127.0.0.1:0");

        // THEN
        assertThat(proxy.getUpstream()).isEqualTo(echo.address());
        assertEchoes(port(proxy), "moved");
    }

    @Test
    void everyToxicCanBeCreatedReadUpdatedAndRemoved() throws IOException {
        // GIVEN
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());

        // WHEN
        Latency latency = proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 100).setJitter(15);
        latency.setToxicity(0.1f);
        Bandwidth bandwidth = proxy.toxics().bandwidth("bw", ToxicDirection.UPSTREAM, 0).setRate(200);
        Slicer slicer = proxy.toxics().slicer("sl", ToxicDirection.UPSTREAM, 100, 10).setSizeVariation(5)
                .setAverageSize(120).setDelay(20);
        SlowClose slowClose = proxy.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 10).setDelay(11);
        Timeout timeout = proxy.toxics().timeout("to", ToxicDirection.DOWNSTREAM, 0).setTimeout(5000);
        LimitData limitData = proxy.toxics().limitData("ld", ToxicDirection.UPSTREAM, 10).setBytes(1000);
        ResetPeer resetPeer = proxy.toxics().resetPeer("rp", ToxicDirection.UPSTREAM, 10).setTimeout(12);

        // THEN
        assertThat(latency.getLatency()).isEqualTo(100);
        assertThat(latency.getJitter()).isEqualTo(15);
        assertThat(latency.getToxicity()).isEqualTo(0.1f);
        assertThat(bandwidth.getRate()).isEqualTo(200);
        assertThat(slicer.getSizeVariation()).isEqualTo(5);
        assertThat(slowClose.getDelay()).isEqualTo(11);
        assertThat(timeout.getTimeout()).isEqualTo(5000);
        assertThat(limitData.getBytes()).isEqualTo(1000);
        assertThat(resetPeer.getTimeout()).isEqualTo(12);
        Slicer read = proxy.toxics().get("sl", Slicer.class);
        assertThat(read.getAverageSize()).isEqualTo(120);
        assertThat(read.getDelay()).isEqualTo(20);
        assertThat(read.getStream()).isEqualTo(ToxicDirection.UPSTREAM);
        assertThat(proxy.toxics().get("lat", Latency.class).getToxicity()).isEqualTo(0.1f);
        assertThat(proxy.toxics().getAll()).extracting(t -> t.getName())
                .containsExactly("bw", "sl", "ld", "rp", "lat", "sc", "to");
        assertThatThrownBy(() -> proxy.toxics().latency("lat", ToxicDirection.UPSTREAM, 1))
                .isInstanceOf(IOException.class).hasMessage("[409] toxic already exists");
        assertThatThrownBy(() -> proxy.toxics().get("nope")).isInstanceOf(IOException.class)
                .hasMessage("[404] toxic not found");

        // WHEN
        proxy.toxics().get("bw").remove();
        proxy.toxics().get("sl").remove();

        // THEN
        assertThat(proxy.toxics().getAll()).extracting(t -> t.getName()).containsExactly("ld", "rp", "lat", "sc", "to");
    }

    @Test
    void resetRemovesToxicsAndReenablesProxies() throws IOException {
        // GIVEN
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 1000);
        proxy.disable();

        // WHEN
        client.reset();

        // THEN
        assertThat(proxy.isEnabled()).isTrue();
        assertThat(proxy.toxics().getAll()).isEmpty();
        assertEchoes(port(proxy), "after reset");
    }

    @Test
    void latencyToxicDelaysTheReply() throws IOException {
        // GIVEN
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 300);

        try (Peer peer = Peer.connect(port(proxy))) {
            // WHEN
            long start = System.nanoTime();
            peer.send("ping");
            byte[] reply = peer.readExactly(4, WAIT);

            // THEN
            assertThat(reply).asString().isEqualTo("ping");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(290),
                    Duration.ofMillis(3000));
        }
    }

    @Test
    void testcontainersConnectionCutHoldsDataAndRemovingItFlushes() throws IOException {
        // GIVEN: Testcontainers' setConnectionCut(true): rate-0 bandwidth both ways
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        try (Peer peer = Peer.connect(port(proxy))) {
            assertEchoes(peer, "before");
            proxy.toxics().bandwidth("CUT_CONNECTION_DOWNSTREAM", ToxicDirection.DOWNSTREAM, 0);
            proxy.toxics().bandwidth("CUT_CONNECTION_UPSTREAM", ToxicDirection.UPSTREAM, 0);

            // WHEN
            peer.send("held");

            // THEN
            assertThat(peer.read(Duration.ofMillis(500))).isInstanceOf(Peer.Outcome.Silence.class);

            // WHEN: setConnectionCut(false)
            proxy.toxics().get("CUT_CONNECTION_DOWNSTREAM").remove();
            proxy.toxics().get("CUT_CONNECTION_UPSTREAM").remove();

            // THEN
            assertThat(peer.readExactly(4, WAIT)).asString().isEqualTo("held");
        }
    }

    @Test
    void theReadmeUsageExampleRuns() throws IOException {
        // README.md "Run it": keep the two in sync
        try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start(ToxiproxySettings.ephemeral().withSeed(42))) {
            ToxiproxyClient client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
            Proxy db = client.createProxy("db-zone-a", "127.0.0.1:0", "127.0.0.1:5432");
            db.toxics().latency("slow-db", ToxicDirection.DOWNSTREAM, 200).setJitter(20);

            assertThat(client.getProxy("db-zone-a").toxics().get("slow-db", Latency.class).getJitter()).isEqualTo(20);
        }
    }

    @Test
    void theProtocolHostPortConstructorWorksToo() throws IOException {
        ToxiproxyClient byUri = new ToxiproxyClient("http", toxiproxy.host(), toxiproxy.port());

        assertThat(byUri.version()).contains("2.12.0");
    }

    private static int port(Proxy proxy) {
        String listen = proxy.getListen();
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    private static void assertEchoes(int port, String text) throws IOException {
        try (Peer peer = Peer.connect(port)) {
            assertEchoes(peer, text);
        }
    }

    private static void assertEchoes(Peer peer, String text) throws IOException {
        peer.send(text);
        assertThat(peer.readExactly(text.length(), WAIT)).asString().isEqualTo(text);
    }
}
