package dev.chargestorm.steadystate.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.chargestorm.steadystate.abort.AbortDecision;
import dev.chargestorm.steadystate.evaluation.InvariantCheck;
import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.evaluation.RecoveryResult;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import dev.chargestorm.steadystate.slo.Phase;

/**
 * Everything a finished run produced; reports and assertions are built from it alone.
 *
 * @param statusReason why the run ended as it did (gate failure, abort rule, interruption, error), or {@code ""}
 * @param objectives one verdict per bound objective and phase
 * @param invariants the final check of each invariant
 * @param invariantChecksDuringRun continuous checks that were breached during the run (evidence)
 */
public record RunResult(String runName, String steadyState, RunStatus status, String statusReason, Instant start,
                        Instant end, Duration slice, List<PhaseWindow> phases, List<FaultWindow> faults,
                        List<ObjectiveSeries> series, List<ObjectiveResult> objectives, List<RecoveryResult> recoveries,
                        List<InvariantCheck> invariants, List<InvariantCheck> invariantChecksDuringRun,
                        List<AbortDecision> aborts, List<RollbackStep> rollbacks, List<RunEvent> events) {

    public RunResult {
        phases = List.copyOf(phases);
        faults = List.copyOf(faults);
        series = List.copyOf(series);
        objectives = List.copyOf(objectives);
        recoveries = List.copyOf(recoveries);
        invariants = List.copyOf(invariants);
        invariantChecksDuringRun = List.copyOf(invariantChecksDuringRun);
        aborts = List.copyOf(aborts);
        rollbacks = List.copyOf(rollbacks);
        events = List.copyOf(events);
    }

    /** Whether any objective, recovery objective or invariant failed (the hypothesis was disproved). */
    public boolean deviated() {
        return objectives.stream().anyMatch(o -> o.verdict() == Verdict.FAIL)
                || recoveries.stream().anyMatch(r -> r.verdict() == Verdict.FAIL)
                || invariants.stream().anyMatch(i -> i.verdict() == Verdict.FAIL);
    }

    /** The verdict of one objective in one phase. */
    public Optional<ObjectiveResult> result(ObjectiveKey key, Phase phase) {
        return objectives.stream().filter(o -> o.key().equals(key) && o.phase() == phase).findFirst();
    }

    /** Counts verdicts over objectives, recoveries and invariants. */
    public long count(Verdict verdict) {
        return objectives.stream().filter(o -> o.verdict() == verdict).count()
                + recoveries.stream().filter(r -> r.verdict() == verdict).count()
                + invariants.stream().filter(i -> i.verdict() == verdict).count();
    }
}
