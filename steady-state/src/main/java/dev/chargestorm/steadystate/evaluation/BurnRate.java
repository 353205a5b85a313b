package dev.chargestorm.steadystate.evaluation;

import java.time.Instant;
import java.util.List;

/** Burn rate = error rate / error budget = (1 - good/total) / (1 - target). */
public final class BurnRate {

    private BurnRate() {
    }

    /** The burn rate of {@code good} out of {@code total} against {@code target}; NaN without events. */
    public static double of(long good, long total, double target) {
        if (total == 0) {
            return Double.NaN;
        }
        return (1 - (double) good / total) / (1 - target);
    }

    /**
     * The burn rate over the slices that end in ({@code from}, {@code to}]; NaN without events. Slices must be in
     * time order; only the window is visited (from the end backwards).
     */
    public static double over(List<SliceSample> slices, Instant from, Instant to, double target) {
        long good = 0;
        long total = 0;
        for (int i = slices.size() - 1; i >= 0; i--) {
            SliceSample s = slices.get(i);
            if (!s.end().isAfter(from)) {
                break;
            }
            if (!s.end().isAfter(to)) {
                good += s.good();
                total += s.total();
            }
        }
        return of(good, total, target);
    }
}
