package dev.chargestorm.steadystate.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.chargestorm.steadystate.abort.AbortDecision;
import dev.chargestorm.steadystate.evaluation.InvariantCheck;
import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.evaluation.RecoveryResult;
import dev.chargestorm.steadystate.evaluation.SliceSample;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.run.ObjectiveSeries;
import dev.chargestorm.steadystate.run.RunResult;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code journal.json}: the machine-readable record of a run (schema in the module README). */
final class JournalRenderer implements ReportRenderer {

    static final String SCHEMA = "chargestorm/steady-state-journal/v1";
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Override
    public String format() {
        return "json";
    }

    @Override
    public Path render(RunResult run, Path runDir) throws IOException {
        Path file = runDir.resolve("journal.json");
        Files.writeString(file, toJson(run), StandardCharsets.UTF_8);
        return file;
    }

    static String toJson(RunResult run) {
        return MAPPER.writeValueAsString(tree(run));
    }

    static Map<String, Object> tree(RunResult run) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("schema", SCHEMA);
        j.put("run", run.runName());
        j.put("steadyState", run.steadyState());
        j.put("status", run.status().name());
        j.put("statusReason", run.statusReason());
        j.put("deviated", run.deviated());
        j.put("start", iso(run.start()));
        j.put("end", iso(run.end()));
        j.put("durationSeconds", seconds(Duration.between(run.start(), run.end())));
        j.put("sliceSeconds", seconds(run.slice()));
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            summary.put(v.name(), run.count(v));
        }
        j.put("summary", summary);
        j.put("phases", run.phases().stream().map(p -> map("phase", p.phase().name(), "start", iso(p.start()),
                "end", iso(p.end()))).toList());
        j.put("faults", run.faults().stream().map(f -> map("name", f.name(), "start", iso(f.start()),
                "end", iso(f.end()))).toList());
        j.put("objectives", run.objectives().stream().map(JournalRenderer::objective).toList());
        j.put("series", run.series().stream().map(JournalRenderer::series).toList());
        j.put("recoveries", run.recoveries().stream().map(JournalRenderer::recovery).toList());
        j.put("invariants", run.invariants().stream().map(JournalRenderer::invariant).toList());
        j.put("invariantBreachesDuringRun", run.invariantChecksDuringRun().stream().map(JournalRenderer::invariant)
                .toList());
        j.put("aborts", run.aborts().stream().map(JournalRenderer::abort).toList());
        j.put("rollbacks", run.rollbacks().stream().map(r -> map("at", iso(r.at()), "step", r.step(),
                "succeeded", r.succeeded(), "detail", r.detail())).toList());
        j.put("events", run.events().stream().map(e -> map("at", iso(e.at()), "type", e.type(), "detail", e.detail()))
                .toList());
        return j;
    }

    private static Map<String, Object> objective(ObjectiveResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", r.key().toString());
        m.put("slo", r.key().slo());
        m.put("objective", r.key().objective());
        m.put("phase", r.phase().name());
        m.put("budgetingMethod", r.budgetingMethod().yamlName());
        m.put("statement", r.statement());
        m.put("target", num(r.target()));
        m.put("measured", num(r.measured()));
        m.put("good", r.good());
        m.put("total", r.total());
        m.put("wilsonLow", num(r.wilson().low()));
        m.put("wilsonHigh", num(r.wilson().high()));
        m.put("slices", r.slices());
        m.put("validSlices", r.validSlices());
        m.put("goodSlices", r.goodSlices());
        m.put("burnRate", num(r.burnRate()));
        m.put("verdict", r.verdict().name());
        m.put("explanation", r.explanation());
        return m;
    }

    private static Map<String, Object> series(ObjectiveSeries s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", s.key().toString());
        m.put("statement", s.statement());
        m.put("target", num(s.target()));
        m.put("timeSliceTarget", s.timeSliceTarget() == null ? null : num(s.timeSliceTarget()));
        m.put("thresholdMillis", s.thresholdMillis() == null ? null : num(s.thresholdMillis()));
        m.put("slices", s.slices().stream().map(JournalRenderer::slice).toList());
        return m;
    }

    private static Map<String, Object> slice(SliceSample s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", iso(s.start()));
        m.put("end", iso(s.end()));
        m.put("phase", s.phase().name());
        m.put("good", s.good());
        m.put("total", s.total());
        m.put("ratio", num(s.ratio()));
        m.put("p50Millis", s.latency() == null ? null : num(s.latency().p50Millis()));
        m.put("p90Millis", s.latency() == null ? null : num(s.latency().p90Millis()));
        m.put("p99Millis", s.latency() == null ? null : num(s.latency().p99Millis()));
        m.put("maxMillis", s.latency() == null ? null : num(s.latency().maxMillis()));
        m.put("sourceError", s.sourceError());
        return m;
    }

    private static Map<String, Object> recovery(RecoveryResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("population", r.population());
        m.put("withinSeconds", seconds(r.within()));
        m.put("target", num(r.target()));
        m.put("anchor", iso(r.anchor()));
        m.put("affected", r.affected());
        m.put("recoveredWithin", r.recoveredWithin());
        m.put("neverRecovered", r.neverRecovered());
        m.put("measured", num(r.measured()));
        m.put("recoverySeconds", r.recoverySeconds());
        m.put("slowest", r.slowest());
        m.put("verdict", r.verdict().name());
        m.put("explanation", r.explanation());
        return m;
    }

    private static Map<String, Object> invariant(InvariantCheck c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("at", iso(c.at()));
        m.put("expected", c.expected());
        m.put("actual", c.actual());
        m.put("missing", c.missing());
        m.put("duplicates", c.duplicates());
        m.put("missingSample", c.missingSample());
        m.put("duplicateSample", c.duplicateSample());
        m.put("maxMissing", c.maxMissing());
        m.put("maxDuplicates", c.maxDuplicates());
        m.put("error", c.error());
        m.put("verdict", c.verdict().name());
        m.put("explanation", c.explanation());
        return m;
    }

    private static Map<String, Object> abort(AbortDecision a) {
        return map("rule", a.rule(), "kind", a.kind(), "at", iso(a.at()), "evidence", a.evidence());
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Double num(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

}
