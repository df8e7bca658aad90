package io.headroom.cli;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --html/--junit/--csv/--markdown} against the demo shop, and {@code report} rebuilding them from summary.json. */
class ReportOutputsTest {
    @TempDir
    Path dir;

    DemoServer demo;

    @BeforeEach
    void startDemo() throws IOException {
        demo = DemoServer.start(DemoConfig.defaults());
    }

    @AfterEach
    void stopDemo() {
        demo.close();
    }

    private Path plan() throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: outputs
                baseUrl: ${ENV:BASE_URL}
                thresholds:
                  http_req_duration: ["p(95)<5000"]
                  http_req_failed: ["rate<0.01"]
                scenarios:
                  api:
                    executor: constant-vus
                    vus: 2
                    duration: 2s
                    flow:
                      - get: /products?limit=5
                        name: products
                        checks: [{status: 200}]
                      - get: /missing
                        name: missing
                """);
        return plan;
    }

    @Test
    void runWritesEveryRequestedReportAndEachParses() throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", "--accept-invalid-run", plan().toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet",
                "--json", out.resolve("summary.json").toString(), "--html", out.resolve("report.html").toString(),
                "--junit", out.resolve("junit.xml").toString(), "--csv", out.resolve("intervals.csv").toString(),
                "--markdown", out.resolve("summary.md").toString());
        // Half the requests fail (404), so rate<0.01 is crossed.
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(99);
        assertThat(run.out()).contains("HTML report written to", "JUnit XML written to", "interval CSV written to",
                "markdown summary written to");

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile());
        NodeList cases = junit.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2 + 1 + 2); // two thresholds, one check, the run's two cases
        Element crossed = (Element) cases.item(1);
        assertThat(crossed.getAttribute("name")).isEqualTo("http_req_failed rate<0.01");
        assertThat(((Element) crossed.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .startsWith("threshold crossed: rate=").contains("%");

        List<String> csv = Files.readAllLines(out.resolve("intervals.csv"));
        assertThat(csv.get(0)).isEqualTo("offset_ms,metric,kind,tags,count,sum,last,min,p50,p95,p99,max");
        assertThat(csv.subList(1, csv.size())).isNotEmpty().allSatisfy(line -> assertThat(line).matches("\\d+,[a-z_]+,[a-z]+,.*"));
        // The first second ends at about 1000 ms after the start; the engine's tick may land a millisecond or two late.
        assertThat(csv).anySatisfy(line -> assertThat(line).matches("1\\d{3},http_reqs,counter,,.*"));

        String md = Files.readString(out.resolve("summary.md"));
        assertThat(md).startsWith("## Headroom: outputs — ❌ 1 of 2 thresholds crossed").contains("| products | GET |");

        assertThat(Files.readString(out.resolve("report.html"))).contains("✗ 1 of 2 thresholds crossed");
    }

    @Test
    void reportRebuildsTheSameOutputsFromTheJsonSummaryAlone() throws Exception {
        Path first = dir.resolve("first");
        CliRun run = CliRun.of("run", "--accept-invalid-run", plan().toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet",
                "--json", first.resolve("summary.json").toString(), "--html", first.resolve("report.html").toString(),
                "--junit", first.resolve("junit.xml").toString(), "--markdown", first.resolve("summary.md").toString(),
                "--csv", first.resolve("intervals.csv").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(99);

        Path again = dir.resolve("again");
        CliRun report = CliRun.of("report", first.resolve("summary.json").toString(),
                "--html", again.resolve("report.html").toString(), "--junit", again.resolve("junit.xml").toString(),
                "--markdown", again.resolve("summary.md").toString(), "--csv", again.resolve("intervals.csv").toString());
        assertThat(report.exitCode()).as(report.toString()).isZero();
        for (String name : List.of("report.html", "junit.xml", "summary.md", "intervals.csv")) {
            assertThat(Files.readString(again.resolve(name))).as(name).isEqualTo(Files.readString(first.resolve(name)));
        }

        CliRun console = CliRun.of("report", first.resolve("summary.json").toString());
        assertThat(console.exitCode()).as(console.toString()).isZero();
        assertThat(console.out()).contains("THRESHOLDS", "rate<0.01");
    }

    @Test
    void reportOfAMissingOrBrokenSummaryIsAUsageError() throws Exception {
        CliRun missing = CliRun.of("report", dir.resolve("nope.json").toString(), "--html", dir.resolve("r.html").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json: no such file").doesNotContain("\tat ");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"schema\": \"something/9\"}");
        CliRun bad = CliRun.of("report", broken.toString(), "--html", dir.resolve("r.html").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("broken.json").doesNotContain("\tat ");
        assertThat(dir.resolve("r.html")).doesNotExist();
    }
}
