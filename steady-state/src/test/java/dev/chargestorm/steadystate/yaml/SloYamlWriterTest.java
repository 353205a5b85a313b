package dev.chargestorm.steadystate.yaml;

import static dev.chargestorm.steadystate.dsl.SloDsl.abortPolicy;
import static dev.chargestorm.steadystate.dsl.SloDsl.declarations;
import static dev.chargestorm.steadystate.dsl.SloDsl.objective;
import static dev.chargestorm.steadystate.dsl.SloDsl.sli;
import static dev.chargestorm.steadystate.dsl.SloDsl.slo;
import static dev.chargestorm.steadystate.dsl.SloDsl.steadyState;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.MetricSource;
import dev.chargestorm.steadystate.slo.Operator;
import dev.chargestorm.steadystate.slo.Phase;

import org.junit.jupiter.api.Test;

class SloYamlWriterTest {

    @Test
    void written_yaml_reads_back_into_an_equal_model() {
        // GIVEN
        Declarations platform = SloFiles.load(Path.of("slo/charging-platform.yaml"));
        // WHEN
        String yaml = SloYamlWriter.toYaml(platform);
        // THEN
        assertThat(SloFiles.parse("written.yaml", yaml)).isEqualTo(platform);
        assertThat(yaml).startsWith("apiVersion: openslo/v1\nkind: DataSource\n");
        assertThat(yaml).contains("kind: AbortPolicy");
    }

    @Test
    void threshold_slis_inline_sources_and_timeslices_round_trip() {
        MetricSource inline = new MetricSource(null, "harness.inprocess", Map.of("timer", "req", "tags.route", "/s"));
        Declarations d = declarations()
                .slo(slo("lat").service("svc").timeslices().window(Duration.ofDays(7))
                                .objective(objective("p95 < 250 ms").indicator(sli("req-latency").threshold(inline))
                                        .target(0.95).timeSliceTarget(0.9).below(Duration.ofMillis(250))).build(),
                        slo("gauge").service("svc").objective(objective("up").indicator(sli("up-gauge").threshold(
                                new MetricSource(null, "harness.inprocess", Map.of("gauge", "up"))))
                                .threshold(Operator.GTE, 1).target(0.9)).build())
                .steadyState(steadyState("s").objective("lat", Phase.FAULT).objective("gauge", Phase.BASELINE)
                        .recovery(Duration.ofMillis(1500), Duration.ofMinutes(2)).build())
                .abortPolicy(abortPolicy("p").noData("quiet", 2, "lat").hardFloor("floor", 0.5, 1, "gauge/up").build())
                .build();
        assertThat(SloFiles.parse("dsl.yaml", SloYamlWriter.toYaml(d))).isEqualTo(d);
    }

    @Test
    void durations_use_the_largest_exact_unit() {
        assertThat(SloYamlWriter.duration(Duration.ofDays(28))).isEqualTo("4w");
        assertThat(SloYamlWriter.duration(Duration.ofDays(30))).isEqualTo("30d");
        assertThat(SloYamlWriter.duration(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(SloYamlWriter.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(SloYamlWriter.duration(Duration.ZERO)).isEqualTo("0s");
    }
}
