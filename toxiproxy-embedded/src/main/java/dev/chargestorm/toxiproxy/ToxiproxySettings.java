package dev.chargestorm.toxiproxy;

import org.apiguardian.api.API;
import java.util.OptionalLong;

/**
 * How to start an {@link EmbeddedToxiproxy}: the API's host and port (port 0 picks a free one) and the seed of the
 * random source behind toxicity rolls, jitter and slicer variation (empty: a random seed per start).
 *
 * @param host the API listen host ({@code localhost}, {@code 127.0.0.1}, {@code 0.0.0.0}...)
 * @param port the API port, 0 to 65535
 * @param seed the random seed; the same seed and the same sequence of connections and API calls give the same rolls
 * @param proxyMetrics whether {@code /metrics} serves the proxy byte counters (the real server's {@code -proxy-metrics})
 */
@API(status = API.Status.EXPERIMENTAL)
public record ToxiproxySettings(String host, int port, OptionalLong seed, boolean proxyMetrics) {

    public ToxiproxySettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank, but was [" + host + "]");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) to 65535, but was " + port);
        }
        if (seed == null) {
            seed = OptionalLong.empty();
        }
    }

    /** The real server's defaults: {@code localhost:8474}, no fixed seed, no metrics. */
    public static ToxiproxySettings defaults() {
        return new ToxiproxySettings("localhost", 8474, OptionalLong.empty(), false);
    }

    /** Loopback on a free port: what tests want. */
    public static ToxiproxySettings ephemeral() {
        return new ToxiproxySettings("127.0.0.1", 0, OptionalLong.empty(), false);
    }

    public ToxiproxySettings withHost(String newHost) {
        return new ToxiproxySettings(newHost, port, seed, proxyMetrics);
    }

    public ToxiproxySettings withPort(int newPort) {
        return new ToxiproxySettings(host, newPort, seed, proxyMetrics);
    }

    public ToxiproxySettings withSeed(long newSeed) {
        return new ToxiproxySettings(host, port, OptionalLong.of(newSeed), proxyMetrics);
    }

    public ToxiproxySettings withProxyMetrics(boolean enabled) {
        return new ToxiproxySettings(host, port, seed, enabled);
    }
}
