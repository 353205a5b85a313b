package dev.chargestorm.chaos.runtime.embedded;

import static org.awaitility.Awaitility.await;

import dev.chargestorm.chaos.runtime.NodeHandle;
import dev.chargestorm.chaos.runtime.PlatformStartException;
import dev.chargestorm.chaos.topology.Node;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A central-system or API node: a child JVM of the packaged jar on its own loopback port. */
final class SutNode implements NodeHandle {

    private static final Logger LOG = LoggerFactory.getLogger(SutNode.class);

    private final Node node;
    private final int port;
    private final List<String> arguments;
    private final EmbeddedRuntimeSettings settings;
    private final NodeLaunch launch;
    private final Path log;
    private final HttpClient http;
    private @Nullable ChildProcess process;

    SutNode(Node node, int port, List<String> arguments, EmbeddedRuntimeSettings settings, NodeLaunch launch,
            Path log, HttpClient http) {
        this.node = node;
        this.port = port;
        this.arguments = List.copyOf(arguments);
        this.settings = settings;
        this.launch = launch;
        this.log = log;
        this.http = http;
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public URI adminUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    /**
     * The launch options plus a GC log per start next to the node's log ({@code csms-a-gc-<pid>.log}): a node that
     * answers slowly under a storm is often a node in long GC pauses (measured at 30,000 chargers: pauses of up to 38 s on
     * restarted nodes), and the report should show it.
     */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>(launch.jvmOptions());
        options.add("-Xlog:gc:file=" + log.resolveSibling(node.name() + "-gc-%p.log") + ":time,uptime");
        return options;
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** @return the process id while running */
    synchronized Optional<Long> pid() {
        return Optional.ofNullable(process).filter(ChildProcess::isAlive).map(ChildProcess::pid);
    }

    @Override
    public void start() {
        ChildProcess started;
        synchronized (this) {
            if (isRunning()) {
                throw new IllegalStateException("node " + node.name() + " is already running (pid "
                        + process.pid() + "); stop() or kill() it first");
            }
            started = ChildProcess.startJvm(node.name(), settings.java(), jvmOptions(), launch.classpath(),
                    launch.mainClass(), arguments, log);
            process = started;
        }
        try {
            await("node " + node.name() + " healthy at " + adminUri() + "/actuator/health")
                    .atMost(settings.startupTimeout()).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .failFast("node " + node.name() + " exited before it was healthy", () -> !started.isAlive())
                    .until(this::healthy);
        } catch (TerminalFailureException exited) {
            throw new PlatformStartException(node.name(), log, "node " + node.name() + " exited before it was healthy"
                    + started.exitCode().map(code -> " (exit code " + code + ")").orElse("") + "; the end of its log:"
                    + System.lineSeparator() + started.tail(12), exited);
        } catch (ConditionTimeoutException notInTime) {
            started.kill();
            throw new PlatformStartException(node.name(), log, "node " + node.name() + " did not become healthy on port "
                    + port + " within " + settings.startupTimeout() + "; the end of its log:" + System.lineSeparator()
                    + started.tail(12), notInTime);
        }
        LOG.info("Node {} ({} in zone {}) healthy at {}", node.name(), node.role(), node.zone(), adminUri());
    }

    private boolean healthy() throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(adminUri().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    @Override
    public void kill() {
        ChildProcess current = current();
        if (current != null) {
            current.kill();
            LOG.info("Node {} killed (SIGKILL)", node.name());
        }
    }

    @Override
    public boolean stop(Duration gracePeriod) {
        ChildProcess current = current();
        if (current == null) {
            return true;
        }
        boolean graceful = current.terminate(gracePeriod);
        LOG.info("Node {} stopped ({})", node.name(), graceful ? "SIGTERM" : "SIGKILL after " + gracePeriod);
        return graceful;
    }

    private synchronized @Nullable ChildProcess current() {
        return process;
    }

    @Override
    public Optional<Path> log() {
        return Optional.of(log);
    }

    @Override
    public String toString() {
        return "node " + node.name() + " at " + adminUri();
    }
}
