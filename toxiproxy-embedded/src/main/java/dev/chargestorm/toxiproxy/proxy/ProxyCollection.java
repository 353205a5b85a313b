package dev.chargestorm.toxiproxy.proxy;

import org.apiguardian.api.API;
import dev.chargestorm.toxiproxy.proxy.ToxiproxyException.Status;
import dev.chargestorm.toxiproxy.toxic.Direction;
import dev.chargestorm.toxiproxy.toxic.Toxic;
import dev.chargestorm.toxiproxy.toxic.ToxicChain;
import dev.chargestorm.toxiproxy.toxic.ToxicSettings;
import dev.chargestorm.toxiproxy.transport.EventLoops;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * All proxies of a server, with the semantics of Toxiproxy 2.12's API (validation order, error texts, populate's
 * add-or-replace, reset). Operations are serialised; none blocks longer than a bound: binds and closes wait at most
 * 5 s, toxic changes wait at most 5 s for the open connections' event loops (they never block on a stalled link).
 */
@API(status = API.Status.INTERNAL)
public final class ProxyCollection {

    /** How long an API call waits for open connections to apply a toxic change. */
    static final Duration CHANGE_BOUND = Duration.ofSeconds(5);

    private final EventLoops loops;
    private final long seed;
    private final Map<String, Proxy> proxies = new TreeMap<>();
    private final AtomicLong toxicIds = new AtomicLong();
    private final ProxyMetrics metrics = new ProxyMetrics();

    /**
     * @param loops the event loops that run the proxies
     * @param seed  the seed of every connection's random source (toxicity rolls, jitter, slicer variation)
     */
    public ProxyCollection(EventLoops loops, long seed) {
        this.loops = loops;
        this.seed = seed;
    }

    public synchronized List<ProxySnapshot> list() {
        return proxies.values().stream().map(Proxy::snapshot).toList();
    }

    public synchronized ProxySnapshot get(String name) {
        return require(name).snapshot();
    }

    public synchronized boolean exists(String name) {
        return proxies.containsKey(name);
    }

    public synchronized ProxySnapshot create(ProxySpec spec) {
        if (spec.name().isEmpty()) {
            throw ToxiproxyException.badRequest("missing required field: name");
        }
        if (spec.upstream().isEmpty()) {
            throw ToxiproxyException.badRequest("missing required field: upstream");
        }
        if (proxies.containsKey(spec.name())) {
            throw new ToxiproxyException(Status.CONFLICT, "proxy already exists");
        }
        Proxy proxy = new Proxy(spec.name(), spec.listen(), spec.upstream());
        if (spec.enabled() == null || spec.enabled()) {
            start(proxy);
        }
        proxies.put(proxy.name(), proxy);
        return proxy.snapshot();
    }

    /**
     * Updates listen, upstream and enabled (null keeps the current value). A changed listen or upstream restarts the
     * proxy, closing its connections.
     */
    public synchronized ProxySnapshot update(String name, @Nullable String listen, @Nullable String upstream,
            @Nullable Boolean enabled) {
        Proxy proxy = require(name);
        String newListen = listen == null ? proxy.listen() : listen;
        String newUpstream = upstream == null ? proxy.upstream() : upstream;
        boolean newEnabled = enabled == null ? proxy.enabled() : enabled;
        String resolved;
        try {
            resolved = ListenAddress.parse(newListen).resolved();
        } catch (IllegalArgumentException invalid) {
            throw new ToxiproxyException(Status.INTERNAL_ERROR, invalid.getMessage());
        } catch (UnknownHostException unknown) {
            throw new ToxiproxyException(Status.INTERNAL_ERROR, "lookup " + newListen + ": no such host");
        }
        if (!resolved.equals(proxy.listen()) || !newUpstream.equals(proxy.upstream())) {
            proxy.stop();
            proxy.listen(resolved);
            proxy.upstream(newUpstream);
        }
        if (newEnabled && !proxy.enabled()) {
            start(proxy);
        } else if (!newEnabled && proxy.enabled()) {
            proxy.stop();
        }
        return proxy.snapshot();
    }

    public synchronized void delete(String name) {
        Proxy proxy = require(name);
        proxy.stop();
        proxies.remove(name);
    }

