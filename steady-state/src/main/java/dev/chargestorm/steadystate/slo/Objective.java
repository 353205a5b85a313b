package dev.chargestorm.steadystate.slo;

/**
 * One objective of an SLO, with its indicator resolved (the SLO's own or the objective's {@code indicatorRef}).
 *
 * @param name the objective's {@code displayName}, unique within its SLO
 * @param indicator the resolved SLI
 * @param op threshold comparison, only for threshold SLIs, else {@code null}
 * @param value threshold value (milliseconds for timers), only for threshold SLIs, else {@code null}
 * @param target required share of good events (Occurrences) or good slices (Timeslices), in [0, 1)
 * @param timeSliceTarget per-slice good-event share that makes a slice good (Timeslices only), in (0, 1]
 */
public record Objective(String name, Sli indicator, Operator op, Double value, double target, Double timeSliceTarget) {

    public Objective {
        Names.notBlank(name, "objectives[].displayName");
        if (indicator == null) {
            throw new IllegalArgumentException("objective '" + name + "' has no indicator");
        }
        Names.fraction(target, "objective '" + name + "' target", false);
        boolean threshold = indicator.spec() instanceof SliSpec.Threshold;
        if (threshold && (op == null || value == null)) {
            throw new IllegalArgumentException("objective '" + name + "' on threshold SLI '" + indicator.name()
                    + "' needs 'op' and 'value'");
        }
        if (!threshold && (op != null || value != null)) {
            throw new IllegalArgumentException("objective '" + name + "' on ratio SLI '" + indicator.name()
                    + "' must not have 'op' or 'value'");
        }
        if (timeSliceTarget != null && (timeSliceTarget <= 0 || timeSliceTarget > 1)) {
            throw new IllegalArgumentException("objective '" + name + "' timeSliceTarget must be in (0, 1] but was ["
                    + timeSliceTarget + "]");
        }
    }

    /** A human-readable statement, e.g. {@code >= 99.00 % of events with value < 1000}. */
    public String describe() {
        String what = op == null ? "good events" : "events with value " + op.symbol() + " " + trim(value);
        return ">= " + String.format(java.util.Locale.ROOT, "%.2f", target * 100) + " % " + what;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
