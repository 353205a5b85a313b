package dev.chargestorm.fleet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.chargestorm.fleet.Fleet;
import dev.chargestorm.fleet.FleetSettings;
import dev.chargestorm.fleet.metrics.FleetSnapshot;
import dev.chargestorm.fleet.metrics.FleetSummary;
import dev.chargestorm.fleet.metrics.RecoveryStats;
import dev.chargestorm.fleet.support.ScriptedCentralSystem;

/**
 * The fleet's own ramp rate, measured against a central system that keeps up: a minimal OCPP-J server in this JVM
 * that answers every CALL at once (the real central system accepts about 100 new chargers a second on this
 * machine, see docs/benchmarks.md, so it cannot show what the fleet can do). One fleet in this process; the
 * server's sockets count against the same 20,000 open files, so at most 9,000 chargers.
 *
 * <pre>./mvnw -pl charger-fleet -Pbench verify -DskipTests -Dbench.args="9000 1000"</pre>
 *
 * Arguments: chargers (default 9,000), ramp in connects per second (default 1,000). Bounded: gives up after the
 * ramp's own duration plus 120 s. Writes target/bench/fleet-ramp.md.
 */
public final class RampBench {

    private static final int MAX_CHARGERS = 9_000;

    private RampBench() {
    }

    public static void main(String[] args) throws IOException {
        int chargers = args.length > 0 ? Integer.parseInt(args[0]) : MAX_CHARGERS;
        int ramp = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        if (chargers < 1 || chargers > MAX_CHARGERS || ramp < 1) {
            throw new IllegalArgumentException("expected 1 to " + MAX_CHARGERS + " chargers (server and fleet share"
                    + " this process's 20,000 open files) and a ramp of at least 1 per second, but got " + chargers
                    + " and " + ramp);
        }
        Duration timeout = Duration.ofSeconds(chargers / ramp + 120);
        List<String> report = new ArrayList<>();
        report.add("# Fleet ramp against a central system that keeps up: " + chargers + " chargers at " + ramp + "/s");
        report.add("");
        report.add("- started " + Instant.now() + "; load average " + loadAverage() + "; "
                + Runtime.getRuntime().availableProcessors() + " cores, java " + Runtime.version());
        try (ScriptedCentralSystem server = ScriptedCentralSystem.start(RampBench::answer);
                Fleet fleet = Fleet.start(FleetSettings.builder(server.url()).chargers(chargers)
                        .rampPerSecond(ramp).seed(1).build())) {
            long started = System.nanoTime();
            List<FleetSnapshot> timeline = new ArrayList<>();
            FleetSnapshot last = fleet.metrics().snapshot();
            while (last.accepted() < chargers && System.nanoTime() - started < timeout.toNanos()) {
                sleepOneSecond();
                last = fleet.metrics().snapshot();
                timeline.add(last);
                System.err.printf(Locale.ROOT, "[%5.1f s] connected %,d  accepted %,d  attempts %,d%n",
                        (System.nanoTime() - started) / 1e9, last.connected(), last.accepted(), last.connectAttempts());
            }
            FleetSummary summary = fleet.summary();
            report.addAll(results(chargers, ramp, last, timeline, summary));
        }
        report.add("- finished " + Instant.now() + "; load average " + loadAverage());
        report.forEach(System.out::println);
        Path out = Path.of("target", "bench", "fleet-ramp.md");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        System.out.println("Report written to " + out.toAbsolutePath());
    }

    private static List<String> results(int chargers, int ramp, FleetSnapshot last, List<FleetSnapshot> timeline,
            FleetSummary summary) {
        List<String> lines = new ArrayList<>();
        RecoveryStats start = summary.recoveries().stream().filter(r -> r.kind().equals("ramp")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the fleet's summary has no ramp"));
        long[] up = start.upOffsetsMillis();
        lines.add("- accepted: " + last.accepted() + " of " + chargers + "; connect attempts " + last.connectAttempts()
                + " " + summary.connectOutcomes() + "; CALL timeouts " + summary.callTimeouts());
        if (up.length > 0) {
            long lastUp = up[up.length - 1];
            lines.add(String.format(Locale.ROOT, "- online: 50 %% at %,d ms, 99 %% at %,d ms, all at %,d ms after the"
                    + " fleet started = %.0f chargers/s on average (the ramp alone would take %,d ms)",
                    start.p50Millis(), start.p99Millis(), lastUp, up.length * 1000.0 / Math.max(1, lastUp),
                    chargers * 1000L / ramp));
            lines.add("- chargers coming online per whole second: peak " + peakPerSecond(up)
                    + ", median over the ramp " + medianPerSecond(up));
        }
        int peakAttempts = 0;
        for (int i = 1; i < timeline.size(); i++) {
            peakAttempts = (int) Math.max(peakAttempts,
                    timeline.get(i).connectAttempts() - timeline.get(i - 1).connectAttempts());
        }
        lines.add("- connect attempts per second (1 s samples): peak " + peakAttempts);
        lines.add("- Boot round trip: p50 " + summary.bootRoundTrip().getValueAtPercentile(50) + " ms, p99 "
                + summary.bootRoundTrip().getValueAtPercentile(99) + " ms, max "
                + summary.bootRoundTrip().getMaxValue() + " ms");
        lines.add("- this JVM (fleet and server): heap used " + usedHeapMb() + " MB, CPU "
                + ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                        .getProcessCpuTime() / 1_000_000 + " ms in total");
        return lines;
    }

    private static int peakPerSecond(long[] upOffsets) {
        int[] perSecond = perSecond(upOffsets);
        int peak = 0;
        for (int count : perSecond) {
            peak = Math.max(peak, count);
        }
        return peak;
    }

    /** Median over the whole seconds of the ramp (the first and last, partly filled, left out). */
    private static int medianPerSecond(long[] upOffsets) {
        int[] perSecond = perSecond(upOffsets);
        if (perSecond.length <= 2) {
            return perSecond.length == 0 ? 0 : perSecond[0];
        }
        int[] inner = Arrays.copyOfRange(perSecond, 1, perSecond.length - 1);
        Arrays.sort(inner);
        return inner[inner.length / 2];
    }

    private static int[] perSecond(long[] upOffsets) {
        if (upOffsets.length == 0) {
            return new int[0];
        }
        int[] counts = new int[(int) (upOffsets[upOffsets.length - 1] / 1000) + 1];
        for (long offset : upOffsets) {
            counts[(int) (offset / 1000)]++;
        }
        return counts;
    }

    private static String answer(String action) {
        return switch (action) {
            case "BootNotification" -> "{\"status\":\"Accepted\",\"currentTime\":\"" + Instant.now()
                    + "\",\"interval\":300}";
            case "Heartbeat" -> "{\"currentTime\":\"" + Instant.now() + "\"}";
            default -> "{}";
        };
    }

    private static long usedHeapMb() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException ex) {
            return "unknown";
        }
    }

    private static void sleepOneSecond() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }
}
