package dev.chargestorm.fleet.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.chargestorm.fleet.FleetSettings;
import dev.chargestorm.fleet.support.CentralSystem;
import dev.chargestorm.fleet.support.SharedCentralSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(SharedCentralSystem.class)
class FleetCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        FleetCommand command = new FleetCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).setErr(new java.io.PrintWriter(err, true)).execute(args);
    }

    @Test
    void optionsBecomeSettings() {
        FleetCommand command = new FleetCommand(System.out, System.err);
        new CommandLine(command).parseArgs("--url", "ws://127.0.0.1:8080/ocpp", "--url", "ws://127.0.0.1:8081/ocpp",
                "--chargers", "10000", "--ramp", "1000/s", "--persona", "immediate=0.7,backoff-jitter=0.3",
                "--seed", "42", "--tx-retry-interval", "10s", "--answer-latency", "0ms-100ms");
        FleetSettings settings = command.settings();
        assertThat(settings.chargers()).isEqualTo(10_000);
        assertThat(settings.rampPerSecond()).isEqualTo(1000);
        assertThat(settings.seed()).isEqualTo(42);
        assertThat(settings.behaviour().urls()).hasSize(2);
        assertThat(settings.personas().shares()).hasSize(2);
        assertThat(settings.behaviour().transactionMessageRetryInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.behaviour().answerLatencyMax()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.loopbackSources()).hasSize(8);
    }

    @Test
    void mistakesAreExplainedWithExitCode2() {
        assertThat(run("--url", "ws://127.0.0.1:8080/ocpp", "--persona", "polite")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("chargestorm fleet: unknown persona trait 'polite'");
        assertThat(run("--url", "ws://127.0.0.1:8080/ocpp", "--chargers", "30000")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("30,000 chargers do not fit into one process (at most 15,000: the open-file limit and the "
                        + "heap); add --processes 2");
        assertThat(run("--url", "ws://127.0.0.1:8080/ocpp", "--ramp", "fast")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Invalid value for option '--ramp': expected connects per second such as 1000/s (0: all at "
                        + "once) but was 'fast'");
    }

    @Test
    void aTimedRunPrintsProgressAndWritesTheSummary(CentralSystem sut, @TempDir Path dir) throws Exception {
        Path summary = dir.resolve("summary.json");
        Path ids = dir.resolve("ids.txt");
        int code = run("--url", sut.url().toString(), "--chargers", "5", "--id-prefix", "CLI-", "--duration", "3s",
                "--progress-every", "500ms", "--session-every", "0", "--summary", summary.toString(),
                "--acknowledged-ids", ids.toString());
        assertThat(code).isEqualTo(0);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("connected 5/5").contains("connects/s")
                .contains("boot p99");
        assertThat(Files.readString(summary)).contains("\"size\" : 5").contains("\"accepted\" : 5")
                .contains("\"bootRoundTripMillis\"");
        assertThat(ids).exists();
    }
}
