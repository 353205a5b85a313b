package dev.chargestorm.chaos.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chargestorm.chaos.runtime.NodeHandle;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU and wall time of node start-ups without and with class-data sharing, one node alone and four together. Not part
 * of the build (the name does not end in Test); run it with
 * {@code ./mvnw -pl chaos-experiments -am verify -Dtest=NodeStartupBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * CPU is utime + stime of each node JVM from {@code /proc/<pid>/stat} sampled (every 100 ms) once its log has the
 * Started line; wall is Spring Boot's
 * "process running for"; load is {@code /proc/loadavg} before each start.
 */
@Timeout(1800)
class NodeStartupBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(NodeStartupBenchmark.class);
    private static final Path REPORTS = Path.of("target", "chaos-reports", "node-startup");
    private static final Pattern STARTED = Pattern.compile(
            "Started SystemUnderTestApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final double TICKS_PER_SECOND = 100.0;

    @Test
    void measuresNodeStartUps() throws Exception {
        EmbeddedRuntimeSettings base = EmbeddedRuntimeSettings.defaults();
        // a fresh archive key: the first start with sharing on pays extraction and training, measured in children CPU
        EmbeddedRuntimeSettings fresh = base.withNodeJvmOptions(with(base.nodeJvmOptions(),
                "-Dchargestorm.benchmark=" + System.currentTimeMillis()));
        List<String> results = new ArrayList<>();
        double withoutSetup = childrenCpu(() -> measure(fresh.withClassDataSharing(false), Topology.of(Zone.of("a")),
                "setup-off", results));
        double withSetup = childrenCpu(() -> measure(fresh, Topology.of(Zone.of("a")), "setup-on-training", results));
        results.add(String.format(Locale.ROOT, "training (extract + training run): %.1f CPU s (harness children CPU"
                + " %.1f s with training vs %.1f s without)", withSetup - withoutSetup, withSetup, withoutSetup));
        Topology one = Topology.of(Zone.of("a"));
        Topology four = Topology.of(Zone.of("a").withApiNodes(1), Zone.of("b").withApiNodes(1));
        for (int round = 1; round <= 2; round++) {
            measure(fresh.withClassDataSharing(false), one, "single-off-" + round, results);
            measure(fresh, one, "single-on-" + round, results);
        }
        measure(fresh.withClassDataSharing(false), four, "four-off", results);
        measure(fresh, four, "four-on", results);
        results.forEach(line -> LOG.info("node start-up: {}", line));
        assertThat(results).isNotEmpty();
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double childrenCpu(Run run) throws Exception {
        double before = ownStat()[1];
        run.run();
        return ownStat()[1] - before;
    }

    private static void measure(EmbeddedRuntimeSettings settings, Topology topology, String name,
                                List<String> results) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        Path run = REPORTS.resolve(name);
        Map<String, Double> cpuAtStarted = new ConcurrentHashMap<>();
        CompletableFuture<RunningPlatform> starting = CompletableFuture.supplyAsync(
                () -> new EmbeddedRuntime(settings).start(topology, run));
        // CPU of each node when its log says Started, sampled every 100 ms
        await("the platform " + name).atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    sampleStartedNodes(run, cpuAtStarted);
                    return starting.isDone();
                });
        sampleStartedNodes(run, cpuAtStarted);
        try (RunningPlatform platform = starting.join()) {
            List<Double> cpu = new ArrayList<>();
            List<Double> wall = new ArrayList<>();
            for (NodeHandle node : platform.nodes()) {
                Matcher started = STARTED.matcher(Files.readString(node.log().orElseThrow()));
                assertThat(started.find()).as("the Started line of %s", node).isTrue();
                wall.add(Double.parseDouble(started.group(2)));
                cpu.add(cpuAtStarted.getOrDefault(node.node().name(), Double.NaN));
            }
            results.add(String.format(Locale.ROOT, "%-18s nodes %d  CPU s per node %s (mean %.1f)  wall s %s (mean %.1f)"
                    + "  loadavg before: %s", name, cpu.size(), format(cpu), mean(cpu), format(wall), mean(wall),
                    load));
        }
    }

    /** Records the CPU seconds of every node JVM (not the training run) whose log has its Started line. */
    private static void sampleStartedNodes(Path run, Map<String, Double> cpuAtStarted) {
        ProcessHandle.current().children().forEach(child -> {
            List<String> arguments = List.of(child.info().arguments().orElse(new String[0]));
            if (arguments.stream().anyMatch(arg -> arg.contains("cds-training"))) {
                return;
            }
            arguments.stream().filter(arg -> arg.startsWith("--chargestorm.node.id=")).findFirst()
                    .map(arg -> arg.substring("--chargestorm.node.id=".length()))
                    .filter(node -> !cpuAtStarted.containsKey(node))
                    .ifPresent(node -> {
                        try {
                            double cpu = cpuSeconds(Path.of("/proc", Long.toString(child.pid()), "stat"));
                            if (STARTED.matcher(Files.readString(run.resolve("logs").resolve(node + ".log"))).find()) {
                                cpuAtStarted.put(node, cpu);
                            }
                        } catch (IOException gone) {
                            // not started yet or already gone
                        }
                    });
        });
    }

    private static double cpuSeconds(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        // fields from the state on: utime is field 14 of the line, index 11 here; stime index 12
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** @return {own utime + stime, waited-for children's cutime + cstime} in seconds */
    private static double[] ownStat() throws IOException {
        String text = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return new double[] {(Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND,
                (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND};
    }

    private static String[] with(List<String> options, String extra) {
        List<String> all = new ArrayList<>(options);
        all.add(extra);
        return all.toArray(String[]::new);
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList().toString();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
