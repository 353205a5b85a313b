/**
 * Evaluation maths: per-slice samples, verdicts per objective and phase, Wilson intervals, burn rates, recovery objectives and invariant reconciliation.
 */
package dev.chargestorm.steadystate.evaluation;
