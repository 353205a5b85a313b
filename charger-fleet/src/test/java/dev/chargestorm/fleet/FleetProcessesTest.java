package dev.chargestorm.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.chargestorm.fleet.metrics.FleetSummary;
import dev.chargestorm.fleet.process.FleetProcesses;
import dev.chargestorm.fleet.support.CentralSystem;
import dev.chargestorm.fleet.support.SharedCentralSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A fleet spread over child JVMs: combined progress and summary, and children that die with their parent. */
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
