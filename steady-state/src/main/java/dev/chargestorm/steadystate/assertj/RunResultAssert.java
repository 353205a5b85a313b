package dev.chargestorm.steadystate.assertj;

import java.util.ArrayList;
import java.util.List;

import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.run.RunStatus;

import org.assertj.core.api.AbstractAssert;

/** Assertions on a finished run. */
public final class RunResultAssert extends AbstractAssert<RunResultAssert, RunResult> {

    RunResultAssert(RunResult actual) {
        super(actual, RunResultAssert.class);
    }

    /** Selects objectives by {@code slo} (all its objectives) or {@code slo/objective}. */
    public ObjectiveAssert objective(String ref) {
        isNotNull();
        if (actual.series().stream().noneMatch(s -> s.key().matches(ref))) {
            throw failure("%s", Messages.shouldHaveObjective(actual, ref));
        }
        return new ObjectiveAssert(actual, ref);
    }

    public RunResultAssert hasStatus(RunStatus expected) {
        isNotNull();
        if (actual.status() != expected) {
            throw failure("%s", Messages.shouldHaveStatus(actual, expected));
        }
        return this;
    }

    public RunResultAssert completed() {
        return hasStatus(RunStatus.COMPLETED);
    }

    /** The run was aborted by the named rule. */
    public RunResultAssert wasAbortedBy(String rule) {
        isNotNull();
        if (actual.status() != RunStatus.ABORTED || actual.aborts().stream().noneMatch(a -> a.rule().equals(rule))) {
            throw failure("%s", Messages.shouldBeAbortedBy(actual, rule));
        }
        return this;
    }

    /** No objective, recovery objective or invariant failed. */
    public RunResultAssert heldSteadyState() {
        isNotNull();
        List<String> failures = new ArrayList<>();
        actual.objectives().stream().filter(o -> o.verdict() == Verdict.FAIL)
                .forEach(o -> failures.add(o.key() + " in " + o.phase() + ": " + o.explanation()));
        actual.recoveries().stream().filter(r -> r.verdict() == Verdict.FAIL)
                .forEach(r -> failures.add("recovery " + r.name() + ": " + r.explanation()));
        actual.invariants().stream().filter(i -> i.verdict() == Verdict.FAIL)
                .forEach(i -> failures.add(i.explanation()));
        if (!failures.isEmpty()) {
            throw failure("%s", Messages.shouldNotBeDeviated(actual, failures));
        }
        return this;
    }
}
