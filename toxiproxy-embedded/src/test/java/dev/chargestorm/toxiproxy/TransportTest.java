package dev.chargestorm.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chargestorm.toxiproxy.proxy.ProxySnapshot;
import dev.chargestorm.toxiproxy.transport.Transport;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transport property: each transport relays bytes end to end, and a bad choice is a clear error. */
class TransportTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @AutoClose
    final TestServer echo = TestServer.echo();

    private final String before = System.getProperty(Transport.PROPERTY);

    TransportTest() throws IOException {
    }

    @AfterEach
    void restoreProperty() {
        if (before == null) {
            System.clearProperty(Transport.PROPERTY);
        } else {
            System.setProperty(Transport.PROPERTY, before);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void eachTransportRelaysThroughAProxy(Transport transport) throws Exception {
        if (transport == Transport.EPOLL) {
            // The native library ships for linux-x86_64 only; elsewhere this case cannot run.
            assumeTrue(Epoll.isAvailable(), () -> "epoll unavailable: " + Epoll.unavailabilityCause());
        }
        System.setProperty(Transport.PROPERTY, transport.name().toLowerCase());

        try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start()) {
            List<ProxySnapshot> proxies = toxiproxy.populate(
                    "[{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"}]");
            String listen = proxies.getFirst().listen();
            try (Peer peer = Peer.connect(Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1)))) {
                peer.send("through " + transport);

                assertThat(toxiproxy.transport()).isEqualTo(transport);
                assertThat(peer.readExactly(("through " + transport).length(), WAIT))
                        .asString(StandardCharsets.US_ASCII).isEqualTo("through " + transport);
            }
        }
    }

    @Test
    void autoPicksEpollWhereItLoads() {
        System.setProperty(Transport.PROPERTY, "auto");

        assertThat(Transport.selected()).isEqualTo(Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO);
    }

    @Test
    void anUnknownTransportIsAClearError() {
        System.setProperty(Transport.PROPERTY, "io_uring");

        assertThatThrownBy(Transport::selected).isInstanceOf(IllegalStateException.class)
                .hasMessage("-Dchargestorm.toxiproxy.transport=io_uring is not a transport; use auto, epoll or nio");
    }
}
