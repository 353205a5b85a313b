package dev.chargestorm.chaos.runtime;

import dev.chargestorm.chaos.topology.Node;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One running node of the system under test, as the runtime started it. Lifecycle operations wait until they are
 * done: {@link #kill()} until the node is gone, {@link #start()} until it is healthy.
 */
@API(status = API.Status.EXPERIMENTAL)
public interface NodeHandle {

    /** @return the node as the topology declares it */
    Node node();

    /** @return the node's name ({@code csms-a}) */
    default String name() {
        return node().name();
    }

    /** @return the node's zone */
    default String zone() {
        return node().zone();
    }

    /**
     * @return the node's own HTTP base URI, bypassing every proxy ({@code http://127.0.0.1:port}); for the admin
     *         endpoints and the actuator, never for client traffic
     */
    URI adminUri();

    /** @return whether the node is running */
    boolean isRunning();

    /** Crashes the node: SIGKILL (kill -9) or the runtime's equivalent; returns once it is gone. */
    void kill();

    /**
     * Stops the node gracefully: SIGTERM, then a kill if it has not exited within the grace period.
     *
     * @return whether it exited within the grace period
     */
    boolean stop(Duration gracePeriod);

    /** Starts the node again with the same identity, ports and database, and waits until it is healthy. */
    void start();

    /** @return the file that holds the node's output, where the runtime keeps one */
    Optional<Path> log();
}
