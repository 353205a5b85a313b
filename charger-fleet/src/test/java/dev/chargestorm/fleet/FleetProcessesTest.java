package dev.chargestorm.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.chargestorm.fleet.metrics.FleetListener;
import dev.chargestorm.fleet.metrics.FleetSummary;
import dev.chargestorm.fleet.process.FleetProcesses;
import dev.chargestorm.fleet.support.CentralSystem;
import dev.chargestorm.fleet.support.SharedCentralSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet spread over child JVMs: combined progress and summary, listener events relayed live, a broken child protocol
 * reported, and children that die with their parent.
 */
@ExtendWith(SharedCentralSystem.class)
class FleetProcessesTest {

    private static final List<String> CHILD_JVM = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1");

    @Test
    void twoChildProcessesRunOneFleet(CentralSystem sut, @TempDir Path dir) {
        List<String> arguments = List.of("--url", sut.url().toString(), "--id-prefix", "PROC-", "--seed", "9",
                "--persona", "immediate=0.5,fixed:1s=0.5", "--session-every", "0", "--progress-every", "200ms",
                "--ramp", "0");
        try (FleetProcesses fleet = FleetProcesses.start(2, 30, arguments, CHILD_JVM, dir.resolve("children.log"))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> fleet.snapshot().accepted() == 30);
            assertThat(fleet.snapshot().size()).isEqualTo(30);
            fleet.stop();
            FleetSummary summary = fleet.summary(Duration.ofSeconds(30));
            assertThat(summary.processes()).isEqualTo(2);
            assertThat(summary.size()).isEqualTo(30);
            assertThat(summary.sent()).containsEntry("BootNotification", 30L);
            assertThat(summary.bootRoundTrip().getTotalCount()).isEqualTo(30);
        }
        // the two slices are the two halves of the fleet
        assertThat(sut.query("SELECT count(*) FROM charge_point WHERE id LIKE 'PROC-%'")).containsExactly("30");
        assertThat(sut.query("SELECT max(id) FROM charge_point WHERE id LIKE 'PROC-%'")).containsExactly("PROC-000030");
    }

    @Test
    void theChildrensListenerEventsReachTheParentsListenerLive(CentralSystem sut, @TempDir Path dir) {
        sut.provisionIdTags(20);
        List<String> arguments = List.of("--url", sut.url().toString(), "--id-prefix", "RELAY-", "--seed", "5",
                "--session-every", "1s", "--session-length", "2s", "--meter-interval", "1s",
                "--answer-latency", "0ms-5ms", "--progress-every", "200ms", "--ramp", "0");
        Recording listener = new Recording();
        try (FleetProcesses fleet = FleetProcesses.start(2, 20, arguments, CHILD_JVM,
                child -> dir.resolve("child-" + child + ".log"), listener)) {
            // WHILE the children run (not at the end): every charger up, the gauges summed over both children,
            // session starts and acknowledged transaction messages of chargers of both halves
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(listener.up).hasSize(20);
                assertThat(listener.gauges.get()).containsExactly(20, 20, 20);
                assertThat(listener.sessionsOk.get()).isGreaterThanOrEqualTo(10);
                assertThat(listener.acknowledged)
                        .anyMatch(id -> id.startsWith("StartTransaction:RELAY-0000") && id.compareTo(
                                "StartTransaction:RELAY-000011") < 0)
                        .anyMatch(id -> id.startsWith("StartTransaction:RELAY-0000") && id.compareTo(
                                "StartTransaction:RELAY-000011") >= 0)
                        .anyMatch(id -> id.startsWith("MeterValues:RELAY-"));
            });
            assertThat(fleet.finished()).isFalse();
            assertThat(listener.sessionNanos.get()).as("session-start latencies").isPositive();
            fleet.stop();
            FleetSummary summary = fleet.summary(Duration.ofSeconds(30));
            // THEN the relay lost nothing: the children flush their last batch before their summaries
            assertThat(listener.sessionsOk.get() + listener.sessionsFailed.get())
                    .isEqualTo(summary.sessionAttempts());
            assertThat(listener.acknowledged).hasSize((int) summary.acknowledged());
            assertThat(fleet.failure()).isNotDone();
        }
        assertThat(dir.resolve("child-0.log")).exists();
        assertThat(dir.resolve("child-1.log")).exists();
    }

    @Test
    void aLineOnAChildsStdoutThatIsNotTheProtocolIsAFailure(@TempDir Path dir) {
        // GIVEN a child JVM option that makes the JVM itself write to stdout (unified logging, a mistake that
        // would interleave with the protocol)
        List<String> jvm = List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xlog:gc:stdout");
        try (FleetProcesses fleet = FleetProcesses.start(1, 1, List.of("--url", "ws://127.0.0.1:9/ocpp"), jvm,
                child -> dir.resolve("child.log"), new Recording())) {
            // THEN the parent says what it read instead of dropping the line
            await().atMost(Duration.ofSeconds(60)).until(() -> fleet.failure().isDone());
            assertThat(fleet.failure().join()).startsWith("fleet process 0 (pid ")
                    .contains("not a fleet child protocol line (not a JSON object)").contains("[gc]");
        }
    }

    /** Records what the parent replays; called from one reader thread per child. */
    private static final class Recording implements FleetListener {
        final Set<String> up = ConcurrentHashMap.newKeySet();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final AtomicReference<List<Integer>> gauges = new AtomicReference<>(List.of());
        final AtomicInteger sessionsOk = new AtomicInteger();
        final AtomicInteger sessionsFailed = new AtomicInteger();
        final AtomicLong sessionNanos = new AtomicLong();

        @Override
        public void chargerUp(String chargerId) {
            up.add(chargerId);
        }

        @Override
        public void gauges(int size, int connected, int accepted) {
            gauges.set(List.of(size, connected, accepted));
        }

        @Override
        public void acknowledged(String messageId) {
            acknowledged.add(messageId);
        }

        @Override
        public void sessionStart(boolean succeeded, long nanos) {
            (succeeded ? sessionsOk : sessionsFailed).incrementAndGet();
            sessionNanos.addAndGet(nanos);
        }
    }

    @Test
    void childrenDieWhenTheParentIsKilled(CentralSystem sut, @TempDir Path dir) throws Exception {
        // GIVEN the CLI as a parent process with two children
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), "dev.chargestorm.fleet.cli.FleetCommand",
                "--url", sut.url().toString(), "--chargers", "4", "--processes", "2", "--id-prefix", "ORPH-",
                "--session-every", "0", "--process-jvm-options", String.join(" ", CHILD_JVM)));
        Process parent = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createFile(dir.resolve("parent.log")).toFile()).start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                children.clear();
                parent.children().forEach(children::add);
                return children.size() == 2;
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> sut.query(
                    "SELECT count(*) FROM charge_point WHERE id LIKE 'ORPH-%' AND online").equals(List.of("4")));
            // WHEN the parent is killed without a chance to clean up
            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            // THEN the children notice their stdin closed and exit by themselves
            await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            parent.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
