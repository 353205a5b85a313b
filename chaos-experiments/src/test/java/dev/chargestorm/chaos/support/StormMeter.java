package dev.chargestorm.chaos.support;

import dev.chargestorm.chaos.runtime.NodeHandle;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.topology.NodeRole;
import dev.chargestorm.fleet.process.FleetProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a large storm does to the machine, sampled in the background for a benchmark: the fleet's Accepted count (its
 * dips and recoveries), each central-system node's connected chargers and database pool (Hikari active and pending
 * from its Prometheus endpoint), and the open files of the test JVM and every process it started
 * ({@code /proc/<pid>/fd}). Close it to stop sampling.
 */
public final class StormMeter implements AutoCloseable {

    private static final Pattern HIKARI = Pattern.compile(
            "^hikaricp_connections_(active|pending|max)\\{[^}]*}\\s+(\\S+)$", Pattern.MULTILINE);

    private final FleetProcesses fleet;
    private final List<NodeHandle> nodes;
    private final ServerView serverView;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> poolActiveMax = new ConcurrentHashMap<>();
    private final Map<String, Integer> poolPendingMax = new ConcurrentHashMap<>();
    private final Map<String, Integer> poolSize = new ConcurrentHashMap<>();
    private final Map<String, Integer> filesMax = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler;

    private record Accepted(Instant at, int count) {
    }

    /** One dip of the fleet's Accepted count: from below the full fleet until the full fleet again (or the end). */
    public record Dip(Instant start, Duration untilAllAccepted, int lowest, boolean recovered) {
    }

    private StormMeter(RunningPlatform platform, FleetProcesses fleet) {
        this.fleet = fleet;
        this.nodes = platform.nodes(NodeRole.CSMS);
        this.serverView = ServerView.sample(platform, Duration.ofSeconds(1));
        this.sampler = Executors.newScheduledThreadPool(3, r -> {
            Thread thread = new Thread(r, "storm-meter");
            thread.setDaemon(true);
            return thread;
        });
        // the children report every 500 ms; sampling twice as often catches each of their updates
        sampler.scheduleWithFixedDelay(this::sampleFleet, 0, 250, TimeUnit.MILLISECONDS);
        sampler.scheduleWithFixedDelay(this::samplePools, 0, 2, TimeUnit.SECONDS);
        sampler.scheduleWithFixedDelay(this::sampleFiles, 0, 5, TimeUnit.SECONDS);
    }

    public static StormMeter start(RunningPlatform platform, FleetProcesses fleet) {
        return new StormMeter(platform, fleet);
    }

    private void sampleFleet() {
        accepted.add(new Accepted(Instant.now(), fleet.snapshot().accepted()));
    }

    private void samplePools() {
        for (NodeHandle node : nodes) {
            try {
                HttpRequest request = HttpRequest.newBuilder(node.adminUri().resolve("/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(5)).GET().build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                Matcher line = HIKARI.matcher(response.body());
                while (line.find()) {
                    int value = (int) Double.parseDouble(line.group(2));
                    Map<String, Integer> target = switch (line.group(1)) {
                        case "active" -> poolActiveMax;
                        case "pending" -> poolPendingMax;
                        default -> poolSize;
                    };
                    target.merge(node.name(), value, Math::max);
                }
            } catch (IOException | RuntimeException unanswered) {
                // a node being deployed does not answer: a missing sample
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sampleFiles() {
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .forEach(process -> {
                    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
                        filesMax.merge(label(process), (int) fds.count(), Math::max);
                    } catch (IOException | UncheckedIOException gone) {
                        // the process ended between listing and counting
                    }
                });
    }

    private String label(ProcessHandle process) {
        if (process.pid() == ProcessHandle.current().pid()) {
            return "test JVM";
        }
        int fleetIndex = fleet.pids().indexOf(process.pid());
        if (fleetIndex >= 0) {
            return "fleet-" + fleetIndex;
        }
        String arguments = String.join(" ", process.info().arguments().orElse(new String[0]));
        Matcher node = Pattern.compile("--chargestorm\\.node\\.id=(\\S+)").matcher(arguments);
        if (node.find()) {
            return node.group(1);
        }
        if (arguments.contains("ToxiproxyCommand")) {
            Matcher port = Pattern.compile("-port (\\d+)").matcher(arguments);
            return "toxiproxy (API port " + (port.find() ? port.group(1) : "?") + ")";
        }
        if (arguments.contains("Watchdog")) {
            return "watchdog " + process.pid();
        }
        // PostgreSQL's backends: one row for all of them, the most any one held
        String command = process.info().command().orElse("?");
        return command.substring(command.lastIndexOf('/') + 1);
    }

    /** @return the dips of the fleet's Accepted count below {@code size} between {@code from} and {@code to} */
    public List<Dip> dips(int size, Instant from, Instant to) {
        List<Dip> dips = new ArrayList<>();
        Instant start = null;
        int lowest = size;
        for (Accepted sample : accepted) {
            if (sample.at().isBefore(from) || sample.at().isAfter(to)) {
                continue;
            }
            if (start == null && sample.count() < size) {
                start = sample.at();
                lowest = sample.count();
            } else if (start != null && sample.count() < size) {
                lowest = Math.min(lowest, sample.count());
            } else if (start != null) {
                dips.add(new Dip(start, Duration.between(start, sample.at()), lowest, true));
                start = null;
            }
        }
        if (start != null) {
            dips.add(new Dip(start, Duration.between(start, to), lowest, false));
        }
        return dips;
    }

    /** @return the most chargers each central-system node held at once, by its own count */
    public Map<String, Integer> maxConnectedPerNode() {
        Map<String, Integer> max = new TreeMap<>();
        for (ServerView.Sample sample : serverView.samples()) {
            sample.connected().forEach((node, count) -> max.merge(node, count, Math::max));
        }
        return max;
    }

    /**
     * @return the central-system nodes that answered none of the server view's samples during the dip: the node being
     *     restarted, but under load also nodes too busy to answer within 2 s, so only a hint
     */
    public List<String> silentNodes(Dip dip) {
        Instant end = dip.start().plus(dip.untilAllAccepted());
        List<ServerView.Sample> during = serverView.between(dip.start(), end.plusSeconds(1));
        if (during.isEmpty()) {
            return List.of();
        }
        return nodes.stream().map(NodeHandle::name)
                .filter(node -> during.stream().allMatch(s -> s.connected(node) < 0)).toList();
    }

    /** @return per node: the most database connections in use and the most threads waiting for one, of the pool */
    public Map<String, String> databasePools() {
        Map<String, String> pools = new TreeMap<>();
        for (NodeHandle node : nodes) {
            pools.put(node.name(), "active max " + poolActiveMax.getOrDefault(node.name(), -1) + " of "
                    + poolSize.getOrDefault(node.name(), -1) + ", pending max "
                    + poolPendingMax.getOrDefault(node.name(), -1));
        }
        return pools;
    }

    /** @return the most open files each process held at once */
    public Map<String, Integer> maxOpenFiles() {
        return new TreeMap<>(filesMax);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        serverView.close();
        http.close();
    }
}
