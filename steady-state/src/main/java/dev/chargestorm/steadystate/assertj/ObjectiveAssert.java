package dev.chargestorm.steadystate.assertj;

import java.util.List;

import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.slo.Phase;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the objectives a reference selects: in one phase after {@link #inPhase}, otherwise in every phase they
 * are bound to.
 */
public final class ObjectiveAssert extends AbstractAssert<ObjectiveAssert, RunResult> {

    private final String ref;
    private final Phase phase;

    ObjectiveAssert(RunResult run, String ref) {
        this(run, ref, null);
    }

    private ObjectiveAssert(RunResult run, String ref, Phase phase) {
        super(run, ObjectiveAssert.class);
        this.ref = ref;
        this.phase = phase;
    }

    public ObjectiveAssert inPhase(Phase newPhase) {
        return new ObjectiveAssert(actual, ref, newPhase);
    }

    public ObjectiveAssert passed() {
        return hasVerdict(Verdict.PASS);
    }

    public ObjectiveAssert failed() {
        return hasVerdict(Verdict.FAIL);
    }

    public ObjectiveAssert isInconclusive() {
        return hasVerdict(Verdict.INCONCLUSIVE);
    }

    /** Every selected objective has this verdict in the phase. */
    public ObjectiveAssert hasVerdict(Verdict expected) {
        List<ObjectiveResult> selected = actual.objectives().stream()
                .filter(o -> o.key().matches(ref) && (phase == null || o.phase() == phase)).toList();
        if (selected.isEmpty()) {
            List<Phase> bound = actual.objectives().stream().filter(o -> o.key().matches(ref))
                    .map(ObjectiveResult::phase).distinct().sorted().toList();
            throw failure("%s", Messages.shouldBeJudgedInPhase(ref, phase, bound));
        }
        List<ObjectiveResult> wrong = selected.stream().filter(o -> o.verdict() != expected).toList();
        if (!wrong.isEmpty()) {
            throw failure("%s", Messages.shouldHaveVerdict(actual, ref, phase, expected, wrong));
        }
        return this;
    }
}
