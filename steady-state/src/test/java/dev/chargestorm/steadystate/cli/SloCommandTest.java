package dev.chargestorm.steadystate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SloCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void valid_files_exit_zero_with_a_summary() {
        int code = run("validate", "slo/charging-platform.yaml");
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("valid: 1 file, 3 DataSource, 2 SLI, 4 SLO (5 objectives), 1 SteadyState,"
                + " 1 RecoveryObjective, 1 Invariant, 1 AbortPolicy\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void invalid_files_print_every_problem_and_exit_one(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: chaos.chargestorm.dev/v1alpha1
                kind: RecoveryObjective
                metadata: { name: back }
                spec: { population: p, anchor: later, within: 60, target: 0.99 }
                """);
        int code = run("validate", bad.toString());
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo(bad + ":4: RecoveryObjective 'back' spec.anchor: expected disruptionStart or"
                + " disruptionEnd but was 'later'\n"
                + bad + ":4: RecoveryObjective 'back' spec.within: expected a duration like 500ms, 30s, 5m, 1h, 28d or"
                + " 2w but was '60'\n"
                + "2 problems; fix them and run 'slo validate' again\n");
    }

    @Test
    void a_missing_file_is_named() {
        assertThat(run("validate", "no/such.yaml")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("no/such.yaml: no such file (run from the repository root, or give an"
                + " absolute path)\n");
    }

    @Test
    void no_files_is_a_usage_error() {
        assertThat(run("validate")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
    }
}
