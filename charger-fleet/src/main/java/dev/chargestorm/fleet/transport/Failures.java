package dev.chargestorm.fleet.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.netty.channel.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;

/** Turns connect exceptions into outcomes, and resource exhaustion into messages that say what to change. */
final class Failures {

    private Failures() {
    }

    static ConnectFailure classify(Throwable cause, @Nullable InetSocketAddress source, InetSocketAddress target) {
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("cannot assign requested address") || message.contains("eaddrnotavail")
                || (cause instanceof BindException && message.contains("address already in use"))) {
            return new ConnectFailure("port-exhausted", 0, null, portExhausted(source, target, cause.getMessage()));
        }
        if (message.contains("too many open files") || message.contains("emfile")) {
            return new ConnectFailure("file-limit", 0, null, fileLimit(cause.getMessage()));
        }
        if (cause instanceof ConnectTimeoutException || message.contains("timed out")) {
            return ConnectFailure.of("timeout");
        }
        if (cause instanceof ConnectException || message.contains("connection refused")) {
            return ConnectFailure.of("refused");
        }
        if (message.contains("reset") || message.contains("broken pipe") || cause instanceof ClosedChannelException) {
            return ConnectFailure.of("reset");
        }
        if (cause instanceof IOException) {
            return ConnectFailure.of("error");
        }
        return ConnectFailure.of("error");
    }

    /** The message for EADDRNOTAVAIL: which ports ran out, and the three ways out. */
    static String portExhausted(@Nullable InetSocketAddress source, InetSocketAddress target, @Nullable String detail) {
        String range = readPortRange();
        return ("No local port left to connect from %s to %s (EADDRNOTAVAIL: %s). The ephemeral port range is used "
                + "up%s. Widen it: sudo sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"; or spread the "
                + "connections over more loopback source addresses (--source-addresses 127.0.0.2-127.0.0.17); or run "
                + "fewer chargers per process (--processes N).")
                .formatted(source == null ? "any local address" : source.getAddress().getHostAddress(),
                        target.getHostString() + ":" + target.getPort(), detail,
                        range == null ? "" : " (net.ipv4.ip_local_port_range is now " + range + " per source address)");
    }

    /** The message for EMFILE: the per-process file limit and how to split the fleet. */
    static String fileLimit(@Nullable String detail) {
        return ("This process has opened as many files as it may (EMFILE: %s); every charger holds one socket. Run "
                + "fewer chargers per process: --processes N spreads the fleet over child processes (keep each "
                + "under the open-file limit, `ulimit -n`, minus about 500), or raise the limit where the machine "
                + "allows it.").formatted(detail);
    }

    static @Nullable String readPortRange() {
        try {
            try (java.io.BufferedReader reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                String line = reader.readLine();
                return line == null ? null : line.trim().replaceAll("\\s+", "-");
            }
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }
}
