package dev.chargestorm.steadystate.dsl;

import static dev.chargestorm.steadystate.dsl.SloDsl.abortPolicy;
import static dev.chargestorm.steadystate.dsl.SloDsl.counter;
import static dev.chargestorm.steadystate.dsl.SloDsl.declarations;
import static dev.chargestorm.steadystate.dsl.SloDsl.gauge;
import static dev.chargestorm.steadystate.dsl.SloDsl.inProcessDataSource;
import static dev.chargestorm.steadystate.dsl.SloDsl.invariant;
import static dev.chargestorm.steadystate.dsl.SloDsl.objective;
import static dev.chargestorm.steadystate.dsl.SloDsl.prometheusDataSource;
import static dev.chargestorm.steadystate.dsl.SloDsl.recoveryObjective;
import static dev.chargestorm.steadystate.dsl.SloDsl.sli;
import static dev.chargestorm.steadystate.dsl.SloDsl.slo;
import static dev.chargestorm.steadystate.dsl.SloDsl.steadyState;
import static dev.chargestorm.steadystate.dsl.SloDsl.timer;
import static dev.chargestorm.steadystate.slo.Phase.BASELINE;
import static dev.chargestorm.steadystate.slo.Phase.FAULT;
import static dev.chargestorm.steadystate.slo.Phase.RECOVERY;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.EnumSet;

import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.PhaseBinding;
import dev.chargestorm.steadystate.slo.RecoveryObjective;
import dev.chargestorm.steadystate.slo.Sli;
import dev.chargestorm.steadystate.yaml.SloFiles;

import org.junit.jupiter.api.Test;

class DslYamlEquivalenceTest {

    /** The shipped charging-platform declarations, written with the DSL. */
    static Declarations chargingPlatform() {
        // dslExample {
        Sli le200 = sli("search-le-200ms").goodOver(timer("loaddriver", "search.request", ofMillis(200)),
                timer("loaddriver", "search.request"));
        Sli le1s = sli("search-le-1s").goodOver(timer("loaddriver", "search.request", ofSeconds(1)),
                timer("loaddriver", "search.request"));
        return declarations()
                .dataSource(inProcessDataSource("loaddriver"), inProcessDataSource("fleet"),
                        prometheusDataSource("csms", "http://127.0.0.1:8080/actuator/prometheus"))
                .sli(le200, le1s)
                .slo(slo("search-latency").service("search-api").occurrences().window(ofDays(28))
                                .objective(objective("p90 < 200 ms").indicator(le200).target(0.90))
                                .objective(objective("p99 < 1 s").indicator(le1s).target(0.99)).build(),
                        slo("search-errors").service("search-api").window(ofDays(28))
                                .indicator(sli("search-error-ratio").badOver(counter("loaddriver", "search.errors"),
                                        counter("loaddriver", "search.requests")))
                                .objective(objective("errors < 0.1 %").target(0.999)).build(),
                        slo("session-start-success").service("csms").window(ofDays(30))
                                .indicator(sli("session-start-within-30s").goodOver(
                                        timer("fleet", "session.start", ofSeconds(30)),
                                        counter("fleet", "session.start.attempts")))
                                .objective(objective(">= 99.9 % within 30 s").target(0.999)).build(),
                        slo("fleet-availability").service("csms").timeslices().window(ofDays(30))
                                .indicator(sli("fleet-accepted-ratio").gaugeRatio(gauge("fleet", "fleet.accepted"),
                                        gauge("fleet", "fleet.size")))
                                .objective(objective(">= 99 % connected").target(0.99).timeSliceTarget(0.99)).build())
                .recoveryObjective(recoveryObjective("fleet-reconnect-60s", "fleet.connection",
                        RecoveryObjective.Anchor.DISRUPTION_END, ofSeconds(60), 0.99))
                .invariant(invariant("zero-lost-transactions")
                        .description("every StartTransaction / StopTransaction / MeterValues a charger got a"
                                + " CALLRESULT for is in the database exactly once")
                        .reconcile("fleet.confirmed-messages", "db.persisted-messages")
                        .settle(ofSeconds(30)).continuous().build())
                .steadyState(steadyState("charging-platform").slice(ofSeconds(10)).minEventsPerSlice(20)
                        .baseline(ofMinutes(2), true).recovery(ofSeconds(60), ofMinutes(3))
                        .objective("search-latency", BASELINE, RECOVERY)
                        .objective("search-latency", "p99 < 1 s", FAULT)
                        .objective("search-errors", BASELINE, RECOVERY)
                        .objective("session-start-success", BASELINE, FAULT, RECOVERY)
                        .bind(new PhaseBinding("fleet-availability", null, EnumSet.of(BASELINE, RECOVERY), 1L))
                        .recoveryObjective("fleet-reconnect-60s")
                        .invariant("zero-lost-transactions").build())
                .abortPolicy(abortPolicy("charging-platform-default").evaluateEvery(ofSeconds(10))
                        .invariantBreach("invariants", "zero-lost-transactions")
                        .burnRate("fast-burn", ofMinutes(5), ofMinutes(1), 36, ofSeconds(30),
                                "session-start-success", "search-latency/p99 < 1 s")
                        .burnRate("fast-burn-p90", ofMinutes(5), ofMinutes(1), 5, ofSeconds(30),
                                "search-latency/p90 < 200 ms")
                        .budgetCap("budget-cap", 0.05, ofDays(30), "session-start-success")
                        .hardFloor("floor", 0.95, 3, "session-start-success")
                        .noData("no-data", 3).build())
                .build();
        // }
    }

