package dev.chargestorm.steadystate.evaluation;

/** The verdict on one objective in one phase. */
public enum Verdict {
    /** The objective held, with statistical confidence. */
    PASS,
    /** The objective was missed (hypothesis disproved). */
    FAIL,
    /** Too few events, or the confidence interval straddles the target. */
    INCONCLUSIVE,
    /** No events at all, or the phase never happened. */
    NO_DATA
}
