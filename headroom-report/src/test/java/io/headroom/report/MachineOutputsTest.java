package io.headroom.report;

import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** JUnit XML, CSV and markdown outputs, each parsed back after writing. */
class MachineOutputsTest {
    @TempDir
    Path dir;

    @Test
    void junitHasOneCasePerThresholdWithTheActualValueInTheFailureAndOnePerCheck() throws Exception {
        Path file = dir.resolve("junit.xml");
        JunitReport.write(SampleResults.checkoutRun(RunOutcome.COMPLETED), file);

        Document doc = parse(file);
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        Map<String, Element> suites = new LinkedHashMap<>();
        NodeList list = doc.getElementsByTagName("testsuite");
        for (int i = 0; i < list.getLength(); i++) suites.put(((Element) list.item(i)).getAttribute("name"), (Element) list.item(i));
        assertThat(suites).containsOnlyKeys("headroom.thresholds", "headroom.checks", "headroom.run");

        List<Element> thresholds = cases(suites.get("headroom.thresholds"));
        assertThat(thresholds).extracting(e -> e.getAttribute("name")).containsExactly(
                "http_req_duration p(95)<500", "http_req_failed rate<0.01", "http_req_duration{name:/login} p(99)<100",
                "http_req_duration{name:/missing} p(99)<100", "http_reqs count>100");
        Element crossed = (Element) thresholds.get(1).getElementsByTagName("failure").item(0);
        assertThat(crossed.getAttribute("message")).isEqualTo("threshold crossed: rate=1.67% does not satisfy 'rate<0.01'");
        assertThat(suites.get("headroom.thresholds").getAttribute("failures")).isEqualTo("1");
        assertThat(thresholds.get(0).getElementsByTagName("failure").getLength()).isZero();

        List<Element> checks = cases(suites.get("headroom.checks"));
        assertThat(checks).extracting(e -> e.getAttribute("name")).containsExactly("logged in", "listed", "checkout :: paid");
        assertThat(((Element) checks.get(1).getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("check failed: 15 of 200 failed (92.50% passed)");
        // 5 thresholds, 3 checks, and the run's two cases: completed, and the generator kept to the plan
        assertThat(root.getAttribute("tests")).isEqualTo("10");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
    }

    @Test
    void junitFailsTheRunCaseForPartialRunsAndKeepsHostileNamesAsText() throws Exception {
        Path file = dir.resolve("junit.xml");
        RunResult hostile = HtmlReportTest.hostileRun();
        JunitReport.write(new RunResult(hostile.info(), RunOutcome.INTERRUPTED, hostile.series(), hostile.checks(),
                hostile.thresholds(), hostile.intervals()), file);
        Document doc = parse(file);
        List<Element> all = new ArrayList<>();
        NodeList list = doc.getElementsByTagName("testcase");
        for (int i = 0; i < list.getLength(); i++) all.add((Element) list.item(i));
        assertThat(all).extracting(e -> e.getAttribute("name"))
                .contains(HtmlReportTest.HOSTILE + " :: " + HtmlReportTest.HOSTILE, "run completed");
        Element run = all.stream().filter(e -> e.getAttribute("name").equals("run completed")).findFirst().orElseThrow();
        assertThat(((Element) run.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("run interrupted — partial results");
    }

    @Test
    void csvHasOneRowPerSeriesAndSecondThatParsesBack() throws Exception {
        Path file = dir.resolve("intervals.csv");
        CsvIntervals.write(SampleResults.checkoutRun(RunOutcome.COMPLETED), file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo(CsvIntervals.HEADER);
        assertThat(lines).hasSize(1 + 3 + 4 + 2);
        List<List<String>> rows = lines.subList(1, lines.size()).stream().map(MachineOutputsTest::parseCsvLine).toList();
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(12));
        assertThat(rows.get(1)).containsExactly("1000", "http_req_duration", "trend", "", "10", "11.5", "0", "1.001",
                "1.05", "1.09", "1.1", "1.1");
        assertThat(rows.get(5)).startsWith("2000", "http_req_failed", "rate", "name=/login", "12", "1");
    }

    @Test
    void csvQuotesFieldsWithCommasAndQuotes() {
        assertThat(CsvIntervals.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvIntervals.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(parseCsvLine("1,\"a,\"\"b\"\"\",c")).containsExactly("1", "a,\"b\"", "c");
    }

    @Test
    void markdownShowsVerdictThresholdsChecksAndEndpointsAsTables() throws Exception {
        Path file = dir.resolve("summary.md");
        MarkdownSummary.write(SampleResults.checkoutRun(RunOutcome.COMPLETED), file);
        String md = Files.readString(file);
        assertThat(md).startsWith("## Headroom: checkout-load — ❌ 1 of 5 thresholds crossed\n");
        assertThat(md).contains("| ❌ | <code>http_req_failed</code> | <code>rate&lt;0.01</code> | **rate=1.67%** |");
        assertThat(md).contains("| ✅ | listed |".replace("✅", "❌"));
        assertThat(md).contains("| /login | POST | 100 |");
        // Every table row has the same number of cells as its header.
        for (String table : md.split("\n\n")) {
            List<String> rows = table.lines().filter(l -> l.startsWith("|")).toList();
            if (rows.isEmpty()) continue;
            long cells = cellCount(rows.get(0));
            assertThat(rows).allSatisfy(r -> assertThat(cellCount(r)).as(r).isEqualTo(cells));
        }
    }

    @Test
    void markdownNeutralisesHtmlAndPipesFromTheTarget() {
        String md = MarkdownSummary.render(HtmlReportTest.hostileRun());
        assertThat(md).doesNotContain("<script", "<img").contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(MarkdownSummary.text("a|b")).isEqualTo("a\\|b");
    }

    private static long cellCount(String row) {
        return row.replace("\\|", "").chars().filter(c -> c == '|').count();
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> cases(Element suite) {
        List<Element> out = new ArrayList<>();
        NodeList list = suite.getElementsByTagName("testcase");
        for (int i = 0; i < list.getLength(); i++) out.add((Element) list.item(i));
        return out;
    }

    /** A minimal RFC 4180 line parser, independent of the writer. */
    static List<String> parseCsvLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