    @Test
    void dsl_and_yaml_build_equal_models() {
        // WHEN
        Declarations fromYaml = SloFiles.load(Path.of("slo/charging-platform.yaml"));
        Declarations fromDsl = chargingPlatform();
        // THEN: kind by kind first for readable diffs, then the whole model
        assertThat(fromDsl.dataSources()).isEqualTo(fromYaml.dataSources());
        assertThat(fromDsl.slis()).isEqualTo(fromYaml.slis());
        assertThat(fromDsl.slos()).isEqualTo(fromYaml.slos());
        assertThat(fromDsl.steadyStates()).isEqualTo(fromYaml.steadyStates());
        assertThat(fromDsl.recoveryObjectives()).isEqualTo(fromYaml.recoveryObjectives());
        assertThat(fromDsl.invariants()).isEqualTo(fromYaml.invariants());
        assertThat(fromDsl.abortPolicies()).isEqualTo(fromYaml.abortPolicies());
        assertThat(fromDsl).isEqualTo(fromYaml);
    }

    @Test
    void merging_with_nothing_keeps_the_model_and_another_model_differs() {
        Declarations fromYaml = SloFiles.load(Path.of("slo/charging-platform.yaml"));
        Declarations changed = chargingPlatform().merge(Declarations.empty());
        assertThat(changed).isEqualTo(fromYaml);
        Declarations other = declarations().dataSource(inProcessDataSource("loaddriver")).build();
        assertThat(other).isNotEqualTo(fromYaml);
    }

    @Test
    void dsl_steps_are_immutable_and_reject_broken_references() {
        var base = slo("s").service("svc");
        var withObjective = base.objective(objective("o").indicator(sli("x").goodOver(counter("d", "g"),
                counter("d", "t"))).target(0.9));
        assertThat(base.objectives()).isEmpty();
        assertThat(withObjective.objectives()).hasSize(1);
        assertThatIllegalArgumentException().isThrownBy(() -> declarations().slo(withObjective.build()).build())
                .withMessage("SLO 's' objective 'o': metricSourceRef 'd' is not a declared DataSource");
        assertThatIllegalArgumentException().isThrownBy(() -> objective("o").indicator(sli("x").goodOver(
                        counter("d", "g"), counter("d", "t"))).target(1.0).build(null))
                .withMessage("'objective 'o' target' must be in [0, 1) but was [1.0]");
    }
}
