package dev.chargestorm.toxiproxy;

import org.apiguardian.api.API;
import dev.chargestorm.toxiproxy.api.ApiServer;
import dev.chargestorm.toxiproxy.api.ToxiproxyApi;
import dev.chargestorm.toxiproxy.proxy.ProxyCollection;
import dev.chargestorm.toxiproxy.transport.EventLoops;
import dev.chargestorm.toxiproxy.transport.Transport;
import dev.chargestorm.toxiproxy.proxy.ProxySnapshot;
import dev.chargestorm.toxiproxy.proxy.ToxiproxyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Toxiproxy 2.12 server inside the JVM: the HTTP API plus Netty TCP proxies applying the toxics. Drive it with the
 * official Toxiproxy Java client at {@link #host()}:{@link #port()}.
 *
 * <pre>{@code
 * try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start(ToxiproxySettings.ephemeral().withSeed(42))) {
 *     ToxiproxyClient client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
 *     Proxy db = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");
 *     db.toxics().latency("slow-db", ToxicDirection.DOWNSTREAM, 200);
 * }
 * }</pre>
 *
 * {@link #close()} stops every proxy (closing their connections) and the API; it is idempotent.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class EmbeddedToxiproxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedToxiproxy.class);

    private final EventLoops loops;
    private final ProxyCollection proxies;
    private final ToxiproxyApi api;
    private final ApiServer server;
    private final InetSocketAddress address;
    private final long seed;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedToxiproxy(EventLoops loops, ProxyCollection proxies, ToxiproxyApi api, ApiServer server,
            long seed) {
        this.loops = loops;
        this.proxies = proxies;
        this.api = api;
        this.server = server;
        this.address = server.address();
        this.seed = seed;
    }

    /**
     * Starts the API and returns once it listens.
     *
     * @throws IllegalStateException if the API address cannot be bound
     */
    public static EmbeddedToxiproxy start(ToxiproxySettings settings) {
        long seed = settings.seed().orElseGet(() -> new SecureRandom().nextLong());
        EventLoops loops = EventLoops.start();
        try {
            ProxyCollection proxies = new ProxyCollection(loops, seed);
            ToxiproxyApi api = new ToxiproxyApi(proxies, settings.proxyMetrics());
            ApiServer server = ApiServer.start(new InetSocketAddress(settings.host(), settings.port()), loops, api);
            EmbeddedToxiproxy toxiproxy = new EmbeddedToxiproxy(loops, proxies, api, server, seed);
            LOG.info("Toxiproxy API (embedded, compatible with {}) listening on {}:{}, seed {}, {} transport",
                    ToxiproxyApi.VERSION, toxiproxy.host(), toxiproxy.port(), seed, loops.transport());
            return toxiproxy;
        } catch (RuntimeException failed) {
            loops.group().shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw failed;
        }
    }

    /** Starts on {@link ToxiproxySettings#ephemeral()}: 127.0.0.1, a free port, a random seed. */
    public static EmbeddedToxiproxy start() {
        return start(ToxiproxySettings.ephemeral());
    }

    /** The address the API is bound to, as a string usable by clients ({@code 127.0.0.1}, {@code 0:0:0:0:0:0:0:0}...). */
    public String host() {
        return address.getAddress().getHostAddress();
    }

    /** The Netty transport the API and every proxy run on (see {@link Transport#PROPERTY}). */
    public Transport transport() {
        return loops.transport();
    }

    /** The API's bound port (the real one when started with port 0). */
    public int port() {
        return address.getPort();
    }

    /** {@code http://host:port}, for the Toxiproxy client's {@code (protocol, host, port)} constructor or raw HTTP. */
    public URI uri() {
        String host = host().contains(":") ? "[" + host() + "]" : host();
        return URI.create("http://" + host + ":" + port());
    }

    /** The seed in effect (the given one, or the random one chosen at start). */
    public long seed() {
        return seed;
    }

    /**
     * Creates or replaces proxies from a JSON array of {@code {name, listen, upstream, enabled?}}, exactly like
     * {@code POST /populate}.
     *
     * @throws ToxiproxyException with the real server's status and message on an invalid document or a bind failure
     */
    public List<ProxySnapshot> populate(String json) {
        return api.populate(json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #populate(String)} from a file, as the {@code -config} flag does. */
    public List<ProxySnapshot> populate(Path configFile) {
        try {
            return api.populate(Files.readAllBytes(configFile));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read Toxiproxy config " + configFile + ": " + unreadable.getMessage(),
                    unreadable);
        }
    }

    /** The current proxies, sorted by name (a snapshot). */
    public List<ProxySnapshot> proxies() {
        return proxies.list();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
            proxies.stopAll();
        } finally {
            loops.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            LOG.info("Toxiproxy API on port {} stopped", port());
        }
    }
}
