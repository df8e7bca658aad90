package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.analysis.Unit;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.JsonSummary;
import io.headroom.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code headroom report AFTER --baseline BEFORE --html}: two real runs against the demo shop, the second with 100 ms
 * added latency, drawn into one page. Opened in headless Chromium: no script errors, the three overlaid charts draw
 * both runs, the verdict is word for word the one {@code headroom compare} prints, and the numbers are both summaries'.
 */
// Alone: concurrent runs on a small machine would change the latencies being judged.
@Isolated
class HtmlReportBaselineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRIVER = """
            <script>
            (function () {
              var r = { errors: window.__errors, charts: [] };
              try {
                var verdict = document.getElementById('compare-verdict');
                r.verdict = verdict ? verdict.textContent : null;
                r.runs = {};
                Array.prototype.forEach.call(document.querySelectorAll('#compare-runs tbody tr'), function (row) {
                  r.runs[row.getAttribute('data-key')] = [row.cells[1].getAttribute('data-v'), row.cells[2].getAttribute('data-v')];
                });
                r.changes = Array.prototype.map.call(document.querySelectorAll('#compare-changes tbody tr'), function (row) {
                  return Array.prototype.map.call(row.cells, function (c) { return c.textContent; });
                });
                (window.__headroomCharts || []).forEach(function (u) {
                  if (u.__container.id.indexOf('chart-compare-') !== 0) return;
                  var canvas = u.ctx.canvas;
                  var pixels = u.ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                  var colours = u.series.slice(1).map(function (s) {
                    var hex = typeof s.stroke === 'function' ? s.stroke(u, 1) : s.stroke;
                    return [parseInt(hex.substr(1, 2), 16), parseInt(hex.substr(3, 2), 16), parseInt(hex.substr(5, 2), 16)];
                  });
                  var seriesPixels = 0;
                  for (var i = 0; i < pixels.length; i += 4) {
                    if (pixels[i + 3] === 0) continue;
                    for (var c = 0; c < colours.length; c++) {
                      if (Math.abs(pixels[i] - colours[c][0]) < 8 && Math.abs(pixels[i + 1] - colours[c][1]) < 8
                          && Math.abs(pixels[i + 2] - colours[c][2]) < 8) { seriesPixels++; break; }
                    }
                  }
                  r.charts.push({ id: u.__container.id, seriesPixels: seriesPixels,
                    labels: u.series.slice(1).map(function (s) { return s.label; }),
                    dashed: u.series.slice(1).map(function (s) { return !!(s.dash && s.dash.length); }) });
                });
              } catch (e) {
                r.errors.push('harness: ' + e);
              }
              var pre = document.createElement('pre');
              pre.id = 'test-results';
              pre.textContent = JSON.stringify(r);
              document.body.appendChild(pre);
            })();
            </script>
            """;

    @TempDir
    Path dir;

    @Test
    void bothRunsInOnePageWithTheVerdictOfCompare() throws Exception {
        Path before, after;
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            before = run(demo, "before", "compare-me");
            demo.faults().setAddedLatencyMillis(100);
            after = run(demo, "after", "compare-me");
        }
        CliRun compare = CliRun.of("compare", before.toString(), after.toString(), "--json");
        JsonNode verdict = JSON.readTree(compare.out());
        // Usually "REGRESSION: ..."; on a machine busy enough to blur 100 ms, "INCONCLUSIVE: ...". Either way the page
        // must say exactly what compare says.
        boolean regression = verdict.get("regression").asBoolean();
        assertThat(verdict.get("verdict").asText()).startsWith(regression ? "REGRESSION: " : "INCONCLUSIVE: ");
        assertThat(compare.exitCode()).as(compare.toString()).isEqualTo(regression ? ExitCode.THRESHOLDS_CROSSED.code() : 0);

        Path html = dir.resolve("report.html");
        CliRun report = CliRun.of("report", after.toString(), "--baseline", before.toString(), "--html", html.toString());
        assertThat(report.exitCode()).as(report.toString()).isZero();
        String page = Files.readString(html);

        JsonNode r = JSON.readTree(Chromium.harnessResults(dir.resolve("instrumented.html"), page, DRIVER));
        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        // One verdict everywhere: the page says what compare says, word for word.
        assertThat(r.get("verdict").asText()).isEqualTo(verdict.get("verdict").asText());

        // Both runs' key numbers are their summaries'.
        RunResult b = JsonSummary.read(before), a = JsonSummary.read(after);
        JsonNode runs = r.get("runs");
        assertThat(runs.get("requests").get(0).asDouble()).isEqualTo(count(before, "http_reqs")).isPositive();
        assertThat(runs.get("requests").get(1).asDouble()).isEqualTo(count(after, "http_reqs")).isPositive();
        assertThat(runs.get("p50").get(1).asDouble()).as("the slower run's p50: every response waited 100 ms").isGreaterThanOrEqualTo(100);
        assertThat(page).contains("class=\"compare-verdict " + (regression ? "fail" : "neutral") + "\" id=\"compare-verdict\"");

        // Every change of compare's JSON is a row, its before and after formatted as compare formats them.
        JsonNode changes = verdict.get("changes");
        JsonNode rows = r.get("changes");
        assertThat(rows).hasSize(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            JsonNode ch = changes.get(i), row = rows.get(i);
            Unit unit = switch (ch.get("unit").asText()) {
                case "ms" -> Unit.MILLISECONDS;
                case "fraction" -> Unit.FRACTION;
                default -> Unit.REQUESTS_PER_SECOND;
            };
            assertThat(row.get(1).asText()).isEqualTo(ch.get("quantity").asText());
            assertThat(row.get(2).asText()).as(row.toString()).isEqualTo(unit.format(ch.get("before").asDouble()));
            assertThat(row.get(3).asText()).as(row.toString()).isEqualTo(unit.format(ch.get("after").asDouble()));
            assertThat(row.get(7).asText().equals("REGRESSION")).as(row.toString()).isEqualTo(ch.get("regression").asBoolean());
        }

        // The overlaid charts draw both runs, the baseline dashed; their data are each run's own seconds.
        JsonNode charts = r.get("charts");
        assertThat(charts).extracting(c -> c.get("id").asText())
                .containsExactly("chart-compare-latency", "chart-compare-rps", "chart-compare-errors");
        for (JsonNode chart : charts) {
            assertThat(chart.get("seriesPixels").asInt()).as(chart.toString()).isGreaterThan(50);
            assertThat(chart.get("labels").toString()).contains("(this run)", "(baseline)");
            assertThat(chart.get("dashed").toString()).as(chart.toString()).contains("true", "false");
        }
        JsonNode data = JSON.readTree(HtmlReportChromiumTest.chartData(page)).get("compare");
        assertThat(nonNull(data.get("after").get("p95"))).isEqualTo(p95PerSecond(a)).isNotEmpty();
        assertThat(nonNull(data.get("before").get("p95"))).isEqualTo(p95PerSecond(b)).isNotEmpty();
        assertThat(data.get("seconds").size()).isGreaterThanOrEqualTo(Math.max(a.intervals().size(), b.intervals().size()));

        // A run against itself: the page again says what compare says (no regression, nothing significant).
        Path self = dir.resolve("self.html");
        assertThat(CliRun.of("report", before.toString(), "--baseline", before.toString(), "--html", self.toString()).exitCode()).isZero();
        String selfVerdict = JSON.readTree(CliRun.of("compare", before.toString(), before.toString(), "--json").out()).get("verdict").asText();
        assertThat(selfVerdict).doesNotStartWith("REGRESSION");
        assertThat(Files.readString(self)).contains("id=\"compare-verdict\">" + io.headroom.core.text.Html.escape(selfVerdict) + "</div>");

        // Without --baseline there is no comparison in the page.
        Path alone = dir.resolve("alone.html");
        assertThat(CliRun.of("report", after.toString(), "--html", alone.toString()).exitCode()).isZero();
        assertThat(Files.readString(alone)).doesNotContain("id=\"baseline\"", "\"compare\":");
    }

    @Test
    void aBaselineNeedsAnHtmlReportAndTheSamePlan() throws IOException {
        Path before, other;
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            before = run(demo, "before", "compare-me");
            other = run(demo, "other", "another-plan");
        }
        CliRun noHtml = CliRun.of("report", before.toString(), "--baseline", before.toString());
        assertThat(noHtml.exitCode()).as(noHtml.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(noHtml.err()).contains("--baseline draws the comparison into the HTML report: add --html FILE");

        Path html = dir.resolve("report.html");
        CliRun different = CliRun.of("report", other.toString(), "--baseline", before.toString(), "--html", html.toString());
        assertThat(different.exitCode()).as(different.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(different.err()).contains("are summaries of different plans", "--allow-different-plans");
        assertThat(html).doesNotExist();
        CliRun allowed = CliRun.of("report", other.toString(), "--baseline", before.toString(), "--html", html.toString(),
                "--allow-different-plans");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(Files.readString(html)).contains("id=\"compare-verdict\"");

        CliRun missing = CliRun.of("report", before.toString(), "--baseline", dir.resolve("nope.json").toString(), "--html",
                dir.resolve("x.html").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(missing.err()).contains("nope.json: no such file").doesNotContain("Exception");
    }

    private Path run(DemoServer demo, String name, String planName) throws IOException {
        Path plan = dir.resolve(planName + ".yaml");
        Files.writeString(plan, """
                name: %s
                baseUrl: ${ENV:BASE_URL}
                scenarios:
                  api:
                    executor: constant-vus
                    vus: 4
                    duration: 2s
                    flow:
                      - get: /products?limit=5
                        name: products
                """.formatted(planName));
        Path json = dir.resolve(name + ".json");
        CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--json",
                json.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return json;
    }

    private static double count(Path summary, String metric) throws IOException {
        for (JsonNode s : JSON.readTree(Files.readString(summary)).get("series")) {
            if (s.get("tags").isEmpty() && s.get("metric").asText().equals(metric)) return s.get("stats").get("count").asDouble();
        }
        throw new AssertionError("no " + metric + " in " + summary);
    }

    private static List<Double> p95PerSecond(RunResult result) {
        List<Double> out = new ArrayList<>();
        for (IntervalPoint p : result.intervals()) {
            for (IntervalPoint.Series s : p.series()) {
                if (s.metric().equals(BuiltinMetrics.HTTP_REQ_DURATION) && s.tags().isEmpty() && s.count() > 0) out.add(s.p95());
            }
        }
        return out;
    }

    private static List<Double> nonNull(JsonNode values) {
        List<Double> out = new ArrayList<>();
        values.forEach(v -> {
            if (!v.isNull()) out.add(v.asDouble());
        });
        return out;
    }
}
