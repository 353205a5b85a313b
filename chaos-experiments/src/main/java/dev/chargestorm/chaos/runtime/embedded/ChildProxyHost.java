package dev.chargestorm.chaos.runtime.embedded;

import static org.awaitility.Awaitility.await;

import dev.chargestorm.chaos.runtime.PlatformStartException;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/** toxiproxy-embedded as a child process (its CLI jar under {@link Watchdog}), API on a loopback port. */
final class ChildProxyHost implements ProxyHost {

    private static final String MAIN = "dev.chargestorm.toxiproxy.cli.ToxiproxyCommand";

    private final ChildProcess process;
    private final ToxiproxyClient client;

    private ChildProxyHost(ChildProcess process, ToxiproxyClient client) {
        this.process = process;
        this.client = client;
    }

    static ChildProxyHost start(String name, EmbeddedRuntimeSettings settings, int apiPort, Path log) {
        ChildProcess process = ChildProcess.startJvm(name, settings.java(),
                List.of("-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"),
                List.of(settings.toxiproxyJar(), Watchdog.location()), MAIN,
                List.of("-host", "127.0.0.1", "-port", Integer.toString(apiPort), "-seed",
                        Long.toString(settings.seed())), log);
        ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", apiPort);
        try {
            await(name + " API on 127.0.0.1:" + apiPort).atMost(settings.startupTimeout())
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .failFast(name + " exited", () -> !process.isAlive())
                    .until(() -> client.version() != null);
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException failed) {
            process.kill();
            throw new PlatformStartException(name, log, name + " did not answer on 127.0.0.1:" + apiPort, failed);
        }
        return new ChildProxyHost(process, client);
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public ToxiproxyClient client() {
        return client;
    }

    @Override
    public void close() {
        process.terminate(Duration.ofSeconds(10));
    }
}
