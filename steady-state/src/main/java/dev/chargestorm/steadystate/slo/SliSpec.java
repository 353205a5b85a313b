package dev.chargestorm.steadystate.slo;

/** How an SLI is computed: a ratio of event counts or a threshold on a metric. */
public sealed interface SliSpec permits SliSpec.Ratio, SliSpec.Threshold {

    /**
     * OpenSLO {@code ratioMetric}: exactly one of {@code good} or {@code bad}, plus {@code total}.
     */
    record Ratio(boolean counter, MetricSource good, MetricSource bad, MetricSource total) implements SliSpec {
        public Ratio {
            if ((good == null) == (bad == null)) {
                throw new IllegalArgumentException("ratioMetric needs exactly one of 'good' or 'bad'");
            }
            if (total == null) {
                throw new IllegalArgumentException("ratioMetric needs 'total'");
            }
        }
    }

    /**
     * OpenSLO {@code thresholdMetric}: on a timer every event is compared with the objective's {@code op}/{@code value};
     * on a gauge, every slice's value is.
     */
    record Threshold(MetricSource source) implements SliSpec {
        public Threshold {
            if (source == null) {
                throw new IllegalArgumentException("thresholdMetric needs 'metricSource'");
            }
        }
    }
}
