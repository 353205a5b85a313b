package dev.chargestorm.chaos.fault;

import dev.chargestorm.chaos.runtime.NodeHandle;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.topology.Link;
import dev.chargestorm.chaos.topology.LinkKind;
import dev.chargestorm.chaos.topology.NodeRole;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects faults into a running platform, and rolls them back. Every fault is registered for rollback before it is
 * applied (each change's undo first, then the change), told to the {@link FaultListener}s, recorded in the
 * {@link #journal()} with its start and end, and refused with a {@link ForeignTargetException} when aimed at anything
 * the platform did not start.
 *
 * <pre>{@code
 * try (Faults faults = Faults.on(platform)) {                       // close() rolls back whatever is left
 *     try (FaultHandle slowDb = faults.dbLatency(Scope.all(), ofMillis(200), ofMillis(20))) {
 *         // observe the platform under the fault
 *     }                                                              // rolled back here, also when the body throws
 *     faults.partition("a", PartitionSide.BOTH);
 * }
 * }</pre>
 *
 * <p>Network faults act on the platform's Toxiproxy proxies (one per node and link), node faults on the nodes' admin
 * endpoints ({@code /admin/disconnect}, {@code /admin/drain}), on the Chaos Monkey actuator, or on the nodes
 * themselves (kill, stop, start). Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class Faults implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);
    private static final Set<LinkKind> DB_LINKS = EnumSet.of(LinkKind.NODE_TO_DB, LinkKind.API_TO_DB);
    private static final Set<LinkKind> CLIENT_LINKS = EnumSet.of(LinkKind.CHARGER_TO_NODE, LinkKind.CLIENT_TO_API);

    private final RunningPlatform platform;
    private final Targets targets;
    private final InstantSource clock;
    private final List<FaultListener> listeners;
    private final NodeOperations operations = new NodeOperations();
    private final ProxySwitches switches = new ProxySwitches();
    private final Map<FaultKind, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final List<ActiveFault> journal = new CopyOnWriteArrayList<>();

    private Faults(RunningPlatform platform, InstantSource clock, List<FaultListener> listeners) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.targets = new Targets(platform);
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /** @return the fault API of that platform, telling each fault to the listeners */
    public static Faults on(RunningPlatform platform, FaultListener... listeners) {
        return new Faults(platform, InstantSource.system(), List.of(listeners));
    }

    /** @return the fault API of that platform with a clock of your own (for records and listeners) */
    public static Faults on(RunningPlatform platform, InstantSource clock, FaultListener... listeners) {
        return new Faults(platform, clock, List.of(listeners));
    }

    // ---------------------------------------------------------------- database

    /**
     * Adds latency (with jitter) to every answer PostgreSQL gives the nodes in scope: a latency toxic downstream on
     * their db proxies.
     */
    public FaultHandle dbLatency(Scope scope, Duration latency, Duration jitter) {
        long latencyMs = Checks.millis("latency", Checks.notNegative("latency", latency));
        long jitterMs = Checks.millis("jitter", Checks.notNegative("jitter", jitter));
        List<Link> links = targets.links(FaultKind.DB_LATENCY, scope, DB_LINKS);
        return inject(FaultKind.DB_LATENCY, describe(scope, links),
                params("latency", Checks.text(latency), "jitter", Checks.text(jitter)), fault -> {
                    for (Link link : links) {
                        addToxic(fault, link, "latency", ToxicDirection.DOWNSTREAM, 1.0,
                                (proxy, name) -> proxy.toxics().latency(name, ToxicDirection.DOWNSTREAM, latencyMs)
                                        .setJitter(jitterMs));
                    }
                });
    }

    /**
     * Makes the database unreachable for the nodes in scope: {@link OutageMode#REFUSED} disables their db proxies
     * (open connections closed, new ones refused), {@link OutageMode#BLACKHOLE} lets nothing through in either
     * direction while the connections stay open.
     */
    public FaultHandle dbOutage(Scope scope, OutageMode mode) {
        Objects.requireNonNull(mode, "mode");
        List<Link> links = targets.links(FaultKind.DB_OUTAGE, scope, DB_LINKS);
        return inject(FaultKind.DB_OUTAGE, describe(scope, links), params("mode", mode.name()), fault -> {
            for (Link link : links) {
                if (mode == OutageMode.REFUSED) {
                    disable(fault, link);
                } else {
                    for (ToxicDirection direction : ToxicDirection.values()) {
                        addToxic(fault, link, "blackhole", direction, 1.0,
                                (proxy, name) -> proxy.toxics().timeout(name, direction, 0));
                    }
                }
            }
        });
    }

    // ---------------------------------------------------------------- zones

    /**
     * Cuts a zone off: its nodes from the database, its nodes from their clients (chargers and search clients), or
     * both, by disabling the zone's proxies of those links.
     */
    public FaultHandle partition(String zone, PartitionSide side) {
        Objects.requireNonNull(side, "side");
        Set<LinkKind> kinds = switch (side) {
            case FROM_DB -> DB_LINKS;
            case FROM_CHARGERS -> CLIENT_LINKS;
            case BOTH -> EnumSet.allOf(LinkKind.class);
        };
        Scope scope = Scope.zone(zone);
        List<Link> links = targets.links(FaultKind.ZONE_PARTITION, scope, kinds);
        return inject(FaultKind.ZONE_PARTITION, describe(scope, links), params("side", side.name()), fault -> {
            for (Link link : links) {
                disable(fault, link);
            }
        });
    }

    // ---------------------------------------------------------------- charger links

    /**
     * Degrades the charger links in scope with the given toxics, each on {@code share} of the connections (Toxiproxy's
     * toxicity, rolled per connection).
     */
    public FaultHandle degradeChargerLinks(Scope scope, double share, LinkToxic... toxics) {
        Checks.share("share", share);
        if (toxics.length == 0) {
            throw new IllegalArgumentException("degradeChargerLinks needs at least one toxic, like"
                    + " LinkToxic.latency(ofMillis(500), ZERO)");
        }
        List<Link> links = targets.links(FaultKind.DEGRADED_CHARGER_LINKS, scope,
                EnumSet.of(LinkKind.CHARGER_TO_NODE));
        Map<String, String> parameters = params("share", Double.toString(share));
        for (LinkToxic toxic : toxics) {
            toxic.parameters().forEach((key, value) -> parameters.put(toxic.type() + "." + key, value));
        }
        return inject(FaultKind.DEGRADED_CHARGER_LINKS, describe(scope, links), parameters, fault -> {
            for (Link link : links) {
                for (LinkToxic toxic : toxics) {
                    addLinkToxic(fault, link, toxic, share);
                }
            }
        });
    }

    private void addLinkToxic(ActiveFault fault, Link link, LinkToxic toxic, double share) throws Exception {
        switch (toxic) {
            case LinkToxic.Latency l -> addToxic(fault, link, "latency", ToxicDirection.DOWNSTREAM, share,
                    (proxy, name) -> proxy.toxics().latency(name, ToxicDirection.DOWNSTREAM, l.latency().toMillis())
                            .setJitter(l.jitter().toMillis()));
            case LinkToxic.Bandwidth b -> {
                for (ToxicDirection direction : ToxicDirection.values()) {
                    addToxic(fault, link, "bandwidth", direction, share,
                            (proxy, name) -> proxy.toxics().bandwidth(name, direction, b.kilobytesPerSecond()));
                }
            }
            case LinkToxic.Slicer s -> {
                for (ToxicDirection direction : ToxicDirection.values()) {
                    addToxic(fault, link, "slicer", direction, share,
                            (proxy, name) -> proxy.toxics().slicer(name, direction, s.averageSize(),
                                    s.delay().toNanos() / 1000).setSizeVariation(s.sizeVariation()));
                }
            }
            case LinkToxic.ResetPeer r -> addToxic(fault, link, "reset-peer", ToxicDirection.DOWNSTREAM, share,
                    (proxy, name) -> proxy.toxics().resetPeer(name, ToxicDirection.DOWNSTREAM, r.after().toMillis()));
            case LinkToxic.HalfOpen h -> {
                for (ToxicDirection direction : ToxicDirection.values()) {
                    addToxic(fault, link, "half-open", direction, share,
                            (proxy, name) -> proxy.toxics().timeout(name, direction, h.timeout().toMillis()));
                }
            }
        }
    }

    // ---------------------------------------------------------------- nodes

    /**
     * Drops {@code fraction} of the charger connections of the central-system nodes in scope, all at once
     * ({@code POST /admin/disconnect}). Every node drops only connections opened before the fault started, so a
     * charger that reconnects from one node to the next before that node's request arrives is dropped once, not
     * twice. The fault is over when this returns (its record has an end); the record notes how many connections each
     * node dropped.
     */
    public FaultHandle massDisconnect(Scope scope, double fraction, DisconnectMode mode) {
        Checks.share("fraction", fraction);
        Objects.requireNonNull(mode, "mode");
        List<NodeHandle> nodes = targets.nodes(FaultKind.MASS_DISCONNECT, scope, EnumSet.of(NodeRole.CSMS));
        FaultHandle handle = inject(FaultKind.MASS_DISCONNECT, describeNodes(scope, nodes),
                params("fraction", Double.toString(fraction), "mode", mode.name()), fault -> {
                    // one instant for every node: a charger that one node's drop sends to another node before
                    // that node's request arrives was already disrupted and is not dropped a second time (the nodes'
                    // wall clock, not this API's clock, which may be a test's)
                    Instant openedBefore = Instant.now();
                    for (NodeHandle node : nodes) {
                        fault.note(node.name() + ".disconnected",
                                operations.disconnect(node, fraction, mode, openedBefore));
                    }
                });
        handle.rollback();
        return handle;
    }

    /** Crashes a node (kill -9); rolling the fault back starts it again and waits until it is healthy. */
    public FaultHandle crash(NodeHandle node) {
        targets.owned(FaultKind.NODE_CRASH, node);
        return inject(FaultKind.NODE_CRASH, "node " + node.name(), params("signal", "SIGKILL"), fault ->
                fault.step(node::kill, () -> {
                    if (!node.isRunning()) {
                        node.start();
                    }
                }));
    }

    /** Crashes the node of that name (kill -9). */
    public FaultHandle crash(String node) {
        return crash(targets.nodes(FaultKind.NODE_CRASH, Scope.node(node), EnumSet.allOf(NodeRole.class)).getFirst());
    }

    /**
     * Deploys: zone by zone in topology order, each node is stopped (after a drain when {@code deploy.graceful()}) and
     * started again, waiting until it is healthy. Returns when the last node is back; the record's end is then.
     * Rolling back (also after a failure half-way) starts every node the deploy stopped that is not running.
     */
    public FaultHandle deploy(Deploy deploy) {
        Objects.requireNonNull(deploy, "deploy");
        List<NodeHandle> nodes = platform.topology().zoneNames().stream()
                .flatMap(zone -> platform.nodes().stream().filter(n -> n.zone().equals(zone))).toList();
        Map<String, String> parameters = params("mode", deploy.graceful() ? "graceful" : "naive");
        if (deploy.graceful()) {
            parameters.put("drainRatePerSecond", Integer.toString(deploy.drainRatePerSecond()));
        }
        FaultHandle handle = inject(FaultKind.DEPLOY, "nodes " + nodes.stream().map(NodeHandle::name).toList(),
                parameters, fault -> {
                    for (NodeHandle node : nodes) {
                        Instant started = clock.instant();
                        if (deploy.graceful() && node.node().role() == NodeRole.CSMS) {
                            operations.drain(node, deploy);
                        }
                        fault.step(() -> node.stop(deploy.stopGrace()), () -> {
                            if (!node.isRunning()) {
                                node.start();
                            }
                        });
                        node.start();
                        fault.note(node.name(), "restarted in " + Checks.text(Duration.between(started,
                                clock.instant()).withNanos(0)));
                    }
                });
        handle.rollback();
        return handle;
    }

    /**
     * Starts a Chaos Monkey assault on the nodes in scope ({@code /actuator/chaosmonkey}); rolling back switches the
     * assault off. The nodes must run with Chaos Monkey ({@code Topology.withChaosMonkey(true)}).
     */
    public FaultHandle chaosMonkey(Scope scope, ChaosMonkeyAssault assault) {
        Objects.requireNonNull(assault, "assault");
        if (!platform.topology().chaosMonkey()) {
            throw new FaultException(FaultKind.CHAOS_MONKEY.label(), "Chaos Monkey assaults need nodes started with"
                    + " Chaos Monkey: start the platform with Topology.withChaosMonkey(true)", null);
        }
        List<NodeHandle> nodes = targets.nodes(FaultKind.CHAOS_MONKEY, scope, EnumSet.allOf(NodeRole.class));
        Map<String, String> parameters = params("watchers", assault.watchers().stream().sorted().toList().toString(),
                "level", Integer.toString(assault.level()));
        if (!assault.latencyTo().isZero()) {
            parameters.put("latency", Checks.text(assault.latencyFrom()) + "-" + Checks.text(assault.latencyTo()));
        }
        parameters.put("exceptions", Boolean.toString(assault.exceptions()));
        return inject(FaultKind.CHAOS_MONKEY, describeNodes(scope, nodes), parameters, fault -> {
            for (NodeHandle node : nodes) {
                fault.step(() -> operations.startAssault(node, assault), () -> operations.stopAssault(node));
            }
        });
    }

    // ---------------------------------------------------------------- bookkeeping

    /** @return the faults still active, oldest first */
    public List<FaultHandle> active() {
        return journal.stream().filter(ActiveFault::isActive).map(FaultHandle.class::cast).toList();
    }

    /** @return a record of every fault so far, in the order they were injected */
    public List<FaultRecord> journal() {
        return journal.stream().map(ActiveFault::record).toList();
    }

    /**
     * Rolls back every active fault, newest first. Every rollback is attempted; the first failure is thrown with the
     * others suppressed.
     */
    public void rollbackAll() {
        List<ActiveFault> active = new ArrayList<>(journal.stream().filter(ActiveFault::isActive).toList());
        java.util.Collections.reverse(active);
        FaultException first = null;
        for (ActiveFault fault : active) {
            try {
                fault.rollback();
            } catch (FaultException failed) {
                if (first == null) {
                    first = failed;
                } else {
                    first.addSuppressed(failed);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Rolls back every active fault ({@link #rollbackAll()}) and writes the journal to
     * {@code <runDirectory>/faults.json} ({@link FaultJournal}).
     */
    @Override
    public void close() {
        try {
            rollbackAll();
        } finally {
            operations.close();
            if (!journal.isEmpty()) {
                Path file = platform.runDirectory().resolve(FaultJournal.FILE_NAME);
                try {
                    FaultJournal.write(journal(), file);
                } catch (IOException | RuntimeException failed) {
                    LOG.warn("Could not write the fault journal {}: {}", file, failed.toString());
                }
            }
        }
    }

    @FunctionalInterface
    private interface Body {
        void apply(ActiveFault fault) throws Exception;
    }

    @FunctionalInterface
    private interface ToxicFactory {
        Toxic create(Proxy proxy, String name) throws IOException;
    }

    private FaultHandle inject(FaultKind kind, String target, Map<String, String> parameters, Body body) {
        String name = kind.label() + "-" + counters.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        ActiveFault fault = new ActiveFault(name, kind, target, parameters, clock, this::reverted);
        journal.add(fault);
        try {
            listeners.forEach(listener -> listener.injected(fault.record()));
        } catch (RuntimeException refused) {
            journal.remove(fault);
            throw new FaultException(name, "fault " + name + " on " + target + " was not applied: a listener refused"
                    + " it: " + refused.getMessage(), refused);
        }
        LOG.info("Injecting fault {} on {} {}", name, target, parameters);
        try {
            body.apply(fault);
        } catch (Exception failed) {
            FaultException error = new FaultException(name, "fault " + name + " on " + target
                    + " could not be applied: " + failed.getMessage() + "; what was applied has been rolled back",
                    failed);
            try {
                fault.rollback();
            } catch (FaultException rollbackFailed) {
                error.addSuppressed(rollbackFailed);
            }
            throw error;
        }
        return fault;
    }

    private void reverted(ActiveFault fault) {
        FaultRecord record = fault.record();
        for (FaultListener listener : listeners) {
            try {
                listener.reverted(record);
            } catch (RuntimeException failed) {
                LOG.warn("Listener {} failed on the rollback of {}: {}", listener, fault.name(), failed.toString());
            }
        }
    }

    private void disable(ActiveFault fault, Link link) throws Exception {
        Proxy proxy = platform.proxy(link);
        fault.step(() -> switches.disable(proxy), () -> switches.enable(proxy));
    }

    private void addToxic(ActiveFault fault, Link link, String type, ToxicDirection direction, double toxicity,
                          ToxicFactory factory) throws Exception {
        Proxy proxy = platform.proxy(link);
        String name = fault.name() + "-" + type + "-" + direction.name().toLowerCase(Locale.ROOT);
        fault.step(() -> {
            Toxic toxic = factory.create(proxy, name);
            if (toxicity < 1.0) {
                toxic.setToxicity((float) toxicity);
            }
        }, () -> removeToxic(proxy, name));
    }

    private static void removeToxic(Proxy proxy, String name) throws IOException {
        Toxic toxic;
        try {
            toxic = proxy.toxics().get(name);
        } catch (IOException notThere) {
            return; // the change it undoes never happened
        }
        toxic.remove();
    }

    private static String describe(Scope scope, List<Link> links) {
        return scope + " " + links.stream().map(Link::proxy).toList();
    }

    private static String describeNodes(Scope scope, List<NodeHandle> nodes) {
        return scope + " " + nodes.stream().map(NodeHandle::name).toList();
    }

    private static Map<String, String> params(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
