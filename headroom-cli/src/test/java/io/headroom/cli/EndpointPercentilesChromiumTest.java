package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report's "latency percentiles by endpoint" chart, of a real run against the demo shop opened in headless
 * Chromium: it draws without script errors, the p50/p95/p99 it plots for the endpoint picked are the summary's
 * {@code intervals.endpoints} values second by second (read from the JSON file, as any reader would), its legend shows
 * the last of them, and picking another endpoint in the selector redraws it with that endpoint's numbers.
 */
class EndpointPercentilesChromiumTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRIVER = """
            <script>
            (function () {
              var r = { errors: window.__errors };
              function state(u) {
                // Read through a copy made for reading (reading the chart's own canvas twice makes Chromium log a hint).
                var canvas = u.ctx.canvas, copy = document.createElement('canvas');
                copy.width = canvas.width;
                copy.height = canvas.height;
                var ctx = copy.getContext('2d', { willReadFrequently: true });
                ctx.drawImage(canvas, 0, 0);
                var pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                var colours = u.series.slice(1).map(function (s) {
                  return [parseInt(s.stroke().substr(1, 2), 16), parseInt(s.stroke().substr(3, 2), 16), parseInt(s.stroke().substr(5, 2), 16)];
                });
                var seriesPixels = 0;
                for (var i = 0; i < pixels.length; i += 4) {
                  if (pixels[i + 3] === 0) continue;
                  for (var c = 0; c < colours.length; c++) {
                    if (Math.abs(pixels[i] - colours[c][0]) < 8 && Math.abs(pixels[i + 1] - colours[c][1]) < 8
                        && Math.abs(pixels[i + 2] - colours[c][2]) < 8) { seriesPixels++; break; }
                  }
                }
                return { data: u.data, seriesPixels: seriesPixels, width: canvas.width,
                  legend: Array.prototype.map.call(u.root.querySelectorAll('.u-legend .u-series'), function (row) {
                    return row.querySelector('.u-value').textContent; }) };
              }
              try {
                var select = document.getElementById('endpoint-select');
                r.options = Array.prototype.map.call(select.options, function (o) { return o.textContent; });
                var u = (window.__headroomCharts || []).filter(function (c) { return c.__container.id === 'chart-endpoint-percentiles'; })[0];
                r.first = state(u);
                select.value = '1';
                select.dispatchEvent(new Event('change'));
                r.second = state(u);
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
    void theChartPlotsEachEndpointsSecondsAsTheSummaryHasThem() throws Exception {
        Path html = dir.resolve("report.html"), summaryFile = dir.resolve("summary.json");
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            // "products" in two scenarios: two series a second, one endpoint; "product" in one.
            Files.writeString(plan, """
                    name: endpoint-percentiles
                    baseUrl: ${ENV:BASE_URL}
                    scenarios:
                      browse:
                        executor: constant-vus
                        vus: 2
                        duration: 3s
                        flow:
                          - get: /products?limit=5
                            name: products
                          - get: /products/1
                            name: product
                          - get: /products/2
                            name: product
                      search:
                        executor: constant-vus
                        vus: 1
                        duration: 3s
                        flow:
                          - get: /products?limit=20
                            name: products
                    """);
            CliRun run = CliRun.of("run", "--accept-invalid-run", "--no-history", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(),
                    "--quiet", "--html", html.toString(), "--json", summaryFile.toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        JsonNode summary = JSON.readTree(summaryFile.toFile());
        Map<String, JsonNode> endpoints = new LinkedHashMap<>();
        summary.get("intervals").get("endpoints").forEach(e -> endpoints.put(e.get("tags").get("name").asText(), e));
        assertThat(endpoints).containsOnlyKeys("products", "product");
        assertThat(endpoints.get("products").get("tags").get("method").asText()).isEqualTo("GET");
        // products: two scenarios, so two series in a second; the endpoint's own count is theirs together.
        int second = firstNonNull(endpoints.get("products").get("count"));
        double seriesCount = 0;
        for (JsonNode s : summary.get("intervals").get("series")) {
            if (s.get("metric").asText().equals("http_req_duration") && "products".equals(s.get("tags").path("name").asText(null))
                    && !s.get("count").get(second).isNull()) seriesCount += s.get("count").get(second).asDouble();
        }
        assertThat(endpoints.get("products").get("count").get(second).asDouble()).isEqualTo(seriesCount).isPositive();

        JsonNode r = JSON.readTree(Chromium.harnessResults(dir.resolve("instrumented.html"), Files.readString(html), DRIVER));
        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        List<String> options = new ArrayList<>();
        r.get("options").forEach(o -> options.add(o.asText()));
        List<String> busiest = new ArrayList<>(endpoints.keySet());
        busiest.sort(java.util.Comparator.comparingDouble((String name) -> -total(endpoints.get(name).get("count"))));
        assertThat(options).as("busiest first").containsExactly("GET " + busiest.get(0), "GET " + busiest.get(1));

        for (var shown : List.of(Map.entry(r.get("first"), busiest.get(0)), Map.entry(r.get("second"), busiest.get(1)))) {
            JsonNode chart = shown.getKey(), endpoint = endpoints.get(shown.getValue());
            assertThat(chart.get("width").asInt()).isGreaterThan(200);
            assertThat(chart.get("seriesPixels").asInt()).as("lines drawn for " + shown.getValue()).isGreaterThan(50);
            JsonNode data = chart.get("data");
            String[] fields = {"p50", "p95", "p99"};
            for (int f = 0; f < fields.length; f++) {
                assertThat(values(data.get(f + 1))).as(shown.getValue() + " " + fields[f])
                        .isEqualTo(values(endpoint.get(fields[f])));
            }
            // The legend, before any hover, shows the last second's numbers.
            int last = lastNonNull(endpoint.get("p95"));
            for (int f = 0; f < fields.length; f++) {
                assertThat(millis(chart.get("legend").get(f + 1).asText())).as(shown.getValue() + " legend " + fields[f])
                        .isCloseTo(endpoint.get(fields[f]).get(last).asDouble(), within(endpoint.get(fields[f]).get(last).asDouble() * 0.01 + 0.01));
            }
        }
        assertThat(values(r.get("first").get("data").get(2))).as("the selector changed the numbers")
                .isNotEqualTo(values(r.get("second").get("data").get(2)));
    }

    private static List<Double> values(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(v -> out.add(v.isNull() ? null : v.asDouble()));
        return out;
    }

    private static double total(JsonNode array) {
        double sum = 0;
        for (JsonNode v : array) sum += v.asDouble();
        return sum;
    }

    private static int firstNonNull(JsonNode array) {
        for (int i = 0; i < array.size(); i++) if (!array.get(i).isNull()) return i;
        throw new AssertionError("no value in " + array);
    }

    private static int lastNonNull(JsonNode array) {
        for (int i = array.size() - 1; i >= 0; i--) if (!array.get(i).isNull()) return i;
        throw new AssertionError("no value in " + array);
    }

    /** report.js's duration text ("850µs", "12.3ms", "1.5s") in milliseconds. */
    private static double millis(String text) {
        if (text.endsWith("µs")) return Double.parseDouble(text.substring(0, text.length() - 2)) / 1000;
        if (text.endsWith("ms")) return Double.parseDouble(text.substring(0, text.length() - 2));
        if (text.endsWith("s")) return Double.parseDouble(text.substring(0, text.length() - 1)) * 1000;
        return Double.parseDouble(text);
    }
}
