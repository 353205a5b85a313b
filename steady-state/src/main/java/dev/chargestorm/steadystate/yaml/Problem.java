package dev.chargestorm.steadystate.yaml;

/**
 * One validation problem in an SLO file.
 *
 * @param file the file as given (or a label for in-memory text)
 * @param line 1-based line of the offending node
 * @param subject the declaration, e.g. {@code SLO 'search-latency'}, or {@code document 2} when it has no name yet
 * @param field the path of the field inside the document, e.g. {@code spec.objectives[0].target}
 * @param message what was expected and what was found
 */
public record Problem(String file, int line, String subject, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + subject + " " + field + ": " + message;
    }
}
