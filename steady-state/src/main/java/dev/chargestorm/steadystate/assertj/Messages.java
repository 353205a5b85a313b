package dev.chargestorm.steadystate.assertj;

import java.util.List;

import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.run.FaultWindow;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.slo.Phase;

/** The failure messages of the steady-state assertions (AssertJ "Expecting ... but was ..." layout). */
final class Messages {

    private Messages() {
    }

    static String shouldHaveVerdict(RunResult run, String ref, Phase phase, Verdict expected,
                                    List<ObjectiveResult> wrong) {
        StringBuilder sb = new StringBuilder();
        for (ObjectiveResult r : wrong) {
            sb.append("Expecting objective [").append(r.key()).append("] in phase [").append(r.phase()).append("] to be ")
                    .append(expected).append(" (").append(r.statement()).append(") but was ").append(r.verdict())
                    .append(":\n  ").append(r.explanation()).append('\n');
        }
        sb.append("  (run [").append(run.runName()).append("] ").append(run.status()).append(", faults ")
                .append(run.faults().stream().map(FaultWindow::name).toList()).append(')');
        return sb.toString();
    }

    static String shouldHaveObjective(RunResult run, String ref) {
        return "Expecting run [" + run.runName() + "] to have an objective matching [" + ref + "] but its objectives are:\n  "
                + run.series().stream().map(s -> s.key().toString()).toList();
    }

    static String shouldBeJudgedInPhase(String ref, Phase phase, List<Phase> phases) {
        return "Expecting objective [" + ref + "] to be judged in phase [" + phase + "] but it is bound only to "
                + phases;
    }

    static String shouldHaveStatus(RunResult run, Object expected) {
        return "Expecting run [" + run.runName() + "] to have status [" + expected + "] but was [" + run.status() + "]"
                + (run.statusReason().isEmpty() ? "" : ":\n  " + run.statusReason());
    }

    static String shouldBeAbortedBy(RunResult run, String rule) {
        return "Expecting run [" + run.runName() + "] to be aborted by rule [" + rule + "] but "
                + (run.aborts().isEmpty() ? "no abort rule fired (status " + run.status() + ")"
                : "it was aborted by " + run.aborts());
    }

    static String shouldNotBeDeviated(RunResult run, List<String> failures) {
        return "Expecting run [" + run.runName() + "] to hold its steady state but " + failures.size()
                + (failures.size() == 1 ? " check" : " checks") + " failed:\n  " + String.join("\n  ", failures);
    }
}
