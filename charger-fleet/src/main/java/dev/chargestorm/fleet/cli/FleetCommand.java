package dev.chargestorm.fleet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.chargestorm.fleet.Fleet;
import dev.chargestorm.fleet.FleetSettings;
import dev.chargestorm.fleet.cli.OptionConverters.AnswerLatency;
import dev.chargestorm.fleet.cli.OptionConverters.AnswerLatencyConverter;
import dev.chargestorm.fleet.cli.OptionConverters.DurationConverter;
import dev.chargestorm.fleet.cli.OptionConverters.DurationOrZeroConverter;
import dev.chargestorm.fleet.cli.OptionConverters.RampConverter;
import dev.chargestorm.fleet.cli.OptionConverters.RedialConverter;
import dev.chargestorm.fleet.metrics.FleetSnapshot;
import dev.chargestorm.fleet.metrics.FleetSummary;
import dev.chargestorm.fleet.persona.PersonaMix;
import dev.chargestorm.fleet.persona.ReconnectStrategy;
import dev.chargestorm.fleet.process.ChildProtocol;
import dev.chargestorm.fleet.process.EventRelay;
import dev.chargestorm.fleet.process.FleetProcesses;
import dev.chargestorm.fleet.transport.Transport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chargestorm fleet}: runs a fleet of simulated chargers until {@code --duration} is over or Ctrl-C, with a live
 * progress line and a JSON summary at the end. {@code --processes N} spreads it over N child JVMs.
 */
