package dev.chargestorm.chaos.junit;

import org.apiguardian.api.API;

/** What an experiment expects of the steady state. */
@API(status = API.Status.EXPERIMENTAL)
public enum Expectation {
    /** The hypothesis: every objective, recovery objective and invariant holds (no FAIL, no NO_DATA). */
    HOLDS,
    /** A known-bad control: at least one objective must FAIL; an experiment in which all held fails. */
    DEVIATES
}
