package dev.chargestorm.steadystate.evaluation;

import java.util.List;
import java.util.Locale;

import dev.chargestorm.steadystate.slo.BudgetingMethod;
import dev.chargestorm.steadystate.slo.Objective;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import dev.chargestorm.steadystate.slo.Phase;

/**
 * Judges one objective over the slices of one phase.
 *
 * <p>Occurrences: all events of the phase are pooled. PASS needs the measured ratio and the lower bound of its 95 %
 * Wilson interval at or above the target; FAIL needs the ratio and the upper bound below it; otherwise (the interval
 * straddles the target) INCONCLUSIVE. INCONCLUSIVE also when no slice reached the minimum number of events; NO_DATA
 * when there were no events at all.
 *
 * <p>Timeslices: a slice with at least the minimum number of events is valid, and good when its ratio reaches the
 * time-slice target. The share of good valid slices is compared with the target (point estimate; the Wilson interval
 * over slices is reported, not used). No valid slice: INCONCLUSIVE (NO_DATA without events).
 */
public final class ObjectiveEvaluator {

    private ObjectiveEvaluator() {
    }

    public static ObjectiveResult evaluate(ObjectiveKey key, Objective objective, BudgetingMethod method, Phase phase,
                                           List<SliceSample> slices, long minEventsPerSlice) {
        long good = 0;
        long total = 0;
        int valid = 0;
        int goodSlices = 0;
        double sliceTarget = objective.timeSliceTarget() != null ? objective.timeSliceTarget() : objective.target();
        for (SliceSample s : slices) {
            if (s.phase() != phase) {
                throw new IllegalArgumentException("slice starting " + s.start() + " belongs to " + s.phase()
                        + ", not to " + phase);
            }
            good += s.good();
            total += s.total();
            if (s.total() >= minEventsPerSlice) {
                valid++;
                if (s.ratio() >= sliceTarget) {
                    goodSlices++;
                }
            }
        }
        double target = objective.target();
        double burn = BurnRate.of(good, total, target);
        String statement = objective.describe() + (method == BudgetingMethod.TIMESLICES
                ? " of slices (a slice is good at " + pct(sliceTarget) + " good events)" : "");
        if (total == 0) {
            return new ObjectiveResult(key, phase, method, statement, target, Double.NaN, 0, 0, WilsonInterval.of(0, 0),
                    slices.size(), 0, 0, Double.NaN, Verdict.NO_DATA,
                    slices.isEmpty() ? "no slices in phase " + phase : "no events in " + slices.size() + " slices");
        }
        if (method == BudgetingMethod.TIMESLICES) {
            WilsonInterval w = WilsonInterval.of(goodSlices, valid);
            if (valid == 0) {
                return new ObjectiveResult(key, phase, method, statement, target, Double.NaN, good, total, w,
                        slices.size(), 0, 0, burn, Verdict.INCONCLUSIVE, "no slice reached " + minEventsPerSlice
                        + " events (" + total + " events in " + slices.size() + " slices); too few events");
            }
            double measured = (double) goodSlices / valid;
            Verdict v = measured >= target ? Verdict.PASS : Verdict.FAIL;
            String text = goodSlices + " of " + valid + " valid slices good (" + pct(measured) + "); objective >= "
                    + pct(target) + " of slices";
            return new ObjectiveResult(key, phase, method, statement, target, measured, good, total, w, slices.size(),
                    valid, goodSlices, burn, v, text);
        }
        double ratio = (double) good / total;
        WilsonInterval w = WilsonInterval.of(good, total);
        String text = pct(ratio) + " of " + total + " events good (95 % Wilson [" + pct(w.low()) + ", "
                + pct(w.high()) + "]); objective >= " + pct(target);
        Verdict v;
        if (valid == 0) {
            v = Verdict.INCONCLUSIVE;
            text += "; too few events: no slice reached " + minEventsPerSlice + " events";
        } else if (ratio >= target && w.low() >= target) {
            v = Verdict.PASS;
        } else if (ratio < target && w.high() < target) {
            v = Verdict.FAIL;
        } else {
            v = Verdict.INCONCLUSIVE;
            text += "; the 95 % interval straddles the target, so neither PASS nor FAIL";
        }
        return new ObjectiveResult(key, phase, method, statement, target, ratio, good, total, w, slices.size(), valid, 0,
                burn, v, text);
    }

    /** A share as a percentage with two decimals, e.g. {@code 99.42 %}. */
    public static String pct(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", share * 100);
    }
}
