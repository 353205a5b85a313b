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
import dev.chargestorm.steadystate.run.ObjectiveSeries;
import dev.chargestorm.steadystate.run.RollbackStep;
import dev.chargestorm.steadystate.run.RunEvent;
import dev.chargestorm.steadystate.run.RunResult;

/**
 * {@code report.html}: one self-contained file (inline CSS, inline JavaScript drawing inline SVG, the journal
 * embedded as JSON), so it works offline. Tables are rendered on the server; charts are drawn by the script: one
 * good-event chart per objective on a shared time axis with fault windows shaded and the objective line, percentiles
 * over time for timer SLIs, and the recovery-time distribution (CDF). When done, the script sets
 * {@code data-charts-drawn} on the body.
 */
final class HtmlRenderer implements ReportRenderer {

    @Override
    public String format() {
        return "html";
    }

    @Override
    public Path render(RunResult run, Path runDir) throws IOException {
        Path file = runDir.resolve("report.html");
        Files.writeString(file, html(run), StandardCharsets.UTF_8);
        return file;
    }

    static String html(RunResult run) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Steady state: ")
                .append(esc(run.runName())).append("</title>\n<style>").append(CSS).append("</style></head>\n");
        int expected = run.series().size() + (int) run.series().stream().filter(HtmlRenderer::hasLatency).count()
                + (int) run.recoveries().stream().filter(r -> !r.recoverySeconds().isEmpty()).count();
        h.append("<body data-charts-expected=\"").append(expected).append("\">\n");
        h.append("<header class=\"status ").append(run.status().name().toLowerCase(java.util.Locale.ROOT))
                .append("\"><h1>").append(esc(run.runName())).append(" &mdash; ").append(run.status())
                .append("</h1><p>steady state <code>").append(esc(run.steadyState())).append("</code>, ")
                .append(run.start()).append(" .. ").append(run.end()).append(" (")
                .append(Duration.between(run.start(), run.end()).toSeconds()).append(" s), ")
                .append(run.count(Verdict.PASS)).append(" PASS, ").append(run.count(Verdict.FAIL)).append(" FAIL, ")
                .append(run.count(Verdict.INCONCLUSIVE)).append(" INCONCLUSIVE, ").append(run.count(Verdict.NO_DATA))
                .append(" NO_DATA</p>");
        if (!run.statusReason().isEmpty()) {
            h.append("<p class=\"reason\">").append(esc(run.statusReason())).append("</p>");
        }
        h.append("</header>\n<main>\n<section><h2>Verdicts</h2><table class=\"verdicts\"><thead><tr><th>objective</th>"
                + "<th>phase</th><th>verdict</th><th>measured</th><th>target</th><th>events</th><th>Wilson 95 %</th>"
                + "<th>burn rate</th><th>details</th></tr></thead><tbody>\n");
        for (ObjectiveResult r : run.objectives()) {
            h.append("<tr><td>").append(esc(r.key().toString())).append("</td><td>").append(r.phase())
                    .append("</td><td class=\"v ").append(r.verdict()).append("\">").append(r.verdict())
                    .append("</td><td>").append(ObjectiveEvaluator.pct(r.measured())).append("</td><td>")
                    .append(ObjectiveEvaluator.pct(r.target())).append("</td><td>").append(r.total())
                    .append("</td><td>[").append(ObjectiveEvaluator.pct(r.wilson().low())).append(", ")
                    .append(ObjectiveEvaluator.pct(r.wilson().high())).append("]</td><td>")
                    .append(Double.isNaN(r.burnRate()) ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f",
                            r.burnRate())).append("</td><td>").append(esc(r.explanation())).append("</td></tr>\n");
        }
        for (RecoveryResult r : run.recoveries()) {
            h.append("<tr><td>recovery: ").append(esc(r.name())).append("</td><td>RECOVERY</td><td class=\"v ")
                    .append(r.verdict()).append("\">").append(r.verdict()).append("</td><td>")
                    .append(ObjectiveEvaluator.pct(r.measured())).append("</td><td>")
                    .append(ObjectiveEvaluator.pct(r.target())).append("</td><td>").append(r.affected())
                    .append("</td><td></td><td></td><td>").append(esc(r.explanation())).append("</td></tr>\n");
        }
        for (InvariantCheck c : run.invariants()) {
            h.append("<tr><td>invariant: ").append(esc(c.name())).append("</td><td>end</td><td class=\"v ")
                    .append(c.verdict()).append("\">").append(c.verdict()).append("</td><td>").append(c.missing())
                    .append(" missing / ").append(c.duplicates()).append(" dup.</td><td>").append(c.maxMissing())
                    .append(" / ").append(c.maxDuplicates()).append("</td><td>").append(c.expected())
                    .append("</td><td></td><td></td><td>").append(esc(c.explanation())).append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
        h.append("<section><h2>SLIs over time</h2><p class=\"legend\"><span class=\"fault-swatch\"></span> fault window"
                + " &nbsp; <span class=\"target-swatch\"></span> objective &nbsp; <span class=\"abort-swatch\"></span>"
                + " abort &nbsp; phases: baseline / fault / settle / recovery</p><div id=\"timeline\"></div></section>\n");
        h.append("<section><h2>Percentiles over time</h2><div id=\"percentiles\"></div></section>\n");
        h.append("<section><h2>Recovery time distribution</h2><div id=\"recovery\"></div>");
        for (RecoveryResult r : run.recoveries()) {
            if (!r.slowest().isEmpty()) {
                h.append("<p>").append(esc(r.name())).append(", slowest: ").append(esc(String.join(", ",
                        r.slowest()))).append("</p>");
            }
        }
        h.append("</section>\n<section><h2>Abort and rollback log</h2><ul class=\"log\">");
        if (run.aborts().isEmpty() && run.rollbacks().isEmpty()) {
            h.append("<li>no abort rule fired, no rollback recorded</li>");
        }
        for (AbortDecision a : run.aborts()) {
            h.append("<li class=\"abort\">").append(a.at()).append(" <b>ABORT</b> by rule <code>").append(esc(a.rule()))
                    .append("</code> (").append(esc(a.kind())).append("): ").append(esc(a.evidence())).append("</li>");
        }
        for (RollbackStep r : run.rollbacks()) {
            h.append("<li>").append(r.at()).append(" rollback <code>").append(esc(r.step())).append("</code>: ")
                    .append(r.succeeded() ? "succeeded" : "<b>FAILED</b>").append(' ').append(esc(r.detail()))
                    .append("</li>");
        }
        h.append("</ul></section>\n<section><h2>Faults</h2><ul>");
        for (FaultWindow f : run.faults()) {
            h.append("<li><code>").append(esc(f.name())).append("</code> ").append(f.start()).append(" .. ")
                    .append(f.end() == null ? "never reverted" : f.end()).append("</li>");
        }
        h.append("</ul></section>\n<section><h2>Event log</h2><ul class=\"log\">");
        for (RunEvent e : run.events()) {
            h.append("<li>").append(e.at()).append(" <b>").append(esc(e.type())).append("</b> ")
                    .append(esc(e.detail())).append("</li>");
        }
        h.append("</ul></section>\n</main>\n<script type=\"application/json\" id=\"journal\">")
                .append(JournalRenderer.toJson(run).replace("</", "<\\/")).append("</script>\n<script>")
                .append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static boolean hasLatency(ObjectiveSeries s) {
        return s.slices().stream().anyMatch(x -> x.latency() != null);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:0;color:#222}
            header{padding:12px 24px;color:#fff;background:#555}
            header.completed{background:#2e7d32}header.aborted{background:#c62828}header.not_started{background:#6d4c41}
            header.interrupted,header.errored{background:#ef6c00}
            header h1{margin:0 0 4px 0;font-size:22px}.reason{font-weight:bold}
            main{padding:8px 24px}table{border-collapse:collapse;font-size:13px}
            td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
            .v.PASS{background:#c8e6c9}.v.FAIL{background:#ffcdd2}.v.INCONCLUSIVE{background:#fff9c4}
            .v.NO_DATA{background:#eee}.chart{margin:6px 0 14px 0}.chart h3{font-size:14px;margin:4px 0}
            svg{background:#fafafa;border:1px solid #ddd}.log li{font-size:13px}.abort{color:#c62828}
            .fault-swatch{display:inline-block;width:14px;height:10px;background:rgba(229,57,53,.18)}
            .abort-swatch{display:inline-block;width:14px;height:2px;background:#c62828;vertical-align:middle}
            .target-swatch{display:inline-block;width:14px;height:2px;background:#1565c0;vertical-align:middle}
            """;

    private static final String SCRIPT = """
            (function () {
              var j = JSON.parse(document.getElementById('journal').textContent);
              var NS = 'http://www.w3.org/2000/svg', W = 900, H = 190, L = 56, R = 12, T = 10, B = 32;
              var t0 = Date.parse(j.start), t1 = Math.max(Date.parse(j.end), t0 + 1);
              var drawn = 0;
              function el(name, attrs, parent) {
                var e = document.createElementNS(NS, name);
                for (var k in attrs) e.setAttribute(k, attrs[k]);
                if (parent) parent.appendChild(e);
                return e;
              }
              function chart(container, title, ymin, ymax, xmin, xmax, xlabel) {
                var div = document.createElement('div'); div.className = 'chart';
                var h = document.createElement('h3'); h.textContent = title; div.appendChild(h);
                var svg = el('svg', {width: W, height: H, viewBox: '0 0 ' + W + ' ' + H}, div);
                container.appendChild(div);
                var sx = function (x) { return L + (x - xmin) / (xmax - xmin) * (W - L - R); };
                var sy = function (y) { return T + (1 - (y - ymin) / ((ymax - ymin) || 1)) * (H - T - B); };
                el('line', {x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#999'}, svg);
                el('line', {x1: L, y1: T, x2: L, y2: H - B, stroke: '#999'}, svg);
                [ymin, (ymin + ymax) / 2, ymax].forEach(function (v) {
                  var t = el('text', {x: 4, y: sy(v) + 4, 'font-size': 10}, svg); t.textContent = +v.toFixed(2);
                });
                var xl = el('text', {x: W - R - 150, y: H - 3, 'font-size': 10}, svg); xl.textContent = xlabel;
                return {svg: svg, sx: sx, sy: sy, points: 0};
              }
              function timeAxis(c) {
                for (var k = 0; k <= 6; k++) {
                  var tx = t0 + (t1 - t0) * k / 6, x = c.sx(tx);
                  el('line', {x1: x, y1: H - B, x2: x, y2: H - B + 4, stroke: '#999'}, c.svg);
                  var s = Math.round((tx - t0) / 1000);
                  var lbl = el('text', {x: x - 14, y: H - B + 14, 'font-size': 9, fill: '#555'}, c.svg);
                  lbl.textContent = '+' + Math.floor(s / 60) + ':' + ('0' + (s % 60)).slice(-2);
                }
                (j.phases || []).forEach(function (p) {
                  var x = c.sx(Date.parse(p.start));
                  el('line', {x1: x, y1: T, x2: x, y2: H - B, stroke: '#bbb', 'stroke-dasharray': '2,3'}, c.svg);
                  var t = el('text', {x: x + 2, y: T + 9, 'font-size': 9, fill: '#777'}, c.svg);
                  t.textContent = p.phase.toLowerCase();
                });
                (j.aborts || []).forEach(function (a) {
                  var x = c.sx(Date.parse(a.at));
                  el('line', {x1: x, y1: T, x2: x, y2: H - B, stroke: '#c62828', 'stroke-width': 2,
                    'stroke-dasharray': '5,3', 'class': 'abort-marker'}, c.svg);
                  var t = el('text', {x: x + 3, y: H - B - 4, 'font-size': 10, fill: '#c62828'}, c.svg);
                  t.textContent = 'ABORT ' + a.rule;
                });
                (j.faults || []).forEach(function (f) {
                  var a = c.sx(Date.parse(f.start)), b = c.sx(f.end ? Date.parse(f.end) : t1);
                  var r = el('rect', {x: a, y: T, width: Math.max(1, b - a), height: H - T - B,
                    fill: 'rgba(229,57,53,0.18)', 'class': 'fault-window'}, c.svg);
                  el('title', {}, r).textContent = f.name;
                });
              }
              function hline(c, y, color, label) {
                el('line', {x1: L, y1: c.sy(y), x2: W - R, y2: c.sy(y), stroke: color, 'stroke-width': 1.5,
                  'class': 'objective-line'}, c.svg);
                var t = el('text', {x: W - R - 150, y: c.sy(y) - 3, 'font-size': 10, fill: color}, c.svg);
                t.textContent = label;
              }
              function path(c, pts, color) {
                if (!pts.length) return;
                var d = pts.map(function (p, i) { return (i ? 'L' : 'M') + c.sx(p[0]).toFixed(1) + ' ' + c.sy(p[1]).toFixed(1); }).join(' ');
                el('path', {d: d, fill: 'none', stroke: color, 'stroke-width': 1.6, 'class': 'series',
                  'data-points': pts.length}, c.svg);
                c.points += pts.length;
              }
              function done(c) { c.svg.setAttribute('data-points', c.points); if (c.points > 0) drawn++; }
              var mid = function (s) { return (Date.parse(s.start) + Date.parse(s.end)) / 2; };
              var timeline = document.getElementById('timeline');
              (j.series || []).forEach(function (s) {
                var pts = s.slices.filter(function (x) { return x.ratio !== null; })
                  .map(function (x) { return [mid(x), x.ratio * 100]; });
                var line = (s.timeSliceTarget !== null ? s.timeSliceTarget : s.target) * 100;
                var lo = Math.min(line, Math.min.apply(null, pts.map(function (p) { return p[1]; }).concat([100])));
                var ymin = Math.max(0, Math.floor(lo - 1));
                var c = chart(timeline, s.key + ' - good events per slice (%)', ymin, 100, t0, t1, 'time since start (m:ss)');
                timeAxis(c); hline(c, line, '#1565c0', 'objective ' + line.toFixed(2) + ' %');
                path(c, pts, '#2e7d32'); done(c);
              });
              var pct = document.getElementById('percentiles');
              (j.series || []).forEach(function (s) {
                var withLat = s.slices.filter(function (x) { return x.p99Millis !== null; });
                if (!withLat.length) return;
                var max = Math.max.apply(null, withLat.map(function (x) { return x.maxMillis; }).concat([s.thresholdMillis || 0]));
                var c = chart(pct, s.key + ' - latency percentiles per slice (ms)', 0, max * 1.05, t0, t1, 'time since start (m:ss)');
                timeAxis(c);
                if (s.thresholdMillis !== null) hline(c, s.thresholdMillis, '#1565c0', 'bound ' + s.thresholdMillis + ' ms');
                [['p50Millis', '#90caf9'], ['p90Millis', '#42a5f5'], ['p99Millis', '#ef6c00'], ['maxMillis', '#b71c1c']]
                  .forEach(function (k) { path(c, withLat.map(function (x) { return [mid(x), x[k[0]]]; }), k[1]); });
                done(c);
              });
              var rec = document.getElementById('recovery');
              (j.recoveries || []).forEach(function (r) {
                if (!r.recoverySeconds.length) return;
                var xmax = Math.max(r.withinSeconds, r.recoverySeconds[r.recoverySeconds.length - 1]) * 1.05 || 1;
                var c = chart(rec, r.name + ' - share of affected entities back (%) by recovery time (s)', 0, 100, 0, xmax,
                  'recovery time (s)');
                var pts = r.recoverySeconds.map(function (s, i) { return [s, (i + 1) / r.affected * 100]; });
                pts.unshift([0, 0]);
                hline(c, r.target * 100, '#1565c0', 'objective ' + (r.target * 100).toFixed(1) + ' %');
                el('line', {x1: c.sx(r.withinSeconds), y1: T, x2: c.sx(r.withinSeconds), y2: H - B, stroke: '#1565c0',
                  'stroke-dasharray': '4,3', 'class': 'objective-line'}, c.svg);
                path(c, pts, '#6a1b9a'); done(c);
              });
              document.body.setAttribute('data-charts-drawn', drawn);
            })();
            """;
}