    /**
     * Creates or replaces proxies in order: all entries are validated first (nothing is applied on a validation
     * error); an entry identical to an existing proxy (same resolved listen, same upstream) keeps it untouched with
     * its toxics; a differing one replaces it (connections dropped, toxics lost). Stops at the first failure.
     *
     * @throws PopulateException with the entries applied so far
     */
    public synchronized List<ProxySnapshot> populate(List<ProxySpec> specs) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().isEmpty()) {
                throw new PopulateException(Status.BAD_REQUEST, "missing required field: name at proxy " + (i + 1), null);
            }
            if (specs.get(i).upstream().isEmpty()) {
                throw new PopulateException(Status.BAD_REQUEST,
                        "missing required field: upstream at proxy " + (i + 1), null);
            }
        }
        List<ProxySnapshot> applied = new ArrayList<>();
        for (ProxySpec spec : specs) {
            Proxy existing = proxies.get(spec.name());
            if (existing != null && sameAddresses(existing, spec)) {
                applied.add(existing.snapshot());
                continue;
            }
            if (existing != null) {
                existing.stop();
            }
            Proxy proxy = new Proxy(spec.name(), spec.listen(), spec.upstream());
            if (spec.enabled() == null || spec.enabled()) {
                try {
                    start(proxy);
                } catch (ToxiproxyException failed) {
                    throw new PopulateException(failed.status(), failed.getMessage(), applied);
                }
            }
            proxies.put(proxy.name(), proxy);
            applied.add(proxy.snapshot());
        }
        return applied;
    }

    /** Enables every proxy and removes every toxic (connections stay open, except those a timeout toxic closes). */
    public synchronized void reset() {
        for (Proxy proxy : proxies.values()) {
            if (!proxy.enabled()) {
                start(proxy);
            }
            for (Toxic toxic : proxy.allToxics()) {
                removeToxic(proxy, toxic);
            }
        }
    }

    public synchronized List<Toxic> toxics(String proxyName) {
        return require(proxyName).allToxics();
    }

    public synchronized Toxic toxic(String proxyName, String toxicName) {
        Toxic toxic = require(proxyName).toxic(toxicName);
        if (toxic == null) {
            throw ToxiproxyException.toxicNotFound();
        }
        return toxic;
    }

    public synchronized Optional<Toxic> findToxic(String proxyName, String toxicName) {
        return Optional.ofNullable(require(proxyName).toxic(toxicName));
    }

    /** Appends a toxic to its direction's chain on the proxy and on every open connection. */
    public synchronized Toxic addToxic(String proxyName, String name, String stream, Direction direction,
            float toxicity, ToxicSettings settings) {
        Proxy proxy = require(proxyName);
        if (proxy.toxic(name) != null) {
            throw new ToxiproxyException(Status.CONFLICT, "toxic already exists");
        }
        Toxic toxic = new Toxic(toxicIds.incrementAndGet(), name, stream, direction, toxicity, settings);
        change(proxy, direction, () -> proxy.listFor(direction).add(toxic), chain -> chain.add(toxic));
        return toxic;
    }

    /** Replaces a toxic's settings and toxicity atomically (the function validates first), restarting it on every link. */
    public synchronized Toxic updateToxic(String proxyName, String toxicName, UnaryOperator<Toxic> update) {
        Proxy proxy = require(proxyName);
        Toxic current = proxy.toxic(toxicName);
        if (current == null) {
            throw ToxiproxyException.toxicNotFound();
        }
        Toxic updated = update.apply(current);
        List<Toxic> list = proxy.listFor(current.direction());
        change(proxy, current.direction(), () -> list.set(list.indexOf(current), updated), chain -> chain.update(updated));
        return updated;
    }

    public synchronized void removeToxic(String proxyName, String toxicName) {
        Proxy proxy = require(proxyName);
        Toxic toxic = proxy.toxic(toxicName);
        if (toxic == null) {
            throw ToxiproxyException.toxicNotFound();
        }
        removeToxic(proxy, toxic);
    }

    /** Stops every proxy (closing all connections) and forgets them. */
    public synchronized void stopAll() {
        for (Proxy proxy : proxies.values()) {
            proxy.stop();
        }
        proxies.clear();
    }

    /** Byte counters of finished connections, for {@code /metrics}. */
    public ProxyMetrics metrics() {
        return metrics;
    }

    /** Open proxied connections of a proxy (0 when it is disabled). */
    public synchronized int connectionCount(String proxyName) {
        ProxyListener listener = require(proxyName).listener();
        return listener == null ? 0 : listener.connectionCount();
    }

    private void removeToxic(Proxy proxy, Toxic toxic) {
        change(proxy, toxic.direction(), () -> proxy.listFor(toxic.direction()).remove(toxic),
                chain -> chain.remove(toxic.id()));
    }

    private void change(Proxy proxy, Direction direction, Runnable onDefinition, Consumer<ToxicChain> onLinks) {
        List<Future<?>> pending;
        synchronized (proxy) {
            onDefinition.run();
            ProxyListener listener = proxy.listener();
            pending = listener == null ? List.of() : listener.onChains(direction, onLinks);
        }
        ProxyListener.awaitAll(pending, CHANGE_BOUND);
    }

    private void start(Proxy proxy) {
        proxy.started(ProxyListener.start(proxy, loops, seed, proxy.accepted(), metrics));
    }

    private boolean sameAddresses(Proxy existing, ProxySpec spec) {
        try {
            return ListenAddress.parse(spec.listen()).resolved().equals(existing.listen())
                    && spec.upstream().equals(existing.upstream());
        } catch (IllegalArgumentException | UnknownHostException invalid) {
            return false;
        }
    }

    private Proxy require(String name) {
        Proxy proxy = proxies.get(name);
        if (proxy == null) {
            throw ToxiproxyException.proxyNotFound();
        }
        return proxy;
    }
}