@Command(name = "fleet", sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs simulated OCPP 1.6J chargers against a central system (ChargeStorm).")
public final class FleetCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "Central-system endpoint, e.g. ws://127.0.0.1:8080/ocpp; repeat once per zone.")
    List<URI> urls = new ArrayList<>();

    @Option(names = "--chargers", defaultValue = "1000", description = "Chargers (default: ${DEFAULT-VALUE}).")
    int chargers;

    @Option(names = "--ramp", defaultValue = "1000/s", paramLabel = "N/s", converter = RampConverter.class,
            description = "Connection starts per second at start-up, 0 for all at once (default: ${DEFAULT-VALUE}).")
    double rampPerSecond;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to run, e.g. 10m (default: until Ctrl-C).")
    @Nullable Duration duration;

    @Option(names = "--persona", defaultValue = "immediate", paramLabel = "MIX",
            description = "Persona mix, e.g. immediate=0.7,backoff-jitter=0.3; traits: immediate, fixed[:30s], "
                    + "exponential[:1s/120s], backoff-jitter[:1s/60s], retry-backoff[:3s/10s/3], ignore-pending, "
                    + "honour-retry-after, reconnect-on-timeout, boot-every-connect, status-every-connect, offline-start, "
                    + "joined by '+' (default: ${DEFAULT-VALUE}).")
    String persona;

    @Option(names = "--ramp-redial", paramLabel = "STRATEGY", converter = RedialConverter.class,
            description = "How chargers redial until first Accepted, e.g. backoff-jitter:1s/60s, so that the start-up "
                    + "ramp does not become a storm of its own; the persona decides from then on (default: the "
                    + "persona's own strategy).")
    @Nullable ReconnectStrategy rampRedial;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the fleet and its schedule (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write the JSON summary here.")
    @Nullable Path summary;

    @Option(names = "--acknowledged-ids", paramLabel = "FILE",
            description = "Write the ids of every transaction message the central system acknowledged, one a line "
                    + "(with --processes: one file per process, FILE.<index of its first charger>).")
    @Nullable Path acknowledgedIds;

    @Option(names = "--processes", defaultValue = "1",
            description = "Spread the fleet over N child JVMs, at most 15,000 chargers each (default: ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--process-jvm-options", defaultValue = "-Xmx2g", paramLabel = "OPTIONS",
            description = "JVM options of each child process (default: ${DEFAULT-VALUE}).")
    String processJvmOptions;

    @Option(names = "--id-prefix", defaultValue = "CP-", description = "Charger id prefix (default: ${DEFAULT-VALUE}).")
    String idPrefix;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Basic-auth password for every charger; {id} is replaced by the charger id.")
    @Nullable String password;

    @Option(names = "--session-every", defaultValue = "30m", paramLabel = "DURATION",
            converter = DurationOrZeroConverter.class,
            description = "Mean time between driver sessions per charger, 0 for none (default: ${DEFAULT-VALUE}).")
    Duration sessionEvery;

    @Option(names = "--session-length", defaultValue = "10m", paramLabel = "DURATION",
            converter = DurationConverter.class, description = "Mean session length (default: ${DEFAULT-VALUE}).")
    Duration sessionLength;

    @Option(names = "--meter-interval", defaultValue = "60s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "MeterValues interval during a session (default: ${DEFAULT-VALUE}).")
    Duration meterInterval;

    @Option(names = "--id-tags", defaultValue = "0",
            description = "Id tags in use, TAG-000001 up (default: as many as chargers).")
    int idTags;

    @Option(names = "--tx-attempts", defaultValue = "3",
            description = "TransactionMessageAttempts (default: ${DEFAULT-VALUE}).")
    int txAttempts;

    @Option(names = "--tx-retry-interval", defaultValue = "60s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "TransactionMessageRetryInterval (default: ${DEFAULT-VALUE}).")
    Duration txRetryInterval;

    @Option(names = "--call-timeout", defaultValue = "30s", paramLabel = "DURATION",
            converter = DurationConverter.class, description = "Wait for a CALL's answer (default: ${DEFAULT-VALUE}).")
    Duration callTimeout;

    @Option(names = "--answer-latency", defaultValue = "50ms-500ms", paramLabel = "MIN-MAX",
            converter = AnswerLatencyConverter.class,
            description = "How long chargers take to answer central-system CALLs (default: ${DEFAULT-VALUE}).")
    AnswerLatency answerLatency;

    @Option(names = "--source-addresses", defaultValue = "127.0.0.2-127.0.0.9", paramLabel = "RANGE",
            description = "Loopback source addresses for a loopback target, or 'none' (default: ${DEFAULT-VALUE}).")
    String sourceAddresses;

    @Option(names = "--threads", defaultValue = "0", description = "Event-loop threads, 0 for two per core.")
    int threads;

    @Option(names = "--progress-every", defaultValue = "1s", paramLabel = "DURATION",
            converter = DurationConverter.class, description = "Progress line interval (default: ${DEFAULT-VALUE}).")
    Duration progressEvery;

    @Option(names = "--child", hidden = true)
    boolean child;

    /** Set by a parent that gave FleetProcesses a listener: relay listener events this often (0: no relay). */
    @Option(names = "--events-every", hidden = true, defaultValue = "0", converter = DurationOrZeroConverter.class)
    Duration eventsEvery;

    @Option(names = "--fleet-size", hidden = true, defaultValue = "0")
    int fleetSize;

    @Option(names = "--first-index", hidden = true, defaultValue = "1")
    int firstIndex;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<String> originalArguments = new ArrayList<>();

    FleetCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        boolean childMode = List.of(args).contains("--child");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                childMode ? "warn" : System.getProperty("chargestorm.log.level", "info"));
        System.setProperty("org.slf4j.simpleLogger.log.io.netty", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        FleetCommand command = new FleetCommand(System.out, System.err);
        command.originalArguments.addAll(List.of(args));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            command.stop.countDown();
            try {
                command.stopped.await(40, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "fleet-shutdown"));
        int code = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        command.stopped.countDown();
        System.exit(code);
    }

    /** Asks a running command to stop (what Ctrl-C does). */
    void requestStop() {
        stop.countDown();
    }

    @Override
    public Integer call() throws Exception {
        try {
            FleetSettings settings = settings();
            if (processes > 1 && !child) {
                return runProcesses(settings);
            }
            return child ? runChild(settings) : runHere(settings);
        } catch (IllegalArgumentException ex) {
            err.println("chargestorm fleet: " + ex.getMessage());
            return 2;
        } finally {
            stopped.countDown();
        }
    }

    FleetSettings settings() {
        if (chargers > 15_000 && processes == 1 && !child) {
            throw new IllegalArgumentException(("%,d chargers do not fit into one process (at most 15,000: the "
                    + "open-file limit and the heap); add --processes %d").formatted(chargers,
                            (chargers + 14_999) / 15_000));
        }
        return FleetSettings.builder(urls.toArray(URI[]::new))
                .chargers(chargers)
                .slice(fleetSize > 0 ? fleetSize : chargers, firstIndex)
                .rampPerSecond(rampPerSecond)
                .rampRedial(rampRedial)
                .seed(seed)
                .personas(PersonaMix.parse(persona))
                .idPrefix(idPrefix)
                .password(password)
                .threads(threads)
                .loopbackSources(parseSources(sourceAddresses))
                .keepAcknowledgedIds(acknowledgedIds != null)
                .callTimeout(callTimeout)
                .transactionMessageRetries(txAttempts, txRetryInterval)
                .answerLatency(answerLatency.min(), answerLatency.max())
                .sessions(sessionEvery, sessionLength, meterInterval)
                .idTags(idTags)
                .build();
    }

    private int runHere(FleetSettings settings) throws IOException, InterruptedException {
        ProgressLine line = new ProgressLine();
        boolean tty = System.console() != null;
        FleetSummary result;
        int code = 0;
        try (Fleet fleet = Fleet.start(settings)) {
            long deadline = deadlineNanos();
            long every = progressEvery.toMillis();
            while (!stop.await(every, TimeUnit.MILLISECONDS)) {
                String text = line.format(fleet.metrics().snapshot());
                err.print(tty ? "\r" + text : text + "\n");
                if (fleet.failure().isDone()) {
                    err.println();
                    err.println("chargestorm fleet: " + fleet.failure().join().getMessage());
                    code = 1;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            if (tty) {
                err.println();
            }
            result = fleet.summary();
            if (acknowledgedIds != null) {
                Files.write(acknowledgedIds, fleet.metrics().acknowledgedIds());
            }
        }
        report(result);
        return code;
    }

    private int runChild(FleetSettings settings) throws InterruptedException {
        Thread watcher = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (ChildProtocol.STOP.equals(line.trim())) {
                        break;
                    }
                }
            } catch (IOException ex) {
                // the parent is gone
            }
            stop.countDown();
        }, "fleet-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        int code = 0;
        FleetSummary result;
        EventRelay relay = eventsEvery.isZero() ? null : EventRelay.start(line -> {
            out.println(line);
            out.flush();
        }, eventsEvery);
        Fleet fleet = relay == null ? Fleet.start(settings) : Fleet.start(settings, relay);
        try (fleet) {
            long deadline = deadlineNanos();
            long every = progressEvery.toMillis();
            while (!stop.await(every, TimeUnit.MILLISECONDS)) {
                out.println(ChildProtocol.progress(fleet.metrics().snapshot()));
                out.flush();
                if (fleet.failure().isDone()) {
                    out.println(ChildProtocol.failure(fleet.failure().join().getMessage()));
                    code = 1;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
        }
        // the fleet is closed, so no session start or acknowledgement can happen between the relay's last batch and
        // the summary: the parent's listener and the summary count the same events
        if (relay != null) {
            relay.close();
        }
        out.println(ChildProtocol.progress(fleet.metrics().snapshot()));
        result = fleet.summary();
        if (acknowledgedIds != null) {
            try {
                Files.write(Path.of(acknowledgedIds + "." + firstIndex), fleet.metrics().acknowledgedIds());
            } catch (IOException ex) {
                err.println("chargestorm fleet: cannot write " + acknowledgedIds + ": " + ex.getMessage());
            }
        }
        out.println(ChildProtocol.summary(result));
        out.flush();
        return code;
    }

    private int runProcesses(FleetSettings settings) throws IOException, InterruptedException {
        if ((chargers + processes - 1) / processes > 15_000) {
            throw new IllegalArgumentException(("%,d chargers over %d processes is more than 15,000 per process; use "
                    + "--processes %d").formatted(chargers, processes, (chargers + 14_999) / 15_000));
        }
        List<String> forwarded = new ArrayList<>();
        for (int i = 0; i < originalArguments.size(); i++) {
            String argument = originalArguments.get(i);
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            boolean inline = argument.contains("=");
            if (List.of("--chargers", "--processes", "--process-jvm-options", "--summary").contains(name)) {
                if (!inline) {
                    i++;
                }
                continue;
            }
            forwarded.add(argument);
        }
        ProgressLine line = new ProgressLine();
        boolean tty = System.console() != null;
        int code = 0;
        FleetSummary result;
        long started = System.nanoTime();
        try (FleetProcesses fleet = FleetProcesses.start(processes, chargers, forwarded,
                List.of(processJvmOptions.trim().split("\\s+")), null)) {
            err.println("chargestorm fleet: " + processes + " processes, pids " + fleet.pids());
            long every = progressEvery.toMillis();
            while (!stop.await(every, TimeUnit.MILLISECONDS)) {
                FleetSnapshot snapshot = fleet.snapshot();
                String text = line.format(new FleetSnapshot((System.nanoTime() - started) / 1_000_000,
                        snapshot.size(), snapshot.connected(), snapshot.accepted(), snapshot.connectAttempts(),
                        snapshot.bootP99Millis(), snapshot.sessionsOk(), snapshot.sessionsFailed(),
                        snapshot.queueDepth(), snapshot.discarded(), snapshot.callTimeouts(), snapshot.callErrors(),
                        snapshot.acknowledged()));
                err.print(tty ? "\r" + text : text + "\n");
                if (fleet.failure().isDone()) {
                    err.println();
                    err.println("chargestorm fleet: " + fleet.failure().join());
                    code = 1;
                    break;
                }
                if (fleet.finished()) {
                    break;
                }
            }
            if (tty) {
                err.println();
            }
            fleet.stop();
            result = fleet.summary(Duration.ofSeconds(30));
        }
        report(result);
        return code;
    }

    private void report(FleetSummary result) throws IOException {
        String json = result.toJson(false);
        if (summary != null) {
            Files.writeString(summary, json);
            err.println("chargestorm fleet: summary written to " + summary.toAbsolutePath());
        }
        out.println(json);
        out.flush();
    }

    private long deadlineNanos() {
        return duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    }

    static List<InetAddress> parseSources(String text) {
        if ("none".equalsIgnoreCase(text.trim())) {
            return List.of();
        }
        String[] range = text.trim().split("-");
        try {
            int first = Integer.parseInt(range[0].substring(range[0].lastIndexOf('.') + 1));
            int last = range.length > 1 ? Integer.parseInt(range[1].substring(range[1].lastIndexOf('.') + 1)) : first;
            if (!range[0].startsWith("127.0.0.") || (range.length > 1 && !range[1].startsWith("127.0.0."))) {
                throw new NumberFormatException();
            }
            return Transport.loopbackRange(first, last);
        } catch (NumberFormatException | IndexOutOfBoundsException ex) {
            throw new IllegalArgumentException("--source-addresses expects a loopback range such as "
                    + "127.0.0.2-127.0.0.9, or none, but was '" + text + "'");
        }
    }
}
