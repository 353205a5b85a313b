package dev.chargestorm.chaos.runtime.embedded;

import dev.chargestorm.chaos.runtime.DatabaseEndpoint;
import dev.chargestorm.chaos.runtime.NodeHandle;
import dev.chargestorm.chaos.runtime.PlatformStartException;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.topology.Link;
import dev.chargestorm.chaos.topology.LinkKind;
import dev.chargestorm.chaos.topology.Node;
import dev.chargestorm.chaos.topology.Topology;
import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topology running on this machine: PostgreSQL, Toxiproxy, the nodes. Built step by step by {@link EmbeddedRuntime};
 * {@link #close()} stops whatever was started, also from a JVM shutdown hook when the harness is stopped (Ctrl-C,
 * SIGTERM) before it closed the platform.
 */
final class EmbeddedPlatform implements RunningPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlatform.class);

    private final Topology topology;
    private final Path runDirectory;
    private final EmbeddedRuntimeSettings settings;
    private final FreePorts ports = new FreePorts();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, ProxyHost> proxyHosts = new LinkedHashMap<>();
    private final Map<String, Proxy> proxies = new LinkedHashMap<>();
    private final Map<String, Integer> listenPorts = new LinkedHashMap<>();
    private final Map<String, Integer> nodePorts = new LinkedHashMap<>();
    private final List<SutNode> nodes = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private @Nullable Database database;
    private @Nullable ChildProcess databaseGuard;

    EmbeddedPlatform(Topology topology, Path runDirectory, EmbeddedRuntimeSettings settings) {
        this.topology = topology;
        this.runDirectory = runDirectory;
        this.settings = settings;
        this.shutdownHook = new Thread(this::closeFromHook, "chargestorm-platform-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private Path logFile(String component) {
        return runDirectory.resolve("logs").resolve(component + ".log");
    }

    void startDatabase() {
        Path log = logFile("postgres");
        try {
            database = Database.start(runDirectory.resolve("postgres"), ports.next(), log);
        } catch (IOException | RuntimeException failed) {
            throw new PlatformStartException("postgres", log, "PostgreSQL did not start: " + failed.getMessage(),
                    failed);
        }
        database.pid().ifPresent(pid -> databaseGuard = ChildProcess.startGuard("postgres-watchdog",
                settings.java(), pid, logFile("postgres-watchdog")));
    }

    void startProxies() {
        if (settings.proxyMode() == ProxyMode.IN_PROCESS) {
            ProxyHost host = new InProcessProxyHost(settings.seed());
            topology.zoneNames().forEach(zone -> proxyHosts.put(zone, host));
        } else {
            for (String zone : topology.zoneNames()) {
                String name = "toxiproxy-" + zone;
                proxyHosts.put(zone, ChildProxyHost.start(name, settings, ports.next(), logFile(name)));
            }
        }
        topology.nodes().forEach(node -> nodePorts.put(node.name(), ports.next()));
        for (Link link : topology.links()) {
            int listen = ports.next();
            int upstream = link.kind().toDatabase() ? startedDatabase().port() : nodePorts.get(link.node().name());
            try {
                proxies.put(link.proxy(), proxyHosts.get(link.zone()).client()
                        .createProxy(link.proxy(), "127.0.0.1:" + listen, "127.0.0.1:" + upstream));
            } catch (IOException failed) {
                throw new PlatformStartException("toxiproxy-" + link.zone(), null, "could not create proxy "
                        + link.proxy() + " on 127.0.0.1:" + listen + ": " + failed.getMessage(), failed);
            }
            listenPorts.put(link.proxy(), listen);
        }
    }

    private List<String> nodeArguments(Node node) {
        Link db = topology.links().stream().filter(l -> l.node().equals(node) && l.kind().toDatabase()).findFirst()
                .orElseThrow();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + nodePorts.get(node.name()),
                "--server.address=127.0.0.1",
                "--chargestorm.data-dir=" + runDirectory.resolve("nodes").resolve(node.name()).toAbsolutePath(),
                "--spring.datasource.url=" + Database.jdbcUrl(listenPorts.get(db.proxy())),
                "--spring.datasource.username=" + Database.USER,
                "--spring.datasource.password=" + Database.USER,
                "--chargestorm.node.id=" + node.name(),
                "--chargestorm.node.zone=" + node.zone(),
                "--chargestorm.node.role=" + node.role().sutRole()));
        List<String> profiles = new ArrayList<>();
        if (!topology.profile().springProfile().isEmpty()) {
            profiles.add(topology.profile().springProfile());
        }
        if (topology.chaosMonkey()) {
            profiles.add("chaos-monkey");
        }
        if (!profiles.isEmpty()) {
            args.add("--spring.profiles.active=" + String.join(",", profiles));
        }
        args.addAll(settings.nodeProperties());
        return args;
    }

    /** The first node's arguments on a free port and its own data folder, for the class-data-sharing training run. */
    private List<String> trainingArguments() {
        return nodeArguments(topology.nodes().getFirst()).stream()
                .map(arg -> arg.startsWith("--server.port=") ? "--server.port=" + ports.next() : arg)
                .map(arg -> arg.startsWith("--chargestorm.data-dir=") ? "--chargestorm.data-dir="
                        + runDirectory.resolve("nodes").resolve("cds-training").toAbsolutePath() : arg)
                .toList();
    }

    void startNodes() {
        NodeLaunch launch = topology.nodes().isEmpty() ? NodeLaunch.fatJar(settings)
                : ClassDataSharing.prepare(settings, trainingArguments());
        for (Node node : topology.nodes()) {
            nodes.add(new SutNode(node, nodePorts.get(node.name()), nodeArguments(node), settings, launch,
                    logFile(node.name()), http));
        }
        forEachNode(node -> {
            node.start();
            return null;
        });
    }

    private void forEachNode(Function<SutNode, @Nullable Void> action) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> all = nodes.stream()
                    .map(node -> CompletableFuture.supplyAsync(() -> action.apply(node), executor)).toList();
            try {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException failed) {
                if (failed.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw failed;
            }
        }
    }

    private Database startedDatabase() {
        if (database == null) {
            throw new IllegalStateException("the database has not been started");
        }
        return database;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public Path runDirectory() {
        return runDirectory;
    }

    @Override
    public List<NodeHandle> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public Proxy proxy(Link link) {
        Proxy proxy = proxies.get(link.proxy());
        if (proxy == null || !topology.links().contains(link)) {
            throw new IllegalArgumentException("link " + link.proxy() + " is not one of this platform's; its links are "
                    + proxies.keySet());
        }
        return proxy;
    }

    @Override
    public URI endpoint(Link link) {
        proxy(link);
        if (link.kind() == LinkKind.CHARGER_TO_NODE) {
            return URI.create("ws://127.0.0.1:" + listenPorts.get(link.proxy()));
        }
        if (link.kind() == LinkKind.CLIENT_TO_API) {
            return URI.create("http://127.0.0.1:" + listenPorts.get(link.proxy()));
        }
        throw new IllegalArgumentException("link " + link.proxy() + " leads to the database, which clients do not"
                + " reach; only " + LinkKind.CHARGER_TO_NODE + " and " + LinkKind.CLIENT_TO_API + " links have"
                + " endpoints");
    }

    @Override
    public DatabaseEndpoint database() {
        return new DatabaseEndpoint(Database.jdbcUrl(startedDatabase().port()), Database.USER, Database.USER);
    }

    /** @return process ids of every child process still running (nodes, proxies, PostgreSQL, watchdogs) */
    List<Long> processIds() {
        List<Long> pids = new ArrayList<>();
        nodes.forEach(node -> node.pid().ifPresent(pids::add));
        proxyHosts.values().stream().distinct().filter(ChildProxyHost.class::isInstance)
                .map(host -> ((ChildProxyHost) host).process()).filter(ChildProcess::isAlive)
                .forEach(process -> pids.add(process.pid()));
        if (database != null) {
            database.pid().ifPresent(pids::add);
        }
        if (databaseGuard != null && databaseGuard.isAlive()) {
            pids.add(databaseGuard.pid());
        }
        return pids;
    }

    private void closeFromHook() {
        if (!closed.get()) {
            LOG.warn("The JVM is exiting with platform {} still running: stopping it", runDirectory);
            stopAll();
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or has run
        }
    }

    private void stopAll() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Exception> failures = new ArrayList<>();
        Duration grace = settings.stopTimeout();
        try {
            forEachNode(node -> {
                node.stop(grace);
                return null;
            });
        } catch (RuntimeException failed) {
            failures.add(failed);
        }
        proxyHosts.values().stream().distinct().forEach(host -> {
            try {
                host.close();
            } catch (RuntimeException failed) {
                failures.add(failed);
            }
        });
        if (database != null) {
            try {
                database.close();
            } catch (IOException | RuntimeException failed) {
                failures.add(failed);
            }
        }
        if (databaseGuard != null) {
            databaseGuard.kill();
        }
        http.close();
        if (failures.isEmpty()) {
            LOG.info("Platform stopped; logs in {}", runDirectory.resolve("logs"));
        } else {
            failures.forEach(failure -> LOG.warn("While stopping the platform: {}", failure.toString()));
        }
    }
}
