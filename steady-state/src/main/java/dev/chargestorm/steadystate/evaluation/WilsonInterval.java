package dev.chargestorm.steadystate.evaluation;

/** Wilson score interval of a proportion (95 % by default). */
public record WilsonInterval(double low, double high) {

    /** z for a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    public WilsonInterval {
        if (!(low >= 0 && high <= 1 && low <= high)) {
            throw new IllegalArgumentException("need 0 <= low <= high <= 1 but was [" + low + ", " + high + "]");
        }
    }

    /** The interval of {@code good} successes out of {@code total}; [0, 1] without trials. */
    public static WilsonInterval of(long good, long total) {
        return of(good, total, Z95);
    }

    public static WilsonInterval of(long good, long total, double z) {
        if (total <= 0) {
            return new WilsonInterval(0, 1);
        }
        double n = total;
        double p = good / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        double low = good == 0 ? 0 : Math.max(0, centre - half);
        double high = good == total ? 1 : Math.min(1, centre + half);
        return new WilsonInterval(low, high);
    }
}
