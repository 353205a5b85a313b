package dev.chargestorm.steadystate.report;

import java.io.IOException;
import java.nio.file.Path;

import dev.chargestorm.steadystate.run.RunResult;

/** Writes one report format of a finished run into a run folder. */
public interface ReportRenderer {

    /** A short format name: {@code json}, {@code html}, {@code markdown}, {@code junit}. */
    String format();

    /** Writes the report into {@code runDir} and returns the file written. */
    Path render(RunResult run, Path runDir) throws IOException;
}
