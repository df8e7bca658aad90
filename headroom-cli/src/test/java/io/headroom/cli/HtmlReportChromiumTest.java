package io.headroom.cli;

import io.headroom.testing.Chromium;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report of a real run against the demo shop, opened in headless Chromium: no script errors,
 * every chart drew its data, a request name with markup stays text, and a screenshot lands in
 * {@code target/} as a build artifact.
 */
class HtmlReportChromiumTest {
    static final Path SCREENSHOT = Path.of("target/html-report/report.png");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "</script><script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";


    // For each chart: how many pixels of the canvas carry one of its series' stroke colours (not the axes' grey).
    private static final String DRIVER = """
            <script>
            (function () {
              var r = { errors: window.__errors, charts: [] };
              function legend(u) {
                return Array.prototype.map.call(u.root.querySelectorAll('.u-legend .u-series'), function (row) {
                  return row.querySelector('.u-value').textContent;
                });
              }
              try {
                r.pwned = window.__pwned === undefined ? 'no' : 'yes';
                r.images = document.querySelectorAll('img').length;
                r.planScenarios = Array.prototype.map.call(document.querySelectorAll('#plan-scenarios tbody tr'), function (row) { return row.textContent; });
                r.metricBlocks = document.querySelectorAll('#metrics-table tbody.metric').length;
                r.endpointNames = Array.prototype.map.call(document.querySelectorAll('#endpoints td.name'), function (td) { return td.textContent; });
                var table = document.querySelector('#endpoints table.sortable');
                var p95Header = table.querySelectorAll('th')[5];
                p95Header.click();
                r.p95Descending = Array.prototype.map.call(table.tBodies[0].rows, function (row) { return parseFloat(row.cells[5].getAttribute('data-v')); });
                p95Header.click();
                r.p95Ascending = Array.prototype.map.call(table.tBodies[0].rows, function (row) { return parseFloat(row.cells[5].getAttribute('data-v')); });
                (window.__headroomCharts || []).forEach(function (u) {
                  var canvas = u.ctx.canvas;
                  var pixels = u.ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                  var colours = u.series.slice(1).map(function (s) {
                    var hex = typeof s.stroke === 'function' ? s.stroke(u, 1) : s.stroke;
                    return [parseInt(hex.substr(1, 2), 16), parseInt(hex.substr(3, 2), 16), parseInt(hex.substr(5, 2), 16)];
                  });
                  var painted = 0, seriesPixels = 0;
                  for (var i = 0; i < pixels.length; i += 4) {
                    if (pixels[i + 3] === 0) continue;
                    painted++;
                    for (var c = 0; c < colours.length; c++) {
                      if (Math.abs(pixels[i] - colours[c][0]) < 8 && Math.abs(pixels[i + 1] - colours[c][1]) < 8
                          && Math.abs(pixels[i + 2] - colours[c][2]) < 8) { seriesPixels++; break; }
                    }
                  }
                  r.charts.push({ id: u.__container.id, width: canvas.width, height: canvas.height, painted: painted,
                    seriesPixels: seriesPixels, legend: legend(u) });
                });
                // The cursor over the middle of the load chart, then gone: its legend follows, then shows the last values again.
                var load = (window.__headroomCharts || [])[0];
                var box = load.over.getBoundingClientRect();
                load.over.dispatchEvent(new MouseEvent('mousemove', { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true }));
                r.loadHovered = legend(load);
                load.over.dispatchEvent(new MouseEvent('mouseleave', { clientX: box.left - 10, clientY: box.top - 10 }));
                r.loadLeft = legend(load);
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
    void reportOfARealRunDrawsEveryChartWithoutErrorsAndKeepsMarkupInert() throws Exception {
        Path html = dir.resolve("report.html");
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, """
                    name: chromium-check
                    baseUrl: ${ENV:BASE_URL}
                    thresholds:
                      http_req_duration: ["p(95)<5000"]
                      http_req_failed: ["rate<0.9"]
                    scenarios:
                      arrivals:
                        executor: constant-arrival-rate
                        rate: 30
                        timeUnit: 1s
                        duration: 3s
                        preAllocatedVUs: 3
                        maxVUs: 6
                        flow:
                          - get: /products/1
                            name: product
                      shop:
                        executor: constant-vus
                        vus: 3
                        duration: 3s
                        flow:
                          - get: /products?limit=5
                            name: products
                            checks: [{status: 200}]
                          - get: /no-such-page
                            name: %s
                    """.formatted(JSON.writeValueAsString(HOSTILE)));
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet",
                    "--html", html.toString(), "--json", dir.resolve("summary.json").toString(), "--tag", "env=chromium");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("HTML report written to " + html);
        }
        String page = Files.readString(html, StandardCharsets.UTF_8);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(html, SCREENSHOT.resolveSibling("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        JsonNode r = JSON.readTree(Chromium.harnessResults(dir.resolve("instrumented.html"), page, DRIVER));
        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        assertThat(r.get("pwned").asText()).isEqualTo("no");
        assertThat(r.get("images").asInt()).isZero();
        assertThat(r.get("endpointNames").toString()).contains("products", JSON.writeValueAsString(HOSTILE).replaceAll("^\"|\"$", ""));
        // Clicking a column header sorts the endpoints by it, descending first, then ascending.
        List<Double> descending = new java.util.ArrayList<>();
        r.get("p95Descending").forEach(n -> descending.add(n.asDouble()));
        List<Double> ascending = new java.util.ArrayList<>();
        r.get("p95Ascending").forEach(n -> ascending.add(n.asDouble()));
        assertThat(descending).hasSize(3).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(ascending).hasSize(3).isSorted();
        JsonNode charts = r.get("charts");
        assertThat(charts).extracting(c -> c.get("id").asText())
                .containsExactly("chart-load", "chart-latency", "chart-errors", "chart-spectrum", "chart-distribution", "chart-endpoints",
                        "chart-endpoint-percentiles", "chart-timing", "chart-scenarios",
                        "chart-generator");
        for (JsonNode chart : charts) {
            assertThat(chart.get("width").asInt()).as(chart.toString()).isGreaterThan(200);
            assertThat(chart.get("painted").asInt()).as(chart.toString()).isGreaterThan(1000);
            assertThat(chart.get("seriesPixels").asInt()).as("pixels in a series colour: " + chart).isGreaterThan(50);
        }

        // Every legend shows values before anyone hovers (uPlot alone shows '-'): each series' last value.
        JsonNode data = JSON.readTree(chartData(page));
        for (JsonNode chart : charts) {
            assertThat(chart.get("legend")).as(chart.toString()).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.asText()).as(chart.toString()).isNotIn("-", "--", ""));
        }
        List<String> load = texts(charts.get(0).get("legend"));
        assertThat(load.get(1)).as("VUs").isEqualTo(Long.toString(Math.round(last(data.get("vus")))));
        assertThat(Double.parseDouble(load.get(2))).as("req/s").isCloseTo(last(data.get("rps")), org.assertj.core.data.Offset.offset(0.051));
        assertThat(texts(r.get("loadHovered"))).as("legend under the cursor").isNotEqualTo(load);
        assertThat(texts(r.get("loadLeft"))).as("legend after the cursor left").isEqualTo(load);

        // The timing breakdown over time: each phase's per-second mean is the summary's interval sum over count (the
        // intervals keep phases per tag set only, so over all of them).
        io.headroom.core.result.RunResult run = io.headroom.report.JsonSummary.read(dir.resolve("summary.json"));
        java.util.Map<String, JsonNode> phases = new java.util.LinkedHashMap<>();
        data.get("timing").forEach(p -> phases.put(p.get("phase").asText(), p.get("values")));
        assertThat(phases.keySet()).containsExactly("blocked", "connecting", "TLS", "sending", "waiting", "receiving");
        List<Double> waiting = new java.util.ArrayList<>();
        for (var point : run.intervals()) {
            double sum = 0, count = 0;
            for (var series : point.series()) {
                if (series.metric().equals("http_req_waiting")) {
                    sum += series.sum();
                    count += series.count();
                }
            }
            waiting.add(count > 0 ? sum / count : null);
        }
        List<Double> drawn = new java.util.ArrayList<>();
        phases.get("waiting").forEach(v -> drawn.add(v.isNull() ? null : v.asDouble()));
        assertThat(drawn).isEqualTo(waiting).anySatisfy(v -> assertThat(v).isNotNull().isPositive());

        // The response-time ranges count every request once: successful ones by time, failed ones apart.
        JsonNode summary = JSON.readTree(Files.readString(dir.resolve("summary.json")));
        long requests = 0, failed = 0;
        for (JsonNode s : summary.get("series")) {
            if (!s.get("tags").isEmpty()) continue;
            if (s.get("metric").asText().equals("http_reqs")) requests = s.get("stats").get("count").asLong();
            if (s.get("metric").asText().equals("http_req_failed")) failed = s.get("stats").get("passes").asLong();
        }
        List<Long> ranges = new java.util.ArrayList<>();
        java.util.regex.Matcher cell = java.util.regex.Pattern.compile("<tr(?: class=\"failed\")?><td>[^<]*</td><td class=\"num\" data-v=\"(\\d+)\">")
                .matcher(page.substring(page.indexOf("<table id=\"ranges\">")));
        while (cell.find() && ranges.size() < 3) ranges.add(Long.parseLong(cell.group(1)));
        assertThat(page).contains("<td>&lt; 5s</td>", "<td>≥ 5s</td>");
        assertThat(ranges).as("< 5s, ≥ 5s (p(95)<5000 in the plan), failed").hasSize(3);
        assertThat(ranges.get(2)).isEqualTo(failed);
        assertThat(ranges.stream().mapToLong(Long::longValue).sum()).isEqualTo(requests);

        // The endpoint table's OK/failed split is http_req_failed's, and the timing table has a row per endpoint.
        long productsOk = 0, productsFailed = 0;
        for (JsonNode s : summary.get("series")) {
            if (s.get("metric").asText().equals("http_req_failed") && "products".equals(s.get("tags").path("name").asText(null))) {
                productsOk += s.get("stats").get("fails").asLong();
                productsFailed += s.get("stats").get("passes").asLong();
            }
        }
        java.util.regex.Matcher products = java.util.regex.Pattern.compile(
                "<td class=\"name\">products</td>(?:<td[^>]*>[^<]*</td>){11}<td class=\"num\" data-v=\"([\\d.]+)\">\\d+</td>"
                        + "<td class=\"num(?: bad)?\" data-v=\"(\\d+)\">").matcher(page);
        assertThat(products.find()).as("the products row with OK and failed").isTrue();
        assertThat((long) Double.parseDouble(products.group(1))).isEqualTo(productsOk).isPositive();
        assertThat(Long.parseLong(products.group(2))).isEqualTo(productsFailed);
        String timing = page.substring(page.indexOf("<table class=\"sortable\" id=\"timing-table\">"));
        timing = timing.substring(0, timing.indexOf("</table>"));
        assertThat(timing.split("<tr>", -1)).as("header and three endpoints").hasSize(5);

        // The full metrics table: a block per metric of the summary, with its aggregate's numbers.
        java.util.Set<String> metrics = new java.util.TreeSet<>();
        summary.get("series").forEach(s -> metrics.add(s.get("metric").asText()));
        for (String metric : metrics) assertThat(page).contains("<tbody class=\"metric\" data-metric=\"" + metric + "\">");
        assertThat(page).contains("<b>http_reqs</b></td><td>counter</td><td class=\"num\">" + requests + " · ");
        assertThat(r.get("metricBlocks").asInt()).isEqualTo(metrics.size());

        // The plan and environment: both scenarios with their executors, the run's tag, and the summary's metadata.
        assertThat(r.get("planScenarios").toString()).contains("arrivals", "constant-arrival-rate", "shop", "constant-vus",
                "rate: 30", "timeUnit: 1s", "duration: 3s", "preAllocatedVUs: 3", "maxVUs: 6", "vus: 3", "gracefulStop: 30s");
        assertThat(summary.get("run").get("scenarios").get(0).get("options").toString())
                .isEqualTo("{\"rate\":\"30\",\"timeUnit\":\"1s\",\"duration\":\"3s\",\"preAllocatedVUs\":\"3\",\"maxVUs\":\"6\",\"gracefulStop\":\"30s\",\"tags\":\"env=chromium\"}");
        assertThat(page).contains("<dl class=\"metadata\" id=\"plan-tags\"><dt>env</dt><dd>chromium</dd></dl>",
                "<dt>plan.hash</dt><dd>" + summary.get("run").get("metadata").get("plan.hash").asText() + "</dd>",
                "<dt>headroom.version</dt><dd>" + summary.get("run").get("metadata").get("headroom.version").asText() + "</dd>");

        Chromium.screenshot(SCREENSHOT.resolveSibling("report.html"), SCREENSHOT, 1280, 2900);
        assertThat(SCREENSHOT).exists();
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(20_000);
    }

    /** The chart data block of a report page. */
    static String chartData(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "<script type=\"application/json\" id=\"headroom-data\">(.*?)</script>", java.util.regex.Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("chart data in the page").isTrue();
        return m.group(1);
    }

    private static double last(JsonNode values) {
        for (int i = values.size() - 1; i >= 0; i--) if (!values.get(i).isNull()) return values.get(i).asDouble();
        throw new AssertionError("no value in " + values);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
