package dev.chargestorm.steadystate.evaluation;

import dev.chargestorm.steadystate.slo.BudgetingMethod;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import dev.chargestorm.steadystate.slo.Phase;

/**
 * The verdict of one objective in one phase, with the numbers behind it.
 *
 * @param statement what was promised, e.g. {@code >= 99.00 % good events}
 * @param target the objective's target (share of good events, or of good slices for Timeslices)
 * @param measured the measured share (events or slices); NaN without data
 * @param good good events in the phase
 * @param total all events in the phase
 * @param wilson 95 % Wilson interval of {@code measured}
 * @param slices slices in the phase
 * @param validSlices slices with at least the minimum number of events
 * @param goodSlices valid slices whose ratio reached the time-slice target (Timeslices), else 0
 * @param burnRate error rate / error budget over the phase (events); NaN without events
 * @param explanation one sentence with the numbers, used by reports and assertion messages
 */
public record ObjectiveResult(ObjectiveKey key, Phase phase, BudgetingMethod budgetingMethod, String statement,
                              double target, double measured, long good, long total, WilsonInterval wilson, int slices,
                              int validSlices, int goodSlices, double burnRate, Verdict verdict, String explanation) {
}
