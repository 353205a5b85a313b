package dev.chargestorm.steadystate.run;

import java.util.List;

import dev.chargestorm.steadystate.evaluation.SliceSample;
import dev.chargestorm.steadystate.slo.ObjectiveKey;

/**
 * Every slice of one objective, for charts and re-evaluation.
 *
 * @param thresholdMillis the latency bound (the SLI's {@code le} or the objective's {@code value}) when the SLI
 *                        reads a timer, else {@code null}
 */
public record ObjectiveSeries(ObjectiveKey key, String statement, double target, Double timeSliceTarget,
                              Double thresholdMillis, List<SliceSample> slices) {

    public ObjectiveSeries {
        slices = List.copyOf(slices);
    }
}
