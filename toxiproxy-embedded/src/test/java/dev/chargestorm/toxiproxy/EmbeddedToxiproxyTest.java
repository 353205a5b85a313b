package dev.chargestorm.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chargestorm.toxiproxy.Peer.Outcome;
import dev.chargestorm.toxiproxy.proxy.ProxySnapshot;
import dev.chargestorm.toxiproxy.proxy.ToxiproxyException;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library entry point: start on a free port, populate, seeded randomness, idempotent close. */
class EmbeddedToxiproxyTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @AutoClose
    final TestServer echo = TestServer.echo();

    EmbeddedToxiproxyTest() throws IOException {
    }

    @Test
    void startsOnAFreePortAndExposesIt() throws Exception {
        try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start()) {
            assertThat(toxiproxy.port()).isPositive();
            assertThat(toxiproxy.host()).isEqualTo("127.0.0.1");
            assertThat(toxiproxy.uri().toString()).isEqualTo("http://127.0.0.1:" + toxiproxy.port());
            assertThat(new RawHttp(toxiproxy.uri()).get("/version").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closeIsIdempotentAndStopsProxiesAndApi() throws Exception {
        EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start();
        try {
            int apiPort = toxiproxy.port();
            List<ProxySnapshot> proxies = toxiproxy.populate(
                    "[{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"}]");
            int proxyPort = port(proxies.getFirst().listen());
            try (Peer peer = Peer.connect(proxyPort)) {
                // A round trip proves the proxy accepted the connection: one still in the kernel's
                // accept backlog when the listener closes is reset, not closed.
                peer.send("ping");
                assertThat(peer.readExactly(4, WAIT)).asString(StandardCharsets.US_ASCII).isEqualTo("ping");
                toxiproxy.close();
                toxiproxy.close();

                assertThat(peer.read(WAIT)).isInstanceOf(Outcome.Eof.class);
            }
            assertThatThrownBy(() -> Peer.connect(apiPort).close()).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> Peer.connect(proxyPort).close()).isInstanceOf(ConnectException.class);
        } finally {
            toxiproxy.close();
        }
    }

    @Test
    void populateFromStringAndFileWithTheRealServersSemantics(@TempDir Path dir) throws Exception {
        try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start()) {
            Path config = dir.resolve("toxiproxy.json");
            Files.writeString(config, "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address()
                    + "\"},{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\",\"enabled\":false}]");

            List<ProxySnapshot> created = toxiproxy.populate(config);

            assertThat(created).extracting(ProxySnapshot::name, ProxySnapshot::enabled)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", true),
                            org.assertj.core.groups.Tuple.tuple("b", false));
            assertThat(toxiproxy.proxies()).hasSize(2);
            assertThatThrownBy(() -> toxiproxy.populate("[{\"upstream\":\"x:1\"}]"))
                    .isInstanceOf(ToxiproxyException.class)
                    .hasMessage("missing required field: name at proxy 1");
            assertThatThrownBy(() -> toxiproxy.populate("{"))
                    .isInstanceOf(ToxiproxyException.class)
                    .hasMessage("bad request body: unexpected EOF");
        }
    }

    @Test
    void startOnATakenPortFailsWithAnActionableMessage() {
        try (EmbeddedToxiproxy first = EmbeddedToxiproxy.start()) {
            assertThatThrownBy(() -> EmbeddedToxiproxy.start(ToxiproxySettings.ephemeral().withPort(first.port())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen for the Toxiproxy API on 127.0.0.1:" + first.port())
                    .hasMessageContaining("pick another -port");
        }
    }

    @Test
    void settingsRejectInvalidValues() {
        assertThatThrownBy(() -> ToxiproxySettings.ephemeral().withPort(70000))
                .hasMessage("port must be 0 (any free port) to 65535, but was 70000");
        assertThatThrownBy(() -> ToxiproxySettings.ephemeral().withHost(" "))
                .hasMessage("host must not be blank, but was [ ]");
        assertThat(ToxiproxySettings.defaults().port()).isEqualTo(8474);
    }

    @Test
    void theSameSeedGivesTheSameToxicityRolls() throws Exception {
        List<Boolean> first = toxicityPattern(42);
        List<Boolean> again = toxicityPattern(42);
        List<Boolean> other = toxicityPattern(43);

        assertThat(again).isEqualTo(first);
        assertThat(first).contains(true, false);
        assertThat(other).isNotEqualTo(first);
    }

    /** Which of 16 sequential connections a 0.5-toxicity limit_data(0) toxic hit. */
    private List<Boolean> toxicityPattern(long seed) throws Exception {
        List<Boolean> hit = new ArrayList<>();
        try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start(ToxiproxySettings.ephemeral().withSeed(seed))) {
            assertThat(toxiproxy.seed()).isEqualTo(seed);
            ToxiproxyClient client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
            Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
            proxy.toxics().limitData("ld", ToxicDirection.DOWNSTREAM, 0).setToxicity(0.5f);
            for (int i = 0; i < 16; i++) {
                try (Peer peer = Peer.connect(port(proxy.getListen()))) {
                    peer.send("x");
                    hit.add(peer.read(WAIT) instanceof Outcome.Eof);
                }
            }
        }
        return hit;
    }

    private static int port(String listen) {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }
}
