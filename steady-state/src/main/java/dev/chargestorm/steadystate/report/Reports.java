package dev.chargestorm.steadystate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.yaml.SloYamlWriter;

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

    /**
     * Writes all reports plus {@code steady-state.yaml}, the declarations the run was judged against (appendix of the
     * report; useful when they were built with the DSL).
     */
    public static List<Path> writeAll(RunResult run, Declarations declarations, Path runDir) {
        List<Path> written = new ArrayList<>(writeAll(run, runDir));
        Path yaml = runDir.resolve("steady-state.yaml");
        try {
            Files.writeString(yaml, SloYamlWriter.toYaml(declarations), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + yaml + "; check that the folder is writable", e);
        }
        written.add(yaml);
        return written;
    }

    /** The journal as JSON text (the same document as {@code journal.json}). */
    public static String journalJson(RunResult run) {
        return JournalRenderer.toJson(run);
    }
}
