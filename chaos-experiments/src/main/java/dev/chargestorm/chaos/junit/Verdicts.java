package dev.chargestorm.chaos.junit;

import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.run.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Failure messages with the numbers. */
final class Verdicts {

    private Verdicts() {
    }

    static String line(ObjectiveResult r) {
        return String.format(Locale.ROOT, "%s/%s in %s: %s, measured %.4f (%d of %d good) against target %.4f; %s",
                r.key().slo(), r.key().objective(), r.phase(), r.verdict(), r.measured(), r.good(), r.total(),
                r.target(), r.explanation());
    }

    private static String invariant(dev.chargestorm.steadystate.evaluation.InvariantCheck i) {
        return "invariant " + i.name() + ": " + i.verdict() + ", expected " + i.expected() + ", actual " + i.actual()
                + ", missing " + i.missing() + ", duplicates " + i.duplicates()
                + (i.error() == null || i.error().isEmpty() ? "" : ", error " + i.error())
                + (i.missingSample().isEmpty() ? "" : ", e.g. missing " + i.missingSample())
                + (i.duplicateSample().isEmpty() ? "" : ", e.g. duplicated " + i.duplicateSample());
    }

    static List<String> problems(RunResult result) {
        List<String> problems = new ArrayList<>();
        result.objectives().stream().filter(o -> o.verdict() == Verdict.FAIL || o.verdict() == Verdict.NO_DATA)
                .forEach(o -> problems.add(line(o)));
        result.recoveries().stream().filter(r -> r.verdict() == Verdict.FAIL || r.verdict() == Verdict.NO_DATA)
                .forEach(r -> problems.add("recovery " + r.name() + ": " + r.verdict() + "; " + r.explanation()));
        result.invariants().stream().filter(i -> i.verdict() == Verdict.FAIL || i.verdict() == Verdict.NO_DATA)
                .forEach(i -> problems.add(invariant(i)));
        return problems;
    }

    static String all(RunResult result) {
        List<String> lines = new ArrayList<>();
        result.objectives().forEach(o -> lines.add(line(o)));
        result.recoveries().forEach(r -> lines.add("recovery " + r.name() + ": " + r.verdict() + "; "
                + r.explanation()));
        result.invariants().forEach(i -> lines.add(invariant(i)));
        return String.join("\n  ", lines);
    }
}
