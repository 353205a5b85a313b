package dev.chargestorm.steadystate.assertj;

import dev.chargestorm.steadystate.run.RunResult;

/** AssertJ entry point: {@code assertThat(run).objective("search-latency").inPhase(FAULT).passed()}. */
public final class SteadyStateAssertions {

    private SteadyStateAssertions() {
    }

    public static RunResultAssert assertThat(RunResult run) {
        return new RunResultAssert(run);
    }
}
