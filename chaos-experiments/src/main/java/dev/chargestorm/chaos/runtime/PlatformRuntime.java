package dev.chargestorm.chaos.runtime;

import dev.chargestorm.chaos.topology.Topology;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Starts topologies. Implementations: {@code EmbeddedRuntime} (child processes, no Docker; the default) and, later,
 * a Testcontainers runtime.
 */
@API(status = API.Status.EXPERIMENTAL)
public interface PlatformRuntime {

    /** @return a short name for logs and reports ({@code embedded}, {@code testcontainers}) */
    String name();

    /**
     * Starts every component of the topology and waits until each node is healthy. On failure everything started so
     * far is stopped before the exception leaves.
     *
     * @param topology     what to start
     * @param runDirectory the run's report folder; logs go to {@code runDirectory/logs/<component>.log}
     * @return the running platform; close it to stop everything
     * @throws PlatformStartException when a component does not start, naming it and its log
     */
    RunningPlatform start(Topology topology, Path runDirectory);
}
