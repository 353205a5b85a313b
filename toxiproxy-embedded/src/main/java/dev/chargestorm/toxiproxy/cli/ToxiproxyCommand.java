package dev.chargestorm.toxiproxy.cli;

import org.apiguardian.api.API;
import dev.chargestorm.toxiproxy.EmbeddedToxiproxy;
import dev.chargestorm.toxiproxy.ToxiproxySettings;
import dev.chargestorm.toxiproxy.api.ToxiproxyApi;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toxiproxy-embedded}: runs the embedded server until SIGINT/SIGTERM, with the real {@code toxiproxy-server}'s
 * single-dash flags. {@code -seed} really seeds toxicity rolls and jitter (the real server's flag has no effect).
 */
@Command(name = "toxiproxy-embedded", mixinStandardHelpOptions = false, sortOptions = false,
        description = "A pure-Java server for the Toxiproxy 2.12 HTTP API (ChargeStorm).")
@API(status = API.Status.INTERNAL)
public final class ToxiproxyCommand implements Callable<Integer> {

    @Option(names = {"-host", "--host"}, paramLabel = "HOST", defaultValue = "localhost",
            description = "Host for the API to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces).")
    String host = "localhost";

    @Option(names = {"-port", "--port"}, paramLabel = "PORT", defaultValue = "8474",
            description = "Port for the API to listen on (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int port = 8474;

    @Option(names = {"-config", "--config"}, paramLabel = "FILE",
            description = "JSON file of proxies to create at startup (the POST /populate format).")
    @Nullable Path config;

    @Option(names = {"-seed", "--seed"}, paramLabel = "SEED",
            description = "Seed for toxicity rolls, jitter and slicer variation (default: random).")
    @Nullable Long seed;

    @Option(names = {"-proxy-metrics", "--proxy-metrics"},
            description = "Serve the proxy byte counters on /metrics (Prometheus text format).")
    boolean proxyMetrics;

    @Option(names = {"-runtime-metrics", "--runtime-metrics"},
            description = "Accepted for compatibility: turns /metrics on, but there are no Go runtime metrics in a JVM.")
    boolean runtimeMetrics;

    @Option(names = {"-version", "--version"}, description = "Print the version and exit.")
    boolean version;

    @Option(names = {"-h", "-help", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final PrintWriter out;
    private final PrintWriter err;

    ToxiproxyCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        String level = System.getenv("LOG_LEVEL");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                level == null || level.isBlank() ? "info" : level.toLowerCase(Locale.ROOT));
        System.setProperty("org.slf4j.simpleLogger.log.io.netty", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(new ToxiproxyCommand(out, err)).execute(args));
    }

    static CommandLine commandLine(ToxiproxyCommand command) {
        return new CommandLine(command).setOut(command.out).setErr(command.err);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (version) {
            out.println("toxiproxy-server version " + ToxiproxyApi.VERSION + " (ChargeStorm toxiproxy-embedded)");
            return 0;
        }
        Logger log = LoggerFactory.getLogger(ToxiproxyCommand.class);
        ToxiproxySettings settings = ToxiproxySettings.defaults().withHost(host).withPort(port)
                .withProxyMetrics(proxyMetrics || runtimeMetrics);
        if (seed != null) {
            settings = settings.withSeed(seed);
        }
        EmbeddedToxiproxy started;
        try {
            started = EmbeddedToxiproxy.start(settings);
        } catch (IllegalStateException | IllegalArgumentException cannotStart) {
            err.println("toxiproxy-embedded: " + cannotStart.getMessage());
            return 1;
        }
        try (EmbeddedToxiproxy toxiproxy = started) {
            if (config != null) {
                try {
                    toxiproxy.populate(config);
                    log.info("populated proxies from {}", config);
                } catch (RuntimeException failed) {
                    // The real server logs a bad -config and carries on.
                    log.error("could not populate proxies from {}: {}; starting without them", config,
                            failed.getMessage());
                }
            }
            out.println("toxiproxy API listening on " + toxiproxy.uri() + " (seed " + toxiproxy.seed() + ")");
            Thread hook = new Thread(this::stopAndWait, "toxiproxy-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            stop.await();
            log.info("shutting down");
        } finally {
            stopped.countDown();
        }
        return 0;
    }

    /** SIGINT/SIGTERM: let {@link #call()} close the server (proxies, connections, API), waiting a bounded time. */
    private void stopAndWait() {
        stop.countDown();
        try {
            stopped.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends {@link #call()} as SIGINT/SIGTERM do (for tests). */
    void requestStop() {
        stop.countDown();
    }
}
