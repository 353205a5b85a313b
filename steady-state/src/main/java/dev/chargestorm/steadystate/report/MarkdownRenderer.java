package dev.chargestorm.steadystate.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.chargestorm.steadystate.abort.AbortDecision;
import dev.chargestorm.steadystate.evaluation.InvariantCheck;
import dev.chargestorm.steadystate.evaluation.ObjectiveEvaluator;
import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.evaluation.RecoveryResult;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.run.FaultWindow;
import dev.chargestorm.steadystate.run.RollbackStep;
import dev.chargestorm.steadystate.run.RunResult;

/** {@code summary.md}: a short Markdown summary for pull requests and chat. */
final class MarkdownRenderer implements ReportRenderer {

    @Override
    public String format() {
        return "markdown";
    }

    @Override
    public Path render(RunResult run, Path runDir) throws IOException {
        Path file = runDir.resolve("summary.md");
        Files.writeString(file, markdown(run), StandardCharsets.UTF_8);
        return file;
    }

    static String markdown(RunResult run) {
        StringBuilder md = new StringBuilder();
        md.append("# Steady state: ").append(run.runName()).append("\n\n");
        md.append("**Status: ").append(run.status()).append("**");
        if (!run.statusReason().isEmpty()) {
            md.append(" (").append(cell(run.statusReason())).append(')');
        }
        md.append("\n\n");
        md.append("- Steady state: `").append(run.steadyState()).append("`\n");
        md.append("- Time: ").append(run.start()).append(" .. ").append(run.end()).append(" (")
                .append(Duration.between(run.start(), run.end()).toSeconds()).append(" s, slices of ")
                .append(run.slice().toMillis() / 1000.0).append(" s)\n");
        md.append("- Verdicts: ").append(run.count(Verdict.PASS)).append(" PASS, ").append(run.count(Verdict.FAIL))
                .append(" FAIL, ").append(run.count(Verdict.INCONCLUSIVE)).append(" INCONCLUSIVE, ")
                .append(run.count(Verdict.NO_DATA)).append(" NO_DATA\n");
        md.append("- Faults: ");
        if (run.faults().isEmpty()) {
            md.append("none");
        }
        for (FaultWindow f : run.faults()) {
            md.append('`').append(f.name()).append("` ").append(f.start()).append(" .. ")
                    .append(f.end() == null ? "never reverted" : f.end()).append("; ");
        }
        md.append("\n\n## Objectives\n\n| objective | phase | verdict | measured | target | events | details |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (ObjectiveResult r : run.objectives()) {
            md.append("| ").append(cell(r.key().toString())).append(" | ").append(r.phase()).append(" | **")
                    .append(r.verdict()).append("** | ").append(ObjectiveEvaluator.pct(r.measured())).append(" | ")
                    .append(ObjectiveEvaluator.pct(r.target())).append(" | ").append(r.total()).append(" | ")
                    .append(cell(r.explanation())).append(" |\n");
        }
        if (!run.recoveries().isEmpty()) {
            md.append("\n## Recovery objectives\n\n| objective | verdict | details |\n|---|---|---|\n");
            for (RecoveryResult r : run.recoveries()) {
                md.append("| ").append(r.name()).append(" | **").append(r.verdict()).append("** | ")
                        .append(cell(r.explanation())).append(" |\n");
            }
        }
        if (!run.invariants().isEmpty()) {
            md.append("\n## Invariants\n\n| invariant | verdict | details |\n|---|---|---|\n");
            for (InvariantCheck c : run.invariants()) {
                md.append("| ").append(c.name()).append(" | **").append(c.verdict()).append("** | ")
                        .append(cell(c.explanation())).append(" |\n");
            }
        }
        if (!run.aborts().isEmpty() || !run.rollbacks().isEmpty()) {
            md.append("\n## Abort and rollback log\n\n");
            for (AbortDecision a : run.aborts()) {
                md.append("- ").append(a.at()).append(" ABORT by rule `").append(a.rule()).append("` (")
                        .append(a.kind()).append("): ").append(a.evidence()).append('\n');
            }
            for (RollbackStep r : run.rollbacks()) {
                md.append("- ").append(r.at()).append(" rollback `").append(r.step()).append("`: ")
                        .append(r.succeeded() ? "succeeded" : "FAILED")
                        .append(r.detail().isEmpty() ? "" : " (" + r.detail() + ")").append('\n');
            }
        }
        md.append("\nFull report: `report.html`; data: `journal.json`; CI: `junit/TEST-steady-state.xml`.\n");
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
