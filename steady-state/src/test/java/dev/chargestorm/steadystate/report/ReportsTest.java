package dev.chargestorm.steadystate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.testsupport.PlatformScenario;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportsTest {

    private static RunResult degraded;
    private static RunResult aborted;

    @BeforeAll
    static void runScenarios() {
        degraded = PlatformScenario.completedRunWithDegradedFault();
        aborted = PlatformScenario.abortedRun(new ArrayList<>());
    }

    @Test
    void run_folder_gets_every_report(@TempDir Path dir) {
        List<Path> files = Reports.writeAll(degraded, dir);
        assertThat(files).containsExactly(dir.resolve("journal.json"), dir.resolve("report.html"),
                dir.resolve("summary.md"), dir.resolve("junit/TEST-steady-state.xml"));
        assertThat(files).allSatisfy(f -> assertThat(f).isNotEmptyFile());
    }

    @Test
    void declarations_are_stored_next_to_the_reports(@TempDir Path dir) {
        List<Path> files = Reports.writeAll(degraded, PlatformScenario.declarations(), dir);
        assertThat(files).last().isEqualTo(dir.resolve("steady-state.yaml"));
        assertThat(dev.chargestorm.steadystate.yaml.SloFiles.load(dir.resolve("steady-state.yaml")))
                .isEqualTo(PlatformScenario.declarations());
    }

    @Test
    void journal_follows_the_documented_schema(@TempDir Path dir) throws IOException {
        Reports.writeAll(aborted, dir);
        JsonNode j = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("journal.json")));
        assertThat(j.propertyNames()).containsExactly("schema", "run", "steadyState", "status", "statusReason",
                "deviated", "start", "end", "durationSeconds", "sliceSeconds", "summary", "phases", "faults",
                "objectives", "series", "recoveries", "invariants", "invariantBreachesDuringRun", "aborts", "rollbacks",
                "events");
        assertThat(j.get("schema").asString()).isEqualTo("chargestorm/steady-state-journal/v1");
        assertThat(j.get("status").asString()).isEqualTo("ABORTED");
        assertThat(j.get("start").asString()).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(j.get("aborts").get(0).get("rule").asString()).isEqualTo("floor");
        assertThat(j.get("rollbacks").get(0).get("succeeded").asBoolean()).isTrue();
        JsonNode objective = j.get("objectives").get(0);
        assertThat(objective.propertyNames()).containsExactly("key", "slo", "objective", "phase", "budgetingMethod",
                "statement", "target", "measured", "good", "total", "wilsonLow", "wilsonHigh", "slices", "validSlices",
                "goodSlices", "burnRate", "verdict", "explanation");
        JsonNode slice = j.get("series").get(0).get("slices").get(0);
        assertThat(slice.propertyNames()).containsExactly("start", "end", "phase", "good", "total", "ratio",
                "p50Millis", "p90Millis", "p99Millis", "maxMillis", "sourceError");
        assertThat(slice.get("total").asLong()).isEqualTo(400);
        assertThat(j.get("summary").get("PASS").asLong()).isEqualTo(aborted.count(
                dev.chargestorm.steadystate.evaluation.Verdict.PASS));
    }

    @Test
    void junit_xml_has_a_test_case_per_objective_and_phase(@TempDir Path dir) throws Exception {
        Reports.writeAll(degraded, dir);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("junit/TEST-steady-state.xml").toFile());
        Element suite = doc.getDocumentElement();
        NodeList cases = suite.getElementsByTagName("testcase");
        // 12 objective x phase verdicts + 1 recovery + 1 invariant + run status
        assertThat(cases.getLength()).isEqualTo(degraded.objectives().size() + 3).isEqualTo(15);
        assertThat(suite.getAttribute("tests")).isEqualTo("15");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getElementsByTagName("failure").getLength()).isEqualTo(2);
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("p99 < 1 s [FAULT]");
        assertThat(failure.getAttribute("message")).isEqualTo("Actual value: 80.00 % of 2400 events good (95 % Wilson"
                + " [78.35 %, 81.55 %]); objective >= 99.00 %");
    }

    @Test
    void aborted_run_fails_the_run_status_case_in_junit_xml() {
        String xml = JUnitXmlRenderer.xml(aborted);
        assertThat(xml).contains("<testcase classname=\"steadystate.db-latency-demo\" name=\"run status\" time=\"0\">"
                + "<failure message=\"run ABORTED: abort rule 'floor' (hard-floor)");
    }

    @Test
    void markdown_summary_has_status_and_verdict_table() {
        String md = MarkdownRenderer.markdown(degraded);
        assertThat(md).startsWith("# Steady state: db-latency-demo\n\n**Status: COMPLETED**\n");
        assertThat(md).contains("| search-latency/p99 < 1 s | FAULT | **FAIL** | 80.00 % | 99.00 % | 2400 | ");
        assertThat(md).contains("| fleet-reconnect-60s | **PASS** | 30 of 30 affected entities (100.00 %) back within"
                + " 60 s, 0 never recovered; objective >= 99.00 % |");
        assertThat(md).contains("rollback `remove latency toxic db-zone-a`: succeeded");
    }

    @Test
    void html_report_is_self_contained() {
        String html = HtmlRenderer.html(degraded);
        // the only URL is the SVG namespace name, which is never fetched
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
        assertThat(html).doesNotContain("<script src", "<link ", "@import");
        assertThat(html).contains("<script type=\"application/json\" id=\"journal\">");
        assertThat(html).contains("<td class=\"v FAIL\">FAIL</td>");
    }
}
