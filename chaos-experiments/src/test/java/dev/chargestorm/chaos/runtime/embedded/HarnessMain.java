package dev.chargestorm.chaos.runtime.embedded;

import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A harness JVM for {@link HarnessDeathTest}: starts a one-zone platform, prints the process ids of everything it
 * started, then waits to be killed.
 */
public final class HarnessMain {

    private HarnessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPlatform platform = (EmbeddedPlatform) new EmbeddedRuntime(EmbeddedRuntimeSettings.defaults()
                .withProxyMode(ProxyMode.PROCESS_PER_ZONE))
                .start(Topology.of(Zone.of("a")), Path.of(args[0]));
        System.out.println("PIDS " + platform.processIds());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
