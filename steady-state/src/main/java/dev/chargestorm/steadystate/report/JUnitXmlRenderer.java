package dev.chargestorm.steadystate.report;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.chargestorm.steadystate.evaluation.InvariantCheck;
import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.evaluation.RecoveryResult;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.run.RunStatus;

/**
 * {@code junit/TEST-steady-state.xml}: one test case per objective and phase, per recovery objective and per
 * invariant, plus one for the run status. FAIL is a failure, INCONCLUSIVE and NO_DATA are skipped, and a run that was
 * aborted, not started or errored adds a failing (or erroring) "run status" case.
 */
final class JUnitXmlRenderer implements ReportRenderer {

    @Override
    public String format() {
        return "junit";
    }

    @Override
    public Path render(RunResult run, Path runDir) throws IOException {
        Path dir = runDir.resolve("junit");
        Files.createDirectories(dir);
        Path file = dir.resolve("TEST-steady-state.xml");
        Files.writeString(file, xml(run), StandardCharsets.UTF_8);
        return file;
    }

    static String xml(RunResult run) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            int tests = run.objectives().size() + run.recoveries().size() + run.invariants().size() + 1;
            long failures = run.count(Verdict.FAIL) + (run.status() == RunStatus.ABORTED
                    || run.status() == RunStatus.NOT_STARTED ? 1 : 0);
            long skipped = run.count(Verdict.INCONCLUSIVE) + run.count(Verdict.NO_DATA);
            long errors = run.status() == RunStatus.ERRORED || run.status() == RunStatus.INTERRUPTED ? 1 : 0;
            w.writeStartElement("testsuite");
            w.writeAttribute("name", "steady-state." + run.runName());
            w.writeAttribute("tests", Integer.toString(tests));
            w.writeAttribute("failures", Long.toString(failures));
            w.writeAttribute("errors", Long.toString(errors));
            w.writeAttribute("skipped", Long.toString(skipped));
            w.writeAttribute("time", seconds(Duration.between(run.start(), run.end())));
            w.writeAttribute("timestamp", run.start().toString());
            w.writeCharacters("\n");
            String cls = "steadystate." + run.runName();
            for (ObjectiveResult r : run.objectives()) {
                testcase(w, cls + "." + r.key().slo(), r.key().objective() + " [" + r.phase() + "]", r.verdict(),
                        r.explanation());
            }
            for (RecoveryResult r : run.recoveries()) {
                testcase(w, cls + ".recovery", r.name(), r.verdict(), r.explanation());
            }
            for (InvariantCheck c : run.invariants()) {
                testcase(w, cls + ".invariant", c.name(), c.verdict(), c.explanation());
            }
            w.writeCharacters("  ");
            w.writeStartElement("testcase");
            w.writeAttribute("classname", cls);
            w.writeAttribute("name", "run status");
            w.writeAttribute("time", "0");
            switch (run.status()) {
                case ABORTED, NOT_STARTED -> element(w, "failure", "run " + run.status() + ": " + run.statusReason(),
                        run.statusReason());
                case ERRORED, INTERRUPTED -> element(w, "error", "run " + run.status() + ": " + run.statusReason(),
                        run.statusReason());
                default -> {
                    // COMPLETED passes
                }
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write JUnit XML for run '" + run.runName() + "'", e);
        }
        return out.toString();
    }

    private static void testcase(XMLStreamWriter w, String cls, String name, Verdict verdict, String text)
            throws XMLStreamException {
        w.writeCharacters("  ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", cls);
        w.writeAttribute("name", name);
        w.writeAttribute("time", "0");
        switch (verdict) {
            case FAIL -> element(w, "failure", "Actual value: " + text, text);
            case INCONCLUSIVE, NO_DATA -> {
                w.writeStartElement("skipped");
                w.writeAttribute("message", verdict + ": " + text);
                w.writeEndElement();
            }
            case PASS -> {
                w.writeStartElement("system-out");
                w.writeCharacters(text);
                w.writeEndElement();
            }
        }
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    private static void element(XMLStreamWriter w, String name, String message, String body)
            throws XMLStreamException {
        w.writeStartElement(name);
        w.writeAttribute("message", message);
        w.writeAttribute("type", name.equals("failure") ? "SteadyStateViolated" : "RunError");
        w.writeCharacters(body);
        w.writeEndElement();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }
}
