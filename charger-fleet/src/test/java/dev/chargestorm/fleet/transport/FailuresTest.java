package dev.chargestorm.fleet.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    private static final InetSocketAddress TARGET = new InetSocketAddress("127.0.0.1", 8080);
    private static final InetSocketAddress SOURCE = new InetSocketAddress("127.0.0.3", 0);

    @Test
    void portExhaustionSaysExactlyWhatToChange() {
        ConnectFailure failure = Failures.classify(new BindException("Cannot assign requested address"), SOURCE, TARGET);
        assertThat(failure.outcome()).isEqualTo("port-exhausted");
        assertThat(failure.fatal()).isTrue();
        assertThat(failure.fatalMessage())
                .startsWith("No local port left to connect from 127.0.0.3 to 127.0.0.1:8080 (EADDRNOTAVAIL: "
                        + "Cannot assign requested address). The ephemeral port range is used up")
                .contains("sudo sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"")
                .contains("--source-addresses 127.0.0.2-127.0.0.17")
                .endsWith("or run fewer chargers per process (--processes N).");
    }

    @Test
    void theFileLimitSaysHowToSplitTheFleet() {
        ConnectFailure failure = Failures.classify(new IOException("Too many open files"), SOURCE, TARGET);
        assertThat(failure.outcome()).isEqualTo("file-limit");
        assertThat(failure.fatalMessage()).startsWith("This process has opened as many files as it may (EMFILE: "
                + "Too many open files); every charger holds one socket.").contains("--processes N");
    }

    @Test
    void ordinaryFailuresAreOutcomesToRedialAfter() {
        assertThat(Failures.classify(new ConnectException("Connection refused"), null, TARGET))
                .isEqualTo(ConnectFailure.of("refused"));
        assertThat(Failures.classify(new ConnectTimeoutException("connection timed out"), null, TARGET))
                .isEqualTo(ConnectFailure.of("timeout"));
        assertThat(Failures.classify(new IOException("Connection reset by peer"), null, TARGET))
                .isEqualTo(ConnectFailure.of("reset"));
    }
}
