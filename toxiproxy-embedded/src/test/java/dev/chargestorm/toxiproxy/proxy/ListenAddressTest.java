package dev.chargestorm.toxiproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Listen addresses as Go parses and prints them (spec section 4.1), without binding anything. */
class ListenAddressTest {

    @Test
    void wildcardsPrintAsGosDualStackForm() throws Exception {
        assertThat(ListenAddress.format(new InetSocketAddress(8666))).isEqualTo("[::]:8666");
        assertThat(ListenAddress.parse("0.0.0.0:8666").resolved()).isEqualTo("[::]:8666");
        assertThat(ListenAddress.parse(":8666").resolved()).isEqualTo("[::]:8666");
        assertThat(ListenAddress.parse("").resolved()).isEqualTo("[::]:0");
    }

    @Test
    void hostnamesAndLiteralsResolveToTheirAddress() throws Exception {
        assertThat(ListenAddress.parse("localhost:7070").resolved()).isEqualTo("127.0.0.1:7070");
        assertThat(ListenAddress.parse("[::1]:7070").resolved()).isEqualTo("[::1]:7070");
        assertThat(ListenAddress.format(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1))).isEqualTo(
                "127.0.0.1:1");
    }

    @Test
    void ipv6IsPrintedInItsShortestForm() {
        assertThat(ListenAddress.compress("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(ListenAddress.compress("fe80:0:0:0:1:0:0:2")).isEqualTo("fe80::1:0:0:2");
        assertThat(ListenAddress.compress("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ListenAddress.compress("0:0:0:0:0:0:0:0")).isEqualTo("::");
    }

    @Test
    void malformedAddressesGiveGosMessages() {
        assertThatThrownBy(() -> ListenAddress.parse("nonsense"))
                .hasMessage("address nonsense: missing port in address");
        assertThatThrownBy(() -> ListenAddress.parse("::1:80")).hasMessage("address ::1:80: too many colons in address");
        assertThatThrownBy(() -> ListenAddress.parse("h:99999")).hasMessage("address h:99999: invalid port 99999");
    }
}
