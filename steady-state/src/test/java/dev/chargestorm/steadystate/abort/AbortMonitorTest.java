package dev.chargestorm.steadystate.abort;

import static dev.chargestorm.steadystate.dsl.SloDsl.abortPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chargestorm.steadystate.evaluation.InvariantCheck;
import dev.chargestorm.steadystate.evaluation.SliceSample;
import dev.chargestorm.steadystate.slo.AbortPolicy;
import dev.chargestorm.steadystate.slo.Invariant;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import dev.chargestorm.steadystate.slo.Phase;

import org.junit.jupiter.api.Test;

class AbortMonitorTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant INJECTED = T0.plusSeconds(60);
    private static final ObjectiveKey START = new ObjectiveKey("session-start-success", "99.9 %");
    private static final ObjectiveKey SEARCH = new ObjectiveKey("search-latency", "p99 < 1 s");
    private static final Duration SLICE = Duration.ofSeconds(10);

    /** Six baseline slices of 100 good events, then the given fault slices (good per 100). */
    private static List<SliceSample> series(int... faultGoodPer100) {
        List<SliceSample> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            out.add(SliceSample.of(T0.plus(SLICE.multipliedBy(i)), SLICE, Phase.BASELINE, 100, 100));
        }
        for (int i = 0; i < faultGoodPer100.length; i++) {
            long total = faultGoodPer100[i] < 0 ? 0 : 100;
            out.add(SliceSample.of(INJECTED.plus(SLICE.multipliedBy(i)), SLICE, Phase.FAULT,
                    Math.max(0, faultGoodPer100[i]), total));
        }
        return out;
    }

    private static AbortInput input(List<SliceSample> start, List<SliceSample> search,
                                    Map<String, InvariantCheck> checks) {
        Instant now = start.getLast().end();
        return new AbortInput(now, Map.of(START, start, SEARCH, search), INJECTED,
                Map.of(START, 10.0, SEARCH, 10.0), Set.of(START, SEARCH), checks);
    }

    private static AbortMonitor monitor(AbortPolicy policy) {
        return new AbortMonitor(policy, Map.of(START, 0.999, SEARCH, 0.99), Map.of(START, 20L, SEARCH, 20L));
    }

    @Test
    void invariant_breach_aborts_at_once_with_the_missing_ids() {
        Invariant inv = new Invariant("zero-lost", "", "e", "a", 0, 0, Duration.ZERO, true);
        InvariantCheck breach = InvariantCheck.reconcile(inv, T0, List.of("tx-1", "tx-2", "tx-3"),
                List.of("tx-1", "tx-3", "tx-3"));
        AbortMonitor m = monitor(abortPolicy("p").invariantBreach("invariants", "zero-lost").build());

        AbortDecision d = m.evaluate(input(series(100), series(100), Map.of("zero-lost", breach))).orElseThrow();

        assertThat(d.rule()).isEqualTo("invariants");
        assertThat(d.kind()).isEqualTo("invariant-breach");
        assertThat(d.evidence()).isEqualTo("invariant zero-lost: 3 expected, 3 actual, 1 missing (e.g. tx-2), 1"
                + " duplicated (e.g. tx-3); allowed 0 missing, 0 duplicated");
    }

    @Test
    void invariant_that_holds_does_not_abort() {
        Invariant inv = new Invariant("zero-lost", "", "e", "a", 0, 0, Duration.ZERO, true);
        InvariantCheck ok = InvariantCheck.reconcile(inv, T0, List.of("tx-1"), List.of("tx-1"));
        AbortMonitor m = monitor(abortPolicy("p").invariantBreach("invariants", "zero-lost").build());
        assertThat(m.evaluate(input(series(100), series(100), Map.of("zero-lost", ok)))).isEmpty();
    }

    @Test
    void burn_rate_must_hold_on_both_windows_for_the_sustain_time() {
        // threshold 36 on 99.9 %: 3.6 % bad. Fault slices at 90 % good burn at 100.
        AbortMonitor m = monitor(abortPolicy("p").burnRate("fast-burn", Duration.ofMinutes(5), Duration.ofMinutes(1),
                36, Duration.ofSeconds(20), "session-start-success").build());
        // first slice: condition true, sustained 0 s
        assertThat(m.evaluate(input(series(90), series(100), Map.of()))).isEmpty();
        // second slice: sustained 10 s
        assertThat(m.evaluate(input(series(90, 90), series(100), Map.of()))).isEmpty();
        // third slice: sustained 20 s -> abort
        AbortDecision d = m.evaluate(input(series(90, 90, 90), series(100), Map.of())).orElseThrow();
        assertThat(d.evidence()).isEqualTo("session-start-success/99.9 %: burn rate 100.00 over PT5M and 100.00 over PT1M"
                + " >= threshold 36 for PT20S (required PT20S)");
    }

    @Test
    void a_short_window_that_recovered_resets_the_burn_rate_rule() {
        AbortMonitor m = monitor(abortPolicy("p").burnRate("fast-burn", Duration.ofMinutes(5), Duration.ofSeconds(10),
                36, Duration.ofSeconds(10), "session-start-success").build());
        assertThat(m.evaluate(input(series(90), series(100), Map.of()))).isEmpty();
        // long window still burns, short window (last slice) is clean: reset
        assertThat(m.evaluate(input(series(90, 100), series(100), Map.of()))).isEmpty();
        assertThat(m.evaluate(input(series(90, 100, 90), series(100), Map.of()))).isEmpty();
        assertThat(m.evaluate(input(series(90, 100, 90, 90), series(100), Map.of()))).isPresent();
    }

    @Test
    void budget_cap_uses_the_baseline_rate_to_size_the_period_budget() {
        // baseline 10 events/s, 1 day: 864,000 events, 0.1 % budget = 864, cap 10 % = 86.4 bad events
        AbortMonitor m = monitor(abortPolicy("p").budgetCap("budget-cap", 0.10, Duration.ofDays(1),
                "session-start-success").build());
        assertThat(m.evaluate(input(series(50), series(100), Map.of()))).isEmpty();
        AbortDecision d = m.evaluate(input(series(50, 60), series(100), Map.of())).orElseThrow();
        assertThat(d.kind()).isEqualTo("budget-cap");
        assertThat(d.evidence()).isEqualTo("session-start-success/99.9 %: 90 bad events since the first injection >="
                + " cap 86.40 (10.00 % of the PT24H budget 864.00 = 0.10 % of ~864,000 events at the baseline rate"
                + " 10/s)");
    }

    @Test
    void hard_floor_needs_consecutive_slices_below_the_floor() {
        AbortMonitor m = monitor(abortPolicy("p").hardFloor("floor", 0.95, 3, "session-start-success").build());
        assertThat(m.evaluate(input(series(90, 90, 96, 90, 90), series(100), Map.of()))).isEmpty();
        AbortDecision d = m.evaluate(input(series(90, 90, 96, 90, 90, 94), series(100), Map.of())).orElseThrow();
        assertThat(d.evidence()).isEqualTo("session-start-success/99.9 %: good-event ratio [90.00 %, 90.00 %, 94.00 %]"
                + " below 95.00 % in 3 consecutive slices");
    }

    @Test
    void hard_floor_is_exact_at_the_boundary() {
        AbortMonitor m = monitor(abortPolicy("p").hardFloor("floor", 0.95, 1, "session-start-success").build());
        assertThat(m.evaluate(input(series(95), series(100), Map.of()))).isEmpty();
        assertThat(m.evaluate(input(series(94), series(100), Map.of()))).isPresent();
    }

    @Test
    void no_data_fires_for_any_active_objective_without_events() {
        AbortMonitor m = monitor(abortPolicy("p").noData("no-data", 2).build());
        assertThat(m.evaluate(input(series(100, -1), series(100, 100), Map.of()))).isEmpty();
        AbortDecision d = m.evaluate(input(series(100, -1, -1), series(100, 100, 100), Map.of())).orElseThrow();
        assertThat(d.evidence()).isEqualTo("session-start-success/99.9 %: [0, 0] events in the last 2 slices, fewer"
                + " than the minimum 20");
    }

    @Test
    void rules_look_only_at_slices_after_the_first_injection() {
        // a floor of 2 slices must not count baseline slices, which all passed anyway; fault slice 1 is bad
        AbortMonitor m = monitor(abortPolicy("p").hardFloor("floor", 0.95, 2, "search-latency").build());
        assertThat(m.evaluate(input(series(100), series(10), Map.of()))).isEmpty();
        assertThat(m.evaluate(input(series(100, 100), series(10, 10), Map.of())).orElseThrow().rule())
                .isEqualTo("floor");
    }
}
