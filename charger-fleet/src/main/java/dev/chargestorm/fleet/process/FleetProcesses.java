package dev.chargestorm.fleet.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import dev.chargestorm.fleet.metrics.FleetListener;
import dev.chargestorm.fleet.metrics.FleetSnapshot;
import dev.chargestorm.fleet.metrics.FleetSummary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet spread over child JVMs (one process may hold at most ~15,000 chargers: open files and heap). Each child runs
 * the fleet CLI on an equal slice of the charger indexes with the same seed, so the fleet is the same as in one
 * process. Children report over stdout ({@link ChildProtocol}); they stop when asked, and by themselves when this
 * process dies (their stdin closes). Given a {@link FleetListener}, the children relay their listener events
 * ({@link EventRelay}, one batch per {@value #EVENTS_EVERY_MILLIS} ms each) and this process replays them into it, so a
 * steady-state run is fed live as by a fleet in this process; only the recovery tracker's clock runs up to one batch
 * late.
 */
public final class FleetProcesses implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetProcesses.class);
    private static final String MAIN = "dev.chargestorm.fleet.cli.FleetCommand";
    /** Often enough for 5 s steady-state slices, rarely enough that 30,000 chargers do not flood the pipes. */
    static final int EVENTS_EVERY_MILLIS = 200;

    private final List<Child> children;
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private final @Nullable FleetListener listener;

    private FleetProcesses(List<Child> children, @Nullable FleetListener listener) {
        this.children = children;
        this.listener = listener;
    }

    private static final class Child {
        final Process process;
        final AtomicReference<FleetSnapshot> latest;
        final CompletableFuture<FleetSummary> summary = new CompletableFuture<>();
        ChildProtocol.Gauges gauges;

        Child(Process process, FleetSnapshot initial) {
            this.process = process;
            this.latest = new AtomicReference<>(initial);
            this.gauges = new ChildProtocol.Gauges(initial.size(), 0, 0);
        }
    }

    /**
     * Starts {@code processes} children that share {@code chargers} chargers.
     *
     * @param fleetArguments the fleet CLI's options for every child (URLs, persona, seed, ...), without
     *     {@code --chargers} and {@code --processes}
     * @param jvmOptions options of each child JVM, e.g. {@code -Xmx2g}
     * @param log where the children's stderr goes (appended), or null to inherit this process's stderr
     */
    public static FleetProcesses start(int processes, int chargers, List<String> fleetArguments,
            List<String> jvmOptions, @Nullable Path log) {
        return launch(processes, chargers, fleetArguments, jvmOptions, child -> log, null);
    }

    /**
     * Starts {@code processes} children that share {@code chargers} chargers and feeds their listener events, live,
     * to {@code listener}: charger up/down, acknowledged and discarded messages and session starts as the children
     * report them, gauges as the sum of every child's latest. The listener is called from one reader thread per child.
     *
     * @param fleetArguments the fleet CLI's options for every child (URLs, persona, seed, ...), without
     *     {@code --chargers} and {@code --processes}
     * @param jvmOptions options of each child JVM, e.g. {@code -Xmx2g}
     * @param logs where child {@code i}'s (0-based) stderr goes (appended), or null to inherit this process's stderr
     */
    public static FleetProcesses start(int processes, int chargers, List<String> fleetArguments,
            List<String> jvmOptions, IntFunction<@Nullable Path> logs, FleetListener listener) {
        return launch(processes, chargers, fleetArguments, jvmOptions, logs, listener);
    }

    private static FleetProcesses launch(int processes, int chargers, List<String> fleetArguments,
            List<String> jvmOptions, IntFunction<@Nullable Path> logs, @Nullable FleetListener listener) {
        if (processes < 1 || processes > chargers) {
            throw new IllegalArgumentException("expected 1 to " + chargers + " processes for " + chargers
                    + " chargers but was " + processes);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        List<Child> children = new ArrayList<>();
        FleetProcesses fleet = new FleetProcesses(children, listener);
        int first = 1;
        try {
            for (int i = 0; i < processes; i++) {
                int share = chargers / processes + (i < chargers % processes ? 1 : 0);
                List<String> command = new ArrayList<>();
                command.add(java);
                // epoll's native library, loaded from the class path (the jar's manifest says the same for -jar)
                command.add("--enable-native-access=ALL-UNNAMED");
                command.addAll(jvmOptions);
                command.addAll(List.of("-cp", classPath, MAIN, "--child", "--chargers", Integer.toString(share),
                        "--fleet-size", Integer.toString(chargers), "--first-index", Integer.toString(first)));
                if (listener != null) {
                    command.addAll(List.of("--events-every", EVENTS_EVERY_MILLIS + "ms"));
                }
                command.addAll(fleetArguments);
                ProcessBuilder builder = new ProcessBuilder(command);
                Path log = logs.apply(i);
                if (log == null) {
                    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
                } else {
                    builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
                }
                Process process = builder.start();
                Child child = new Child(process, new FleetSnapshot(0, share, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
                synchronized (children) {
                    children.add(child);
                }
                fleet.read(child, i);
                first += share;
            }
        } catch (IOException ex) {
            fleet.close();
            throw new IllegalStateException("cannot start a fleet child process with " + java + ": " + ex.getMessage(),
                    ex);
        }
        return fleet;
    }

    private void read(Child child, int number) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    ChildProtocol.Message message;
                    try {
                        message = ChildProtocol.parse(line);
                    } catch (ChildProtocol.MalformedLineException ex) {
                        // stdout carries only the protocol: a bad line means lost events, so the run cannot be trusted
                        String problem = "fleet process " + number + " (pid " + child.process.pid() + ") wrote "
                                + ex.getMessage() + "; its events can no longer be trusted";
                        LOG.error(problem);
                        failure.complete(problem);
                        continue;
                    }
                    switch (message) {
                        case ChildProtocol.Progress progress -> child.latest.set(progress.snapshot());
                        case ChildProtocol.Failure failed -> failure.complete(failed.message());
                        case ChildProtocol.Summary summary -> child.summary.complete(summary.summary());
                        case ChildProtocol.Events events -> relay(child, events);
                    }
                }
            } catch (IOException | RuntimeException ex) {
                LOG.debug("fleet process {} output ended: {}", number, ex.toString());
            }
            if (!child.summary.isDone()) {
                child.summary.completeExceptionally(new IllegalStateException("fleet process " + number + " (pid "
                        + child.process.pid() + ") ended without a summary; exit code "
                        + (child.process.isAlive() ? "none yet" : child.process.exitValue())));
            }
        }, "fleet-process-" + number);
        reader.setDaemon(true);
        reader.start();
    }

    private void relay(Child child, ChildProtocol.Events events) {
        if (listener == null) {
            return;
        }
        for (String connection : events.connections()) {
            if (connection.charAt(0) == '+') {
                listener.chargerUp(connection.substring(1));
            } else {
                listener.chargerDown(connection.substring(1));
            }
        }
        events.acknowledged().forEach(listener::acknowledged);
        events.discarded().forEach(d -> listener.discarded(d.chargerId(), d.action()));
        events.sessionStarts().forEach(s -> listener.sessionStart(s.succeeded(), s.nanos()));
        ChildProtocol.Gauges gauges = events.gauges();
        if (gauges != null) {
            // under one lock, so two children's batches cannot interleave into a sum nobody ever had
            synchronized (children) {
                child.gauges = gauges;
                int size = 0;
                int connected = 0;
                int accepted = 0;
                for (Child each : children) {
                    size += each.gauges.size();
                    connected += each.gauges.connected();
                    accepted += each.gauges.accepted();
                }
                listener.gauges(size, connected, accepted);
            }
        }
    }

    /** The children's latest progress, summed. */
    public FleetSnapshot snapshot() {
        return FleetSnapshot.sum(children.stream().map(child -> child.latest.get()).toList());
    }

    /** Process ids of the children. */
    public List<Long> pids() {
        return children.stream().map(child -> child.process.pid()).toList();
    }

    /** Completes with a child's message when it had to stop (ports, files). */
    public CompletableFuture<String> failure() {
        return failure;
    }

    /** True when every child has reported its summary (their runs are over). */
    public boolean finished() {
        return children.stream().allMatch(child -> child.summary.isDone());
    }

    /** Asks every child to stop and report. */
    public void stop() {
        for (Child child : children) {
            try {
                OutputStream in = child.process.getOutputStream();
                in.write((ChildProtocol.STOP + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException ex) {
                // already gone
            }
        }
    }

    /**
     * Waits for every child's summary and merges them.
     *
     * @throws IllegalStateException naming the child that gave none within {@code timeout}
     */
    public FleetSummary summary(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<FleetSummary> parts = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            Child child = children.get(i);
            try {
                parts.add(child.summary.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.TimeoutException ex) {
                throw new IllegalStateException("fleet process " + i + " (pid " + child.process.pid()
                        + ") sent no summary within " + timeout, ex);
            } catch (java.util.concurrent.ExecutionException ex) {
                throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for fleet summaries", ex);
            }
        }
        return FleetSummary.merge(parts);
    }

    /** Stops the children: asks, waits up to 15 s, then kills them. Idempotent. */
    @Override
    public void close() {
        stop();
        for (Child child : children) {
            try {
                child.process.getOutputStream().close();
            } catch (IOException ex) {
                // already gone
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (Child child : children) {
            try {
                if (!child.process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    child.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                child.process.destroyForcibly();
            }
        }
    }
}
