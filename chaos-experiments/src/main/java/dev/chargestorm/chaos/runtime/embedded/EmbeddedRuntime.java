package dev.chargestorm.chaos.runtime.embedded;

import dev.chargestorm.chaos.runtime.PlatformRuntime;
import dev.chargestorm.chaos.runtime.PlatformStartException;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default runtime, no Docker: one embedded PostgreSQL shared by all nodes, toxiproxy-embedded with one proxy per
 * (node, link), and each node as a child JVM of {@code system-under-test.jar} on its own loopback port.
 *
 * <pre>{@code
 * try (RunningPlatform platform = new EmbeddedRuntime(EmbeddedRuntimeSettings.defaults())
 *         .start(Topology.of(Zone.of("a"), Zone.of("b")), Path.of("target/chaos-reports/my-run"))) {
 *     URI zoneA = platform.chargerEndpoints().getFirst();   // ws://127.0.0.1:port, through charger-csms-a
 * }
 * }</pre>
 *
 * <p>Logs: {@code <runDirectory>/logs/<node>.log}, {@code postgres.log} and, with
 * {@link ProxyMode#PROCESS_PER_ZONE}, {@code toxiproxy-<zone>.log}. Every child process runs under a watchdog that
 * ends it when this JVM dies.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class EmbeddedRuntime implements PlatformRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRuntime.class);

    private final EmbeddedRuntimeSettings settings;

    public EmbeddedRuntime(EmbeddedRuntimeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public RunningPlatform start(Topology topology, Path runDirectory) {
        settings.requireJars();
        Path run = runDirectory.toAbsolutePath().normalize();
        try {
            RunFolders.prepare(run);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot create the run folder " + run, failed);
        }
        LOG.info("Starting {} zone(s) {}, {} node(s), profile {}, proxies {}; run folder {}", topology.zones().size(),
                topology.zoneNames(), topology.nodes().size(), topology.profile(), settings.proxyMode(), run);
        EmbeddedPlatform platform = new EmbeddedPlatform(topology, run, settings);
        try {
            platform.startDatabase();
            platform.startProxies();
            platform.startNodes();
        } catch (RuntimeException failed) {
            platform.close();
            if (failed instanceof PlatformStartException) {
                throw failed;
            }
            throw new PlatformStartException("platform", null, "the platform did not start: " + failed, failed);
        }
        LOG.info("Platform up: nodes {}", platform.nodes());
        return platform;
    }
}
