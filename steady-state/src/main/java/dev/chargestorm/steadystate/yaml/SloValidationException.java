package dev.chargestorm.steadystate.yaml;

import java.util.List;

/** Thrown when SLO files are invalid; carries every problem found, each with file, line and field. */
public final class SloValidationException extends RuntimeException {

    private final transient List<Problem> problems;

    public SloValidationException(List<Problem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in SLO declarations:\n"
                + String.join("\n", problems.stream().map(Problem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
