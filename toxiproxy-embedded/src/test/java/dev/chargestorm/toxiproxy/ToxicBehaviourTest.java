package dev.chargestorm.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chargestorm.toxiproxy.Peer.Outcome;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Socket-level behaviour of every toxic against a local upstream, with the real server's recorded observations
 * ({@code toxiproxy-evidence/tcp-behaviour-observations.txt}) as the oracle. Tolerances: lower bounds a little under the
 * configured delay (timers fire late, never early), upper bounds generous for a loaded 2-core machine but well under
 * what a toxic that did nothing (or did it twice) would give.
 */
class ToxicBehaviourTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @AutoClose
    final EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start(ToxiproxySettings.ephemeral().withSeed(7));

    @AutoClose
    final TestServer echo = TestServer.echo();

    @AutoClose
    final TestServer manual = TestServer.manual();

    final ToxiproxyClient client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());

    ToxicBehaviourTest() throws IOException {
    }

    @Test
    void upstreamDownMeansAcceptThenEof() throws IOException {
        Proxy proxy = client.createProxy("down", "127.0.0.1:0", "127.0.0.1:1");

        try (Peer peer = Peer.connect(port(proxy))) {
            assertThat(peer.read(WAIT)).isInstanceOf(Outcome.Eof.class);
        }
    }

    @Test
    void latencyAddedToAnOpenConnectionDelaysTheNextReplyAndRemovalEndsIt() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        try (Peer peer = Peer.connect(port(proxy))) {
            assertThat(roundTrip(peer, "hello")).isLessThan(Duration.ofMillis(700));

            proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 1000);
            assertThat(roundTrip(peer, "hello2")).isBetween(Duration.ofMillis(990), Duration.ofMillis(3000));

            proxy.toxics().get("lat").remove();
            assertThat(roundTrip(peer, "hello3")).isLessThan(Duration.ofMillis(700));
        }
    }

    @Test
    void latencyToxicsInBothDirectionsAndStackedAddUp() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("up", ToxicDirection.UPSTREAM, 150);
        proxy.toxics().latency("down1", ToxicDirection.DOWNSTREAM, 100);
        proxy.toxics().latency("down2", ToxicDirection.DOWNSTREAM, 100);

        try (Peer peer = Peer.connect(port(proxy))) {
            assertThat(roundTrip(peer, "x")).isBetween(Duration.ofMillis(340), Duration.ofMillis(2000));
        }
    }

    @Test
    void latencyDoesNotLimitThroughputBecauseChunksArePipelined() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", manual.address());
        proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 200);
        int total = 16 * 1024 * 1024;

        try (Peer peer = Peer.connect(port(proxy)); Socket server = manual.nextConnection(WAIT)) {
            long start = System.nanoTime();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    server.getOutputStream().write(new byte[total]);
                } catch (IOException closed) {
                    // the test failed and closed the socket
                }
            });

            peer.readExactly(total, Duration.ofSeconds(15));
            writer.join(Duration.ofSeconds(5));

            // delayed one after another, hundreds of chunks x 200 ms would take minutes
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(190),
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void dataStillQueuedWhenTheClientClosesReachesTheUpstreamBeforeItsEof() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", manual.address());
        proxy.toxics().latency("lat", ToxicDirection.UPSTREAM, 300);
        byte[] payload = new byte[256 * 1024];
        new Random(3).nextBytes(payload);

        try (Peer peer = Peer.connect(port(proxy)); Socket server = manual.nextConnection(WAIT)) {
            peer.send(payload);
            peer.close();

            assertThat(new Peer(server).readToEof(WAIT)).isEqualTo(payload);
        }
    }

    @Test
    void jitterStaysWithinLatencyPlusOrMinusJitter() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 100).setJitter(50);

        try (Peer peer = Peer.connect(port(proxy))) {
            for (int i = 0; i < 5; i++) {
                assertThat(roundTrip(peer, "j" + i)).isBetween(Duration.ofMillis(45), Duration.ofMillis(1500));
            }
        }
    }

    @Test
    void bandwidthLimitsTheRateInKilobytesPerSecond() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", manual.address());
        proxy.toxics().bandwidth("bw", ToxicDirection.DOWNSTREAM, 50);

        try (Peer peer = Peer.connect(port(proxy)); Socket server = manual.nextConnection(WAIT)) {
            long start = System.nanoTime();
            server.getOutputStream().write(new byte[25_000]);

            peer.readExactly(25_000, WAIT);

            // 25,000 bytes at 50 KB/s (50 bytes per ms) take 500 ms
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(380),
                    Duration.ofMillis(4000));
        }
    }

    @Test
    void bandwidthRateZeroHoldsDataAndRemovalFlushesIt() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        try (Peer peer = Peer.connect(port(proxy))) {
            proxy.toxics().bandwidth("cut", ToxicDirection.UPSTREAM, 0);
            peer.send("blocked");
            assertThat(peer.read(Duration.ofMillis(700))).isInstanceOf(Outcome.Silence.class);

            long start = System.nanoTime();
            proxy.toxics().get("cut").remove();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("removal time").isLessThan(Duration.ofSeconds(1));

            assertThat(peer.readExactly(7, WAIT)).asString().isEqualTo("blocked");
        }
    }

    @Test
    void timeoutClosesAnIdleConnectionButNotABusyOne() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().timeout("to", ToxicDirection.DOWNSTREAM, 1500);

        try (Peer idle = Peer.connect(port(proxy)); Peer busy = Peer.connect(port(proxy))) {
            long start = System.nanoTime();
            for (int i = 0; i < 8; i++) { // data every ~250 ms for 2 s keeps restarting the 1.5 s idle timer
                busy.send("tick");
                assertThat(busy.read(Duration.ofMillis(250))).as("busy connection, tick %d", i)
                        .isInstanceOf(Outcome.Silence.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1900));

            assertThat(idle.read(Duration.ofMillis(500))).as("idle connection closed after ~1.5 s")
                    .isInstanceOf(Outcome.Eof.class);
            assertThat(busy.read(WAIT)).as("busy connection closes ~1.5 s after its last data")
                    .isInstanceOf(Outcome.Eof.class)
                    .satisfies(eof -> assertThat(((Outcome.Eof) eof).after()).isGreaterThan(Duration.ofMillis(500)));
        }
    }

    @Test
    void timeoutZeroHoldsForeverAndRemovingItClosesTheConnection() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        try (Peer peer = Peer.connect(port(proxy))) {
            assertThat(roundTrip(peer, "a")).isLessThan(WAIT);
            proxy.toxics().timeout("to", ToxicDirection.DOWNSTREAM, 0);
            peer.send("dropped");
            assertThat(peer.read(Duration.ofMillis(700))).isInstanceOf(Outcome.Silence.class);

            proxy.toxics().get("to").remove();

            assertThat(peer.read(Duration.ofSeconds(1))).isInstanceOf(Outcome.Eof.class);
        }
    }

    @Test
    void resetPeerResetsOnlyAfterTheFirstDataPlusTimeout() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().resetPeer("rp", ToxicDirection.DOWNSTREAM, 300);

        try (Peer peer = Peer.connect(port(proxy))) {
            assertThat(peer.read(Duration.ofMillis(600))).as("no data yet: nothing happens")
                    .isInstanceOf(Outcome.Silence.class);

            peer.send("x");

            Outcome outcome = peer.read(WAIT);
            assertThat(outcome).isInstanceOf(Outcome.Reset.class);
            assertThat(((Outcome.Reset) outcome).after()).isBetween(Duration.ofMillis(250), Duration.ofMillis(4000));
        }
    }

    @Test
    void resetPeerAddedToAnOpenConnectionClosesWithEofNotRst() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        try (Peer peer = Peer.connect(port(proxy))) {
            assertThat(roundTrip(peer, "a")).isLessThan(WAIT);
            proxy.toxics().resetPeer("rp", ToxicDirection.DOWNSTREAM, 0);

            peer.send("x");

            assertThat(peer.read(WAIT)).isInstanceOf(Outcome.Eof.class);
        }
    }

    @Test
    void limitDataDeliversExactlyTheLimitThenEof() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().limitData("ld", ToxicDirection.DOWNSTREAM, 10);

        try (Peer peer = Peer.connect(port(proxy))) {
            peer.send("0123456789abcdef");

            assertThat(peer.readToEof(WAIT)).asString().isEqualTo("0123456789");
        }
    }

    @Test
    void limitDataZeroClosesOnTheFirstChunkNotAtConnect() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().limitData("ld", ToxicDirection.UPSTREAM, 0);

        try (Peer peer = Peer.connect(port(proxy))) {
            assertThat(peer.read(Duration.ofMillis(400))).isInstanceOf(Outcome.Silence.class);
            peer.send("x");
            assertThat(peer.read(WAIT)).isInstanceOf(Outcome.Eof.class);
        }
    }

    @Test
    void slowCloseDelaysTheEofButNotTheData() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", manual.address());
        proxy.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 1000);

        try (Peer peer = Peer.connect(port(proxy)); Socket server = manual.nextConnection(WAIT)) {
            long closed = System.nanoTime();
            server.getOutputStream().write("bye".getBytes());
            server.close();

            Outcome data = peer.read(WAIT);
            Duration dataAfter = Duration.ofNanos(System.nanoTime() - closed);
            Outcome eof = peer.read(WAIT);
            Duration eofAfter = Duration.ofNanos(System.nanoTime() - closed);

            assertThat(data).isInstanceOf(Outcome.Data.class);
            assertThat(dataAfter).as("data is not held").isLessThan(Duration.ofMillis(800));
            assertThat(eof).isInstanceOf(Outcome.Eof.class);
            assertThat(eofAfter).as("EOF held for the delay").isBetween(Duration.ofMillis(950), Duration.ofMillis(4000));
        }
    }

    @Test
    void slicerSplitsIntoDelayedPieces() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", manual.address());
        proxy.toxics().slicer("sl", ToxicDirection.DOWNSTREAM, 3, 100_000);

        try (Peer peer = Peer.connect(port(proxy)); Socket server = manual.nextConnection(WAIT)) {
            long start = System.nanoTime();
            server.getOutputStream().write("abcdefghijkl".getBytes());

            java.util.List<String> pieces = new java.util.ArrayList<>();
            int received = 0;
            while (received < 12 && pieces.size() < 12) {
                Outcome outcome = peer.read(WAIT);
                assertThat(outcome).isInstanceOf(Outcome.Data.class);
                pieces.add(((Outcome.Data) outcome).text());
                received += ((Outcome.Data) outcome).bytes().length;
            }

            assertThat(pieces).containsExactly("abc", "def", "ghi", "jkl");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(280),
                    Duration.ofMillis(4000));
        }
    }

    @Test
    void clientHalfCloseTearsDownTheWholeConnection() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", manual.address());

        try (Peer peer = Peer.connect(port(proxy)); Socket server = manual.nextConnection(WAIT)) {
            peer.send("req");
            peer.socket().shutdownOutput();

            assertThat(peer.read(WAIT)).isInstanceOf(Outcome.Eof.class);
            try (Peer upstreamSide = new Peer(server)) {
                assertThat(upstreamSide.readExactly(3, WAIT)).asString().isEqualTo("req");
                assertThat(upstreamSide.read(WAIT)).isInstanceOf(Outcome.Eof.class);
            }
        }
    }

    @Test
    void disablingClosesOpenConnectionsAndRefusesNewOnes() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        int port = port(proxy);
        try (Peer peer = Peer.connect(port)) {
            assertThat(roundTrip(peer, "a")).isLessThan(WAIT);

            proxy.disable();

            assertThat(peer.read(WAIT)).isInstanceOf(Outcome.Eof.class);
            assertThatThrownBy(() -> Peer.connect(port).close()).isInstanceOf(ConnectException.class);
        }
        proxy.enable();
        try (Peer peer = Peer.connect(port)) {
            assertThat(roundTrip(peer, "z")).isLessThan(WAIT);
        }
    }

    @Test
    void changingTheListenAddressDropsConnectionsAndMovesThePort() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        int oldPort = port(proxy);
        try (Peer peer = Peer.connect(oldPort)) {
            assertThat(roundTrip(peer, "a")).isLessThan(WAIT);

            proxy.setListen("127.0.0.1:0");

            assertThat(peer.read(WAIT)).isInstanceOf(Outcome.Eof.class);
        }
        assertThat(port(proxy)).isNotEqualTo(oldPort);
        try (Peer peer = Peer.connect(port(proxy))) {
            assertThat(roundTrip(peer, "moved")).isLessThan(WAIT);
        }
    }

    @Test
    void resetPeerWithToxicityZeroLetsDataThrough() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().resetPeer("rp", ToxicDirection.DOWNSTREAM, 0).setToxicity(0f);

        try (Peer peer = Peer.connect(port(proxy))) {
            assertThat(roundTrip(peer, "hi")).isLessThan(WAIT);
        }
    }

    @Test
    void resetKeepsConnectionsOpenAndRemovesToxics() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 2000);
        try (Peer peer = Peer.connect(port(proxy))) {
            client.reset();

            assertThat(roundTrip(peer, "q")).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void changingTheUpstreamDropsConnectionsButTheSameValueDoesNot() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        try (Peer peer = Peer.connect(port(proxy))) {
            proxy.setUpstream(echo.address());
            assertThat(roundTrip(peer, "b")).isLessThan(WAIT);

            proxy.setUpstream("localhost:" + echo.port());

            assertThat(peer.read(WAIT)).isInstanceOf(Outcome.Eof.class);
        }
    }

    @Test
    void toxicityIsRolledPerConnectionAndSticksForTheConnection() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        proxy.toxics().limitData("ld", ToxicDirection.DOWNSTREAM, 0).setToxicity(0.5f);

        int applied = 0;
        for (int i = 0; i < 20; i++) {
            try (Peer peer = Peer.connect(port(proxy))) {
                peer.send("x");
                Outcome first = peer.read(WAIT);
                if (first instanceof Outcome.Eof) {
                    applied++;
                } else {
                    assertThat(first).isInstanceOf(Outcome.Data.class);
                    for (int probe = 0; probe < 3; probe++) {
                        peer.send("y");
                        assertThat(peer.read(WAIT)).as("an unaffected connection stays unaffected")
                                .isInstanceOf(Outcome.Data.class);
                    }
                }
            }
        }

        assertThat(applied).as("connections hit by a 0.5 toxicity, of 20").isBetween(2, 18);
    }

    private static Duration roundTrip(Peer peer, String text) throws IOException {
        long start = System.nanoTime();
        peer.send(text);
        assertThat(peer.readExactly(text.length(), WAIT)).asString().isEqualTo(text);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static int port(Proxy proxy) {
        String listen = proxy.getListen();
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }
}
