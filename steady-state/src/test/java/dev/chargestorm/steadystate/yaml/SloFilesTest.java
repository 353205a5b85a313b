package dev.chargestorm.steadystate.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.chargestorm.steadystate.slo.AbortRule;
import dev.chargestorm.steadystate.slo.BudgetingMethod;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.Phase;
import dev.chargestorm.steadystate.slo.SliSpec;
import dev.chargestorm.steadystate.slo.Slo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloFilesTest {

    private static final String HEADER_SLI = """
            apiVersion: openslo/v1
            kind: SLI
            metadata: { name: ok }
            spec:
              ratioMetric:
                counter: true
                good:  { metricSource: { type: harness.inprocess, spec: { timer: t, le: 250ms } } }
                total: { metricSource: { type: harness.inprocess, spec: { timer: t } } }
            """;

    @Test
    void shipped_platform_file_loads_with_every_kind() {
        // WHEN
        Declarations d = SloFiles.load(Path.of("slo/charging-platform.yaml"));
        // THEN
        assertThat(d.slos()).extracting(Slo::name).containsExactly("search-latency", "search-errors",
                "session-start-success", "fleet-availability");
        Slo latency = d.slo("search-latency").orElseThrow();
        assertThat(latency.objectives()).extracting(o -> o.name() + "=" + o.target())
                .containsExactly("p90 < 200 ms=0.9", "p99 < 1 s=0.99");
        assertThat(latency.timeWindow()).isEqualTo(Duration.ofDays(28));
        assertThat(d.slo("fleet-availability").orElseThrow().budgetingMethod()).isEqualTo(BudgetingMethod.TIMESLICES);
        assertThat(d.steadyState("charging-platform").orElseThrow().objectives().get(1).phases())
                .containsExactly(Phase.FAULT);
        assertThat(d.steadyState("charging-platform").orElseThrow().slice()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.abortPolicy("charging-platform-default").orElseThrow().rules())
                .hasExactlyElementsOfTypes(AbortRule.InvariantBreach.class, AbortRule.BurnRate.class,
                        AbortRule.BurnRate.class, AbortRule.BudgetCap.class, AbortRule.HardFloor.class,
                        AbortRule.NoData.class);
        assertThat(((AbortRule.BudgetCap) d.abortPolicy("charging-platform-default").orElseThrow().rules().get(3))
                .maxFraction()).isEqualTo(0.05);
        assertThat(d.recoveryObjectives().getFirst().within()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.invariants().getFirst().maxMissing()).isZero();
    }

    @Test
    void durations_accept_milliseconds_and_seconds() {
        Declarations d = SloFiles.parse("inline.yaml", HEADER_SLI + """
                ---
                apiVersion: chaos.chargestorm.dev/v1alpha1
                kind: RecoveryObjective
                metadata: { name: back }
                spec: { population: p, anchor: disruptionStart, within: 1500ms, targetPercent: 95 }
                """);
        assertThat(d.recoveryObjectives().getFirst().within()).isEqualTo(Duration.ofMillis(1500));
        assertThat(d.recoveryObjectives().getFirst().target()).isEqualTo(0.95);
        assertThat(((SliSpec.Ratio) d.slis().getFirst().spec()).good().spec()).containsEntry("le", "250ms");
    }

    @Test
    void every_problem_names_file_line_subject_and_field() {
        // GIVEN line 13 misspells the budgeting method, line 17 has a target of 1.5, line 20 an unknown field
        String yaml = HEADER_SLI + """
                ---
                apiVersion: openslo/v1
                kind: SLO
                metadata: { name: search }
                spec:
                  service: search-api
                  budgetingMethod: Occurences
                  timeWindow: [ { duration: 28d, isRolling: true } ]
                  indicatorRef: ok
                  objectives:
                    - displayName: a
                      target: 1.5
                    - displayName: b
                      targetPercent: 99
                      colour: red
                """;
        // WHEN
        SloValidationException e = catchThrowableOfType(SloValidationException.class,
                () -> SloFiles.parse("slo/search.yaml", yaml));
        // THEN
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "slo/search.yaml:15: SLO 'search' spec.budgetingMethod: expected Occurrences or Timeslices"
                        + " (RatioTimeslices is not supported) but was 'Occurences'",
                "slo/search.yaml:20: SLO 'search' spec.objectives[0].target: expected a target in [0, 1) (or"
                        + " targetPercent in [0, 100)) but was 1.5",
                "slo/search.yaml:23: SLO 'search' spec.objectives[1].colour: unknown field; expected one of"
                        + " [displayName, op, value, target, targetPercent, timeSliceTarget, timeSliceWindow,"
                        + " indicator, indicatorRef, compositeWeight]");
        assertThat(e.getMessage()).startsWith("3 problems in SLO declarations:\nslo/search.yaml:15: ");
    }

    @Test
    void missing_required_fields_and_bad_values_are_reported_at_their_lines() {
        String yaml = """
                apiVersion: chaos.chargestorm.dev/v1alpha1
                kind: SteadyState
                metadata: { name: ss }
                spec:
                  slice: 10
                  minEventsPerSlice: many
                  phases: { baseline: { duration: 1m } }
                  objectives: []
                """;
        SloValidationException e = catchThrowableOfType(SloValidationException.class,
                () -> SloFiles.parse("ss.yaml", yaml));
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "ss.yaml:5: SteadyState 'ss' spec.slice: expected a duration like 500ms, 30s, 5m, 1h, 28d or 2w but"
                        + " was '10'",
                "ss.yaml:6: SteadyState 'ss' spec.minEventsPerSlice: expected an integer but was 'many'",
                "ss.yaml:7: SteadyState 'ss' spec.phases.recovery: required field is missing");
    }

    @Test
    void unknown_kind_and_wrong_api_version_are_rejected() {
        String yaml = """
                apiVersion: openslo/v1
                kind: Dashboard
                metadata: { name: x }
                spec: {}
                ---
                apiVersion: openslo/v1
                kind: SteadyState
                metadata: { name: y }
                spec: {}
                """;
        SloValidationException e = catchThrowableOfType(SloValidationException.class, () -> SloFiles.parse("k.yaml", yaml));
        assertThat(e.problems()).extracting(Problem::toString).startsWith(
                "k.yaml:2: document 1 kind: unsupported kind 'Dashboard'; expected one of [AbortPolicy,"
                        + " AlertCondition, AlertNotificationTarget, AlertPolicy, DataSource, Invariant,"
                        + " RecoveryObjective, SLI, SLO, Service, SteadyState]",
                "k.yaml:6: SteadyState 'y' apiVersion: expected 'chaos.chargestorm.dev/v1alpha1' for kind"
                        + " SteadyState but was 'openslo/v1'");
    }

    @Test
    void broken_yaml_syntax_is_reported_with_its_line() {
        SloValidationException e = catchThrowableOfType(SloValidationException.class,
                () -> SloFiles.parse("broken.yaml", "apiVersion: openslo/v1\nkind: SLI\nmetadata: { name: [x\n"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("broken.yaml");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("not valid YAML: ");
        });
    }

    @Test
    void openslo_limits_are_enforced() {
        String yaml = HEADER_SLI + """
                ---
                apiVersion: openslo/v1
                kind: SLO
                metadata: { name: Bad_Name }
                spec:
                  service: s
                  budgetingMethod: Timeslices
                  timeWindow: [ { duration: 1M, isRolling: true } ]
                  indicatorRef: missing
                  objectives: [ { displayName: a, target: 0.9 } ]
                """;
        SloValidationException e = catchThrowableOfType(SloValidationException.class, () -> SloFiles.parse("o.yaml", yaml));
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "o.yaml:12: SLO 'Bad_Name' metadata.name: expected an RFC 1123 DNS label (lower-case letters, digits"
                        + " and '-', at most 63 characters) but was 'Bad_Name'",
                "o.yaml:17: SLO 'Bad_Name' spec.indicatorRef: no SLI named 'missing' is declared; known: [ok]",
                "o.yaml:16: SLO 'Bad_Name' spec.timeWindow[0].duration: expected a duration like 500ms, 30s, 5m, 1h,"
                        + " 28d or 2w but was '1M'",
                "o.yaml:18: SLO 'Bad_Name' spec.objectives[0].timeSliceTarget: required for budgetingMethod"
                        + " Timeslices");
    }

    @Test
    void references_may_cross_files_and_duplicates_across_files_are_caught(@TempDir Path dir) throws IOException {
        Path slis = Files.writeString(dir.resolve("slis.yaml"), HEADER_SLI);
        Path slos = Files.writeString(dir.resolve("slos.yaml"), """
                apiVersion: openslo/v1
                kind: SLO
                metadata: { name: s }
                spec:
                  service: s
                  budgetingMethod: Occurrences
                  timeWindow: [ { duration: 7d, isRolling: true } ]
                  indicatorRef: ok
                  objectives: [ { displayName: fast, target: 0.9 } ]
                """);
        assertThat(SloFiles.load(List.of(slis, slos)).slo("s").orElseThrow().objectives().getFirst().indicator().name())
                .isEqualTo("ok");
        assertThatThrownBy(() -> SloFiles.load(List.of(slis, slos, slis)))
                .isInstanceOf(SloValidationException.class)
                .hasMessageContaining("slis.yaml:1: SLI 'ok' metadata.name: a SLI named 'ok' is already declared");
    }

    @Test
    void validate_returns_no_problems_for_the_shipped_file() {
        assertThat(SloFiles.validate(List.of(Path.of("slo/charging-platform.yaml")))).isEmpty();
    }
}
