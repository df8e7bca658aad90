package io.headroom.cli;

import io.headroom.testing.Chromium;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.analysis.diagnose.BreakingRate;
import io.headroom.analysis.diagnose.Diagnosis;
import io.headroom.analysis.diagnose.Finding;
import io.headroom.analysis.diagnose.Severity;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.demo.EndpointFamily;
import io.headroom.demo.FaultSettings;
import io.headroom.demo.ServiceTime;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers in every report of a real run against the demo shop: findings under the console summary, the
 * capacity chart in the HTML report of a stepped run, and the breaking point of a breakpoint run.
 */
// Alone: concurrent example runs on a small machine would change the latencies being judged.
@Isolated
class AnswersInEveryReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path plan(String scenario) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: answers
                baseUrl: ${ENV:BASE_URL}
                %s
                    flow:
                      - get: /products?limit=5
                        name: products
                """.formatted(scenario.stripTrailing()));
        return plan;
    }

    private static final String STEADY = """
            scenarios:
              api:
                executor: constant-vus
                vus: 4
                duration: 2s
            """;

    @Test
    void aRunAgainstFailingServicePrintsTheErrorRateFindingUnderTheSummary() throws IOException {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withAllServiceTimes(ServiceTime.fixedMillis(20)))) {
            demo.faults().setErrorRate(0.2);
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan(STEADY).toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet");
            System.out.println(run.out());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).as(run.toString()).contains("  findings\n", "!! Error rate", "next: ")
                    .doesNotContain("no findings above info");
        }
    }

    @Test
    void aHealthyRunPrintsNoFindingAboveInfo() throws IOException {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withAllServiceTimes(ServiceTime.fixedMillis(50)))) {
            Path html = dir.resolve("steady.html");
            Path json = dir.resolve("steady.json");
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan(STEADY).toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet",
                    "--html", html.toString(), "--json", json.toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            // A busy build machine may make the generator itself late; that finding is about the machine, not the target.
            List<Finding> above = Diagnosis.of(JsonSummary.read(json)).stream().filter(f -> f.severity() != Severity.INFO).toList();
            assertThat(above).as(run.toString()).allMatch(Finding::aboutGenerator);
            if (above.isEmpty()) assertThat(run.out()).as(run.toString()).contains("findings: no findings above info");
            assertThat(run.out()).as(run.toString()).doesNotContain("Error rate", "breaking point");
            // One load level: nothing to fit, so no capacity section.
            assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains("id=\"findings\"")
                    .doesNotContain("<section id=\"capacity\">");
        }
    }

    @Test
    void aSteppedRunsHtmlReportDrawsMeasuredLevelsAndTheFittedCurve() throws Exception {
        Path html = dir.resolve("run.html");
        Path capacityHtml = dir.resolve("capacity.html");
        Path json = dir.resolve("stress.json");
        DemoConfig config = DemoConfig.defaults().withWorkerThreads(4).withAllServiceTimes(ServiceTime.fixedMillis(10));
        try (DemoServer demo = DemoServer.start(config)) {
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan("""
                    scenarios:
                      steps:
                        executor: ramping-vus
                        startVUs: 1
                        stages:
                          - {duration: 1500ms, target: 1}
                          - {duration: 100ms, target: 2}
                          - {duration: 1500ms, target: 2}
                          - {duration: 100ms, target: 4}
                          - {duration: 1500ms, target: 4}
                          - {duration: 100ms, target: 8}
                          - {duration: 1500ms, target: 8}
                        gracefulRampDown: 1s
                    """).toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet", "--json", json.toString(),
                    "--html", html.toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).contains("<section id=\"capacity\">", "<svg class=\"capacity-chart\"", "<polyline id=\"capacity-fitted\"",
                "σ contention", "κ coherency", "R² (goodness of fit)", "peak concurrency", "maximum throughput", "knee");
        assertThat(count(page, "<circle class=\"capacity-measured")).isGreaterThanOrEqualTo(3);

        CliRun capacity = CliRun.of("capacity", json.toString(), "--slo", "p(95)<1", "--html", capacityHtml.toString());
        assertThat(capacity.exitCode()).as(capacity.toString()).isZero();
        assertThat(capacity.out()).contains("HTML report written to " + capacityHtml);
        String capacityPage = Files.readString(capacityHtml, StandardCharsets.UTF_8);
        // 10 ms a request: every level breaks a 1 ms objective, and the section says so.
        assertThat(capacityPage).contains("<section id=\"capacity\">", "SLO p(95)&lt;1", "even the lowest level broke it",
                "capacity-measured slo-break");

        // A look for people: the page and a screenshot of its capacity section land in target/ as build artifacts.
        Path artifacts = Path.of("target/html-report");
        Files.createDirectories(artifacts);
        Files.copy(capacityHtml, artifacts.resolve("capacity.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path anchored = dir.resolve("capacity-anchored.html");
        int sectionStart = capacityPage.indexOf("<section id=\"capacity\">");
        String sectionOnly = capacityPage.substring(0, capacityPage.indexOf("<main>") + "<main>".length())
                + capacityPage.substring(sectionStart, capacityPage.indexOf("</section>", sectionStart) + "</section>".length())
                + "</main></body></html>";
        Files.writeString(anchored, sectionOnly, StandardCharsets.UTF_8);
        Chromium.screenshot(anchored, artifacts.resolve("capacity.png"), 1000, 900);

        // In a real browser: the chart has its points and curve laid out, and the page logs no error.
        Path testPage = dir.resolve("instrumented.html");
        Files.writeString(testPage, page.replace("</body>", """
                <script>
                (function () {
                  var r = {};
                  var line = document.getElementById('capacity-fitted');
                  r.curvePoints = line ? line.points.numberOfItems : 0;
                  r.curveWidth = line ? line.getBBox().width : 0;
                  r.dots = Array.prototype.filter.call(document.querySelectorAll('circle.capacity-measured'),
                      function (c) { var b = c.getBoundingClientRect(); return b.width > 0 && b.height > 0; }).length;
                  var pre = document.createElement('pre');
                  pre.id = 'capacity-results';
                  pre.textContent = JSON.stringify(r);
                  document.body.appendChild(pre);
                })();
                </script>
                </body>"""), StandardCharsets.UTF_8);
        Chromium.Result browser = Chromium.dumpDom(testPage);
        Matcher m = Pattern.compile("<pre id=\"capacity-results\">(.*?)</pre>", Pattern.DOTALL).matcher(browser.dom());
        assertThat(m.find()).as("results in the DOM; chromium log:\n" + browser.log()).isTrue();
        JsonNode r = JSON.readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
        assertThat(r.get("curvePoints").asInt()).as(r.toString()).isGreaterThan(50);
        assertThat(r.get("curveWidth").asDouble()).as(r.toString()).isGreaterThan(100);
        assertThat(r.get("dots").asInt()).as(r.toString()).isGreaterThanOrEqualTo(3);
        assertThat(browser.consoleLines()).as("console output").isEmpty();
    }

    @Test
    void aBreakpointRunReportsTheLastRateThatHeld() throws IOException {
        // 2 workers × 20 ms: at most 100 req/s. The rate climbs past it and the queue breaks p(95)<100.
        DemoConfig config = DemoConfig.defaults().withWorkerThreads(2).withAllServiceTimes(ServiceTime.fixedMillis(20));
        double capacity = config.capacityRequestsPerSecond(EndpointFamily.PRODUCTS, FaultSettings.NONE);
        Path json = dir.resolve("breakpoint.json");
        try (DemoServer demo = DemoServer.start(config)) {
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan("""
                    thresholds:
                      http_req_duration: [{threshold: "p(95)<100", abortOnFail: true, delayAbortEval: 1s}]
                    scenarios:
                      ramp:
                        executor: ramping-arrival-rate
                        startRate: 20
                        timeUnit: 1s
                        preAllocatedVUs: 10
                        maxVUs: 80
                        stages:
                          - {duration: 8s, target: 400}
                    """).toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet", "--json", json.toString());
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.THRESHOLDS_CROSSED.code());
            assertThat(run.out()).contains("run aborted by a threshold");
            assertThat(run.out()).as(run.toString()).containsPattern("breaking point: [0-9.]+ iterations/s held \\(")
                    .contains("http_req_duration p(95)<100 broke at ");
        }
        BreakingRate rate = BreakingRate.of(JsonSummary.read(json)).orElseThrow();
        // Generous: the last second that held lies somewhere on the climb, never far beyond what the pool serves.
        assertThat(rate.heldIterationsPerSecond()).as(rate.toString()).isBetween(10.0, 2 * capacity);
        assertThat(rate.heldRequestsPerSecond()).as(rate.toString()).isBetween(10.0, 2 * capacity);

        CliRun diagnose = CliRun.of("diagnose", json.toString(), "--json");
        assertThat(diagnose.exitCode()).as(diagnose.toString()).isZero();
        JsonNode point = JSON.readTree(diagnose.out()).get("breakingPoint");
        assertThat(point.get("threshold").asText()).isEqualTo("http_req_duration p(95)<100");
        assertThat(point.get("heldIterationsPerSecond").asDouble()).isEqualTo(rate.heldIterationsPerSecond(),
                org.assertj.core.data.Offset.offset(0.01));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
