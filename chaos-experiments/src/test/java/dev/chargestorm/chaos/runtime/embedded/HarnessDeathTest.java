package dev.chargestorm.chaos.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chargestorm.chaos.support.Processes;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The harness JVM dies with a platform running: SIGTERM (Ctrl-C, a test timeout) runs the shutdown hook, SIGKILL
 * leaves it to the watchdogs. Either way every process the platform started is gone soon after.
 */
@Timeout(300)
class HarnessDeathTest {

    private Process harness;
    private List<Long> pids = List.of();

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyChildProcessEndsWhenTheHarnessDies(boolean sigkill) throws IOException {
        // GIVEN a harness JVM with a platform
        Path run = Path.of("target", "chaos-reports", "harness-death-" + (sigkill ? "sigkill" : "sigterm"))
                .toAbsolutePath();
        Files.createDirectories(run);
        Path output = run.resolve("harness.log");
        harness = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), HarnessMain.class.getName(), run.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        AtomicReference<String> line = new AtomicReference<>();
        await("the harness printed its platform's process ids (" + output + ")").atMost(Duration.ofMinutes(3))
                .failFast("the harness exited; see " + output, () -> !harness.isAlive())
                .until(() -> {
                    line.set(Files.readAllLines(output).stream().filter(l -> l.startsWith("PIDS ")).findFirst()
                            .orElse(null));
                    return line.get() != null;
                });
        pids = Arrays.stream(line.get().substring(6, line.get().length() - 1).split(", ")).map(Long::parseLong)
                .toList();
        assertThat(Processes.alive(pids)).hasSize(4);

        // WHEN
        if (sigkill) {
            harness.destroyForcibly();
        } else {
            harness.destroy();
        }

        // THEN
        await("every process of the platform gone after " + (sigkill ? "SIGKILL" : "SIGTERM") + " of the harness")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(Processes.alive(pids)).isEmpty());
    }

    @AfterEach
    void killWhatIsLeft() {
        if (harness != null) {
            harness.destroyForcibly();
        }
        pids.stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream)
                .forEach(ProcessHandle::destroyForcibly);
    }
}
