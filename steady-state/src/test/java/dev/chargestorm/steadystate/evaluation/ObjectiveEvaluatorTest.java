package dev.chargestorm.steadystate.evaluation;

import static dev.chargestorm.steadystate.dsl.SloDsl.counter;
import static dev.chargestorm.steadystate.dsl.SloDsl.sli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.chargestorm.steadystate.slo.BudgetingMethod;
import dev.chargestorm.steadystate.slo.Objective;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import dev.chargestorm.steadystate.slo.Phase;
import dev.chargestorm.steadystate.slo.Sli;

import org.junit.jupiter.api.Test;

class ObjectiveEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    private static final Sli SLI = sli("ok-ratio").goodOver(counter("d", "good"), counter("d", "total"));
    private static final ObjectiveKey KEY = new ObjectiveKey("start-success", "99 %");

    private static Objective objective(double target, Double sliceTarget) {
        return new Objective("99 %", SLI, null, null, target, sliceTarget);
    }

    private static List<SliceSample> slices(long... goodTotalPairs) {
        List<SliceSample> out = new ArrayList<>();
        for (int i = 0; i < goodTotalPairs.length; i += 2) {
            out.add(SliceSample.of(T0.plusSeconds(10L * i / 2), Duration.ofSeconds(10), Phase.FAULT,
                    goodTotalPairs[i], goodTotalPairs[i + 1]));
        }
        return out;
    }

    private static ObjectiveResult occurrences(double target, long min, long... pairs) {
        return ObjectiveEvaluator.evaluate(KEY, objective(target, null), BudgetingMethod.OCCURRENCES, Phase.FAULT,
                slices(pairs), min);
    }

    @Test
    void clear_majority_above_target_passes_with_wilson_lower_bound_above_target() {
        // GIVEN 1000 of 1000 good events, target 99 %
        ObjectiveResult r = occurrences(0.99, 100, 500, 500, 500, 500);
        // THEN
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.measured()).isEqualTo(1.0);
        assertThat(r.wilson().low()).isCloseTo(0.996173, within(1e-6));
        assertThat(r.burnRate()).isEqualTo(0.0);
        assertThat(r.explanation()).isEqualTo(
                "100.00 % of 1000 events good (95 % Wilson [99.62 %, 100.00 %]); objective >= 99.00 %");
    }

    @Test
    void clearly_below_target_fails() {
        ObjectiveResult r = occurrences(0.99, 100, 480, 500, 490, 500);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.measured()).isCloseTo(0.97, within(1e-12));
        assertThat(r.wilson().high()).isLessThan(0.99);
        assertThat(r.burnRate()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void below_target_but_within_the_interval_is_inconclusive_not_fail() {
        // 98.5 % of 1000: Wilson high 99.09 % still reaches the 99 % target
        ObjectiveResult r = occurrences(0.99, 100, 490, 500, 495, 500);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.wilson().high()).isCloseTo(0.990889, within(1e-6));
    }

    @Test
    void ratio_exactly_at_target_is_inconclusive_because_the_interval_straddles_it() {
        ObjectiveResult r = occurrences(0.99, 100, 990, 1000);
        assertThat(r.measured()).isEqualTo(0.99);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.explanation()).endsWith("; the 95 % interval straddles the target, so neither PASS nor FAIL");
    }

    @Test
    void few_perfect_events_cannot_prove_a_high_target() {
        // 500 of 500 good against 99.9 %: Wilson low is 99.24 %
        ObjectiveResult r = occurrences(0.999, 1, 500, 500);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void all_bad_slices_fail_with_maximum_burn_rate() {
        ObjectiveResult r = occurrences(0.9, 10, 0, 100, 0, 100);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.measured()).isZero();
        assertThat(r.burnRate()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void empty_slices_give_no_data() {
        ObjectiveResult r = occurrences(0.99, 10, 0, 0, 0, 0);
        assertThat(r.verdict()).isEqualTo(Verdict.NO_DATA);
        assertThat(r.measured()).isNaN();
        assertThat(r.explanation()).isEqualTo("no events in 2 slices");
    }

    @Test
    void a_phase_without_slices_gives_no_data() {
        ObjectiveResult r = occurrences(0.99, 10);
        assertThat(r.verdict()).isEqualTo(Verdict.NO_DATA);
        assertThat(r.explanation()).isEqualTo("no slices in phase FAULT");
    }

    @Test
    void slices_below_the_minimum_never_pass() {
        // 3000 good events but no slice reached 2000
        ObjectiveResult r = occurrences(0.9, 2000, 1000, 1000, 1000, 1000, 1000, 1000);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.validSlices()).isZero();
        assertThat(r.explanation()).contains("too few events: no slice reached 2000 events");
    }

    @Test
    void timeslices_count_good_slices_against_the_slice_target() {
        // slice target 95 %: slices at 100 %, 95 % (boundary: good), 94 %, and one below the minimum
        ObjectiveResult r = ObjectiveEvaluator.evaluate(KEY, objective(0.6, 0.95), BudgetingMethod.TIMESLICES,
                Phase.FAULT, slices(100, 100, 95, 100, 94, 100, 1, 1), 10);
        assertThat(r.validSlices()).isEqualTo(3);
        assertThat(r.goodSlices()).isEqualTo(2);
        assertThat(r.measured()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.explanation()).isEqualTo("2 of 3 valid slices good (66.67 %); objective >= 60.00 % of slices");
    }

    @Test
    void timeslices_fail_below_target_and_are_inconclusive_without_valid_slices() {
        ObjectiveResult fail = ObjectiveEvaluator.evaluate(KEY, objective(0.9, 0.95), BudgetingMethod.TIMESLICES,
                Phase.FAULT, slices(100, 100, 50, 100), 10);
        ObjectiveResult none = ObjectiveEvaluator.evaluate(KEY, objective(0.9, 0.95), BudgetingMethod.TIMESLICES,
                Phase.FAULT, slices(5, 5, 5, 5), 10);
        assertThat(fail.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(none.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void slices_of_another_phase_are_rejected() {
        List<SliceSample> baseline = List.of(SliceSample.of(T0, Duration.ofSeconds(10), Phase.BASELINE, 1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> ObjectiveEvaluator.evaluate(KEY, objective(0.9, null),
                        BudgetingMethod.OCCURRENCES, Phase.FAULT, baseline, 1))
                .withMessage("slice starting 2026-01-15T10:00:00Z belongs to BASELINE, not to FAULT");
    }

    @Test
    void wilson_interval_matches_reference_values() {
        assertThat(WilsonInterval.of(95, 100).low()).isCloseTo(0.888250, within(1e-6));
        assertThat(WilsonInterval.of(95, 100).high()).isCloseTo(0.978456, within(1e-6));
        assertThat(WilsonInterval.of(0, 10).low()).isZero();
        assertThat(WilsonInterval.of(0, 10).high()).isCloseTo(0.277533, within(1e-6));
        assertThat(WilsonInterval.of(10, 10).high()).isEqualTo(1.0);
        assertThat(WilsonInterval.of(0, 0)).isEqualTo(new WilsonInterval(0, 1));
    }

    @Test
    void burn_rate_is_error_rate_over_error_budget_within_a_window() {
        List<SliceSample> s = slices(100, 100, 90, 100, 80, 100);
        assertThat(BurnRate.of(999, 1000, 0.999)).isCloseTo(1.0, within(1e-9));
        assertThat(BurnRate.of(0, 0, 0.99)).isNaN();
        // only the last two slices end inside (T0+10s, T0+30s]
        assertThat(BurnRate.over(s, T0.plusSeconds(10), T0.plusSeconds(30), 0.9)).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void a_slice_with_more_good_than_total_events_is_rejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> SliceSample.of(T0, Duration.ofSeconds(1), Phase.FAULT,
                3, 2)).withMessage("slice needs 0 <= good <= total but had good [3] and total [2]");
    }
}
