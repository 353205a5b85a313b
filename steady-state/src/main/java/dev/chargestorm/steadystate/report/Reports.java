package dev.chargestorm.steadystate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.chargestorm.steadystate.run.RunResult;

/**
 * Writes every report of a run into a run folder: {@code journal.json}, {@code report.html}, {@code summary.md} and
 * {@code junit/TEST-steady-state.xml}.
 */
public final class Reports {

    private static final List<ReportRenderer> RENDERERS = List.of(new JournalRenderer(), new HtmlRenderer(),
            new MarkdownRenderer(), new JUnitXmlRenderer());

    private Reports() {
    }

    /** The built-in renderers. */
    public static List<ReportRenderer> renderers() {
        return RENDERERS;
    }

    /** Writes all reports; returns the files written. */
    public static List<Path> writeAll(RunResult run, Path runDir) {
        try {
            Files.createDirectories(runDir);
            List<Path> written = new ArrayList<>();
            for (ReportRenderer r : RENDERERS) {
                written.add(r.render(run, runDir));
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the reports of run '" + run.runName() + "' to " + runDir
                    + "; check that the folder is writable", e);
        }
    }

    /** The journal as JSON text (the same document as {@code journal.json}). */
    public static String journalJson(RunResult run) {
        return JournalRenderer.toJson(run);
    }
}
