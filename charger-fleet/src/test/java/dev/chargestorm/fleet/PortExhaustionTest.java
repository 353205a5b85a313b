package dev.chargestorm.fleet;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * When the kernel cannot give a local address and port (EADDRNOTAVAIL), the fleet stops at once with a message that
 * says what to change, instead of redialling forever. Provoked without traffic: binding a source address this
 * machine does not have fails the same way (nothing leaves the machine; the target is loopback).
 */
class PortExhaustionTest {

    @Test
    void theFleetStopsWithTheFixInsteadOfHanging() throws Exception {
        InetAddress notOurs = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}); // TEST-NET-1
        FleetSettings settings = FleetSettings.builder(URI.create("ws://127.0.0.1:1/ocpp")).chargers(20)
                .loopbackSources(List.of(notOurs)).build();
        try (Fleet fleet = Fleet.start(settings)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.failure().isDone());
            assertThat(fleet.failure().get().getMessage())
                    .contains("No local port left to connect from 192.0.2.1 to 127.0.0.1:1 (EADDRNOTAVAIL")
                    .contains("sudo sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"");
            assertThat(fleet.metrics().connectOutcomeCount("port-exhausted")).isPositive();
            assertThatThrownBy(() -> fleet.awaitAccepted(20, Duration.ofSeconds(5))).isInstanceOf(FleetFailure.class)
                    .hasMessageContaining("ip_local_port_range");
        }
    }
}
