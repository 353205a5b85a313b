package dev.chargestorm.fleet.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.chargestorm.fleet.FleetSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The fleet command's options and their mistakes, without running a fleet. */
class FleetCommandOptionsTest {

    private static final String URL = "ws://127.0.0.1:8080/ocpp";

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private FleetCommand parse(String... args) {
        FleetCommand command = new FleetCommand(System.out, System.err);
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private int run(String... args) {
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        FleetCommand command = new FleetCommand(errors, errors);
        return new CommandLine(command).setErr(new PrintWriter(errors, true)).execute(args);
    }

    @Test
    void durationsAreReadInTheFleetsFormat() {
        FleetCommand command = parse("--url", URL, "--duration", "2m", "--progress-every", "250ms", "--call-timeout",
                "5s", "--tx-retry-interval", "1h", "--session-every", "0", "--session-length", "90s",
                "--meter-interval", "15s", "--answer-latency", "0ms-100ms", "--ramp", "50");
        FleetSettings settings = command.settings();
        assertThat(command.duration).isEqualTo(Duration.ofMinutes(2));
        assertThat(command.progressEvery).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.rampPerSecond()).isEqualTo(50);
        assertThat(settings.behaviour().callTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.behaviour().transactionMessageRetryInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.behaviour().sessionEvery()).isZero();
        assertThat(settings.behaviour().sessionDuration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.behaviour().meterValueInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.behaviour().answerLatencyMin()).isZero();
        assertThat(settings.behaviour().answerLatencyMax()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void theDefaultsAreTheHelpsDefaults() {
        FleetCommand command = parse("--url", URL);
        FleetSettings settings = command.settings();
        assertThat(command.duration).isNull();
        assertThat(command.progressEvery).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.rampPerSecond()).isEqualTo(1000);
        assertThat(settings.behaviour().callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.behaviour().transactionMessageRetryInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.behaviour().sessionEvery()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.behaviour().sessionDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.behaviour().meterValueInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.behaviour().answerLatencyMin()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.behaviour().answerLatencyMax()).isEqualTo(Duration.ofMillis(500));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --duration          | 10 minutes | expected a duration such as 500ms, 30s, 5m or 1h but was '10 minutes'
            --progress-every    | 0          | expected a duration such as 500ms, 30s, 5m or 1h but was '0'
            --call-timeout      | PT30S      | expected a duration such as 500ms, 30s, 5m or 1h but was 'PT30S'
            --tx-retry-interval | -1s        | expected a duration such as 500ms, 30s, 5m or 1h but was '-1s'
            --session-every     | soon       | expected a duration such as 500ms, 30s, 5m or 1h but was 'soon'
            --session-length    | 1d         | expected a duration such as 500ms, 30s, 5m or 1h but was '1d'
            --meter-interval    | 1.5s       | expected a duration such as 500ms, 30s, 5m or 1h but was '1.5s'
            --answer-latency    | 50ms       | expected MIN-MAX such as 50ms-500ms but was '50ms'
            --answer-latency    | 50ms-soon  | expected a duration such as 500ms, 30s, 5m or 1h but was 'soon'
            --ramp              | fast       | expected connects per second such as 1000/s (0: all at once) but was 'fast'
            --ramp              | -5/s       | expected connects per second such as 1000/s (0: all at once) but was '-5/s'
            """)
    void aValueThatDoesNotConvertIsExplainedNamingTheOption(String option, String value, String expected) {
        assertThat(run("--url", URL, option, value)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Invalid value for option '" + option + "': " + expected);
    }

    @Test
    void settingsOutsideTheirRulesAreExplainedWithExitCode2() {
        assertThat(run("--url", URL, "--chargers", "0")).isEqualTo(2);
        assertThat(run("--url", URL, "--tx-attempts", "0")).isEqualTo(2);
        assertThat(run("--url", URL, "--answer-latency", "500ms-50ms")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("chargestorm fleet: chargers must be at least 1 but was 0",
                        "chargestorm fleet: TransactionMessageAttempts must be at least 1 but was 0",
                        "chargestorm fleet: answer latency max (PT0.05S) is below min (PT0.5S)");
    }
}
