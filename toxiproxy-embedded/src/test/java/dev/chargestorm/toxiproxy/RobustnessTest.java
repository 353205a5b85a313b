package dev.chargestorm.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chargestorm.toxiproxy.Peer.Outcome;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Values on which the real server crashes or hangs get a 400 or are handled; data is never lost while toxics churn;
 * no API call blocks on a stalled link.
 */
class RobustnessTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @AutoClose
    final EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start(ToxiproxySettings.ephemeral().withSeed(11));

    @AutoClose
    final TestServer echo = TestServer.echo();

    @AutoClose
    final TestServer manual = TestServer.manual();

    @AutoClose("shutdownNow")
    final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    final ToxiproxyClient client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
    final RawHttp http = new RawHttp(toxiproxy.uri());

    RobustnessTest() throws IOException {
    }

    @Test
    void attributeValuesThatCrashTheRealServerAreRejectedWith400() throws Exception {
        client.createProxy("p", "127.0.0.1:0", echo.address());

        assertRejected("{\"type\":\"bandwidth\",\"attributes\":{\"rate\":-1}}", "invalid attributes for toxic bandwidth: rate must not be negative");
        assertRejected("{\"type\":\"slicer\",\"attributes\":{\"average_size\":0}}", "average_size must be at least 1 byte");
        assertRejected("{\"type\":\"slicer\",\"attributes\":{\"average_size\":1,\"size_variation\":50}}",
                "size_variation must be from 0 to average_size - 1 (0), but was 50");
        assertRejected("{\"type\":\"slicer\",\"attributes\":{\"average_size\":10,\"size_variation\":-1}}",
                "size_variation must be from 0 to average_size - 1 (9), but was -1");
        assertRejected("{\"type\":\"latency\",\"attributes\":{\"latency\":1e30}}", "cannot unmarshal number");
        assertRejected("{\"type\":\"latency\",\"toxicity\":1e300}", "cannot unmarshal number");

        http.send("POST", "/proxies/p/toxics", "{\"name\":\"s\",\"type\":\"slicer\",\"attributes\":{\"average_size\":4}}");
        HttpResponse<String> badUpdate = http.send("POST", "/proxies/p/toxics/s",
                "{\"attributes\":{\"size_variation\":4}}");
        assertThat(badUpdate.statusCode()).isEqualTo(400);
        assertThat(http.get("/proxies/p/toxics/s").body()).contains("\"size_variation\":0");
        assertServerAlive();
    }

    @Test
    void extremeButValidValuesNeverCrashAndDataStillFlowsOrWaits() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        int port = ToxicBehaviourTest.port(proxy);
        long max = Long.MAX_VALUE;
        String[] toxics = {
            "{\"name\":\"neg-latency\",\"type\":\"latency\",\"attributes\":{\"latency\":-100,\"jitter\":-5}}",
            "{\"name\":\"jitter-over\",\"type\":\"latency\",\"attributes\":{\"latency\":1,\"jitter\":" + max + "}}",
            "{\"name\":\"huge-rate\",\"type\":\"bandwidth\",\"attributes\":{\"rate\":" + max + "}}",
            "{\"name\":\"slicer-max\",\"type\":\"slicer\",\"attributes\":{\"average_size\":" + max
                    + ",\"size_variation\":" + (max - 1) + ",\"delay\":-1}}",
            "{\"name\":\"neg-limit\",\"type\":\"limit_data\",\"stream\":\"upstream\",\"toxicity\":-1,"
                    + "\"attributes\":{\"bytes\":-5}}",
            "{\"name\":\"big-toxicity\",\"type\":\"noop\",\"toxicity\":2.5}",
            "{\"name\":\"neg-timeout\",\"type\":\"timeout\",\"toxicity\":0,\"attributes\":{\"timeout\":-1}}",
        };
        for (String toxic : toxics) {
            assertThat(http.send("POST", "/proxies/p/toxics", toxic).statusCode()).as(toxic).isEqualTo(200);
        }

        try (Peer peer = Peer.connect(port)) {
            peer.send("still-flowing");
            // jitter up to Long.MAX_VALUE ms may delay without bound; anything but a crash is fine
            Outcome outcome = peer.read(Duration.ofMillis(500));
            assertThat(outcome).isNotInstanceOf(Outcome.Reset.class);
        }
        http.send("POST", "/proxies/p/toxics", "{\"name\":\"slow\",\"type\":\"slow_close\",\"attributes\":{\"delay\":"
                + max + "}}");
        http.send("POST", "/proxies/p/toxics", "{\"name\":\"rp\",\"type\":\"reset_peer\",\"attributes\":{\"timeout\":"
                + max + "}}");
        try (Peer peer = Peer.connect(port)) {
            peer.send("x");
        }
        assertThat(timed(() -> client.reset())).isLessThan(Duration.ofSeconds(2));
        try (Peer peer = Peer.connect(port)) {
            peer.send("after");
            assertThat(peer.readExactly(5, WAIT)).asString().isEqualTo("after");
        }
        assertServerAlive();
    }

    @Test
    void noDataIsLostWhileToxicsAreAddedAndRemovedOnAnOpenConnection() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        int frames = 20_000;
        AtomicBoolean churning = new AtomicBoolean(true);
        AtomicInteger changes = new AtomicInteger();
        try (Socket socket = new Socket("127.0.0.1", ToxicBehaviourTest.port(proxy))) {
            socket.setSoTimeout(20_000);
            CompletableFuture<Void> churn = CompletableFuture.runAsync(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (churning.get() && System.nanoTime() < deadline) {
                    try {
                        ToxicDirection direction = changes.get() % 2 == 0 ? ToxicDirection.UPSTREAM
                                : ToxicDirection.DOWNSTREAM;
                        proxy.toxics().latency("lat", direction, 1);
                        proxy.toxics().slicer("sl", direction, 7, 0);
                        proxy.toxics().bandwidth("bw", direction, 0);
                        proxy.toxics().get("lat").remove();
                        proxy.toxics().get("bw").remove();
                        proxy.toxics().get("sl").remove();
                        changes.incrementAndGet();
                    } catch (IOException failed) {
                        throw new IllegalStateException(failed);
                    }
                }
            }, background);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    for (int i = 0; i < frames; i++) {
                        out.writeInt(i);
                    }
                    out.flush();
                } catch (IOException failed) {
                    throw new IllegalStateException(failed);
                }
            }, background);

            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 0; i < frames; i++) {
                assertThat(in.readInt()).as("frame %d", i).isEqualTo(i);
            }
            churning.set(false);
            writer.get(10, TimeUnit.SECONDS);
            churn.get(10, TimeUnit.SECONDS);
        }
        assertThat(changes.get()).as("add/remove cycles during the transfer").isGreaterThan(0);
    }

    @Test
    void roundTripsSurviveToxicsBeingToggled() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        try (Peer peer = Peer.connect(ToxicBehaviourTest.port(proxy))) {
            for (int i = 0; i < 100; i++) {
                switch (i % 4) {
                    case 0 -> proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 1);
                    case 1 -> proxy.toxics().slicer("sl", ToxicDirection.UPSTREAM, 1, 0);
                    case 2 -> proxy.toxics().get("lat").remove();
                    default -> proxy.toxics().get("sl").remove();
                }
                String text = "rt" + i;
                peer.send(text);
                assertThat(peer.readExactly(text.length(), WAIT)).asString().isEqualTo(text);
            }
        }
    }

    @Test
    void removingToxicsFromStalledLinksNeverBlocksTheApi() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", manual.address());
        proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 10_000);
        proxy.toxics().bandwidth("bw", ToxicDirection.DOWNSTREAM, 0);
        proxy.toxics().timeout("to", ToxicDirection.UPSTREAM, 0);
        try (Peer peer = Peer.connect(ToxicBehaviourTest.port(proxy)); Socket server = manual.nextConnection(WAIT)) {
            // The client never reads: the upstream fills every buffer it can.
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                try {
                    byte[] block = new byte[64 * 1024];
                    for (int i = 0; i < 64; i++) {
                        server.getOutputStream().write(block);
                    }
                } catch (IOException closed) {
                    // the connection is closed at the end of the test
                }
            }, background);
            peer.send("dropped by timeout");
            await().atMost(WAIT).until(() -> flood.isDone() || toxiproxy.proxies().size() == 1);

            assertThat(timed(() -> proxy.toxics().get("bw").remove())).isLessThan(Duration.ofSeconds(2));
            assertThat(timed(() -> proxy.toxics().get("lat").remove())).isLessThan(Duration.ofSeconds(2));
            assertThat(timed(() -> proxy.toxics().get("to").remove())).isLessThan(Duration.ofSeconds(2));
            assertThat(timed(proxy::delete)).isLessThan(Duration.ofSeconds(2));
        }
        assertServerAlive();
    }

    @Test
    void deletingAProxyWithManyOpenConnectionsClosesThemAll() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 5_000);
        int port = ToxicBehaviourTest.port(proxy);
        java.util.List<Peer> peers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Peer peer = Peer.connect(port);
                peers.add(peer);
                peer.send("held");
            }
            assertThat(timed(proxy::delete)).isLessThan(Duration.ofSeconds(2));
            for (Peer peer : peers) {
                // EOF, or RST when the proxy closed before reading what this client had just sent (as TCP does)
                assertThat(peer.read(WAIT)).isInstanceOfAny(Outcome.Eof.class, Outcome.Reset.class);
            }
        } finally {
            for (Peer peer : peers) {
                peer.close();
            }
        }
    }

    private void assertRejected(String toxic, String messagePart) throws Exception {
        HttpResponse<String> response = http.send("POST", "/proxies/p/toxics", toxic);
        assertThat(response.statusCode()).as(toxic).isEqualTo(400);
        assertThat(response.body()).as(toxic).contains(messagePart).contains("\"status\":400");
    }

    private void assertServerAlive() throws Exception {
        assertThat(http.get("/version").statusCode()).isEqualTo(200);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static Duration timed(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

}
