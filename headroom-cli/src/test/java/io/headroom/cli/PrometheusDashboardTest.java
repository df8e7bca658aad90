package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.JsonSummary;
import io.headroom.report.PrometheusExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard in docs/ against a real Prometheus (Debian's {@code prometheus} package, started here on
 * loopback) that scraped a real short run's {@code --prometheus} endpoint every second: every panel's query returns
 * data, the histogram's p95 agrees with the summary's within one bucket, the request counter equals the summary's
 * count exactly, and a name the exporter does not write returns nothing. Skipped, saying so, when no
 * {@code prometheus} binary is installed.
 */
class PrometheusDashboardTest {
    private static final Path DASHBOARD = RealPrometheus.DASHBOARD;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A short run that gives every panel of the dashboard data: requests with checks, a threshold, and a scenario
     * short of VUs so that dropped iterations exist.
     */
    static final String DASHBOARD_PLAN = """
            name: dashboard
            baseUrl: ${ENV:BASE_URL}
            thresholds:
              http_req_duration: ["p(95)<5000"]
            scenarios:
              api:
                executor: constant-arrival-rate
                rate: 30
                timeUnit: 1s
                duration: 5s
                preAllocatedVUs: 4
                maxVUs: 8
                flow:
                  - get: /products?limit=5
                    name: products
                    checks: [{status: 200}]
              short:
                # one VU for 20 arrivals a second of 200 ms each: drops on time, so the dashboard's
                # dropped-iterations panel has data on a quiet machine too (the metric exists only
                # once something was dropped, as in k6)
                executor: constant-arrival-rate
                rate: 20
                timeUnit: 1s
                duration: 5s
                preAllocatedVUs: 1
                maxVUs: 1
                flow:
                  - think: 200ms
            """;

    @TempDir
    Path dir;

    @Test
    void everyPanelHasIntegerLayoutFieldsAndQueries() throws IOException {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        assertThat(dashboard.get("panels")).isNotEmpty();
        assertThat(layoutProblems(dashboard)).isEmpty();
    }

    @Test
    void layoutCheckCatchesAnArrayWidthLikeTheOldPanel8s() throws IOException {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode grid = (com.fasterxml.jackson.databind.node.ObjectNode)
                dashboard.get("panels").get(7).get("gridPos");
        grid.putArray("w").addObject().put("matcher", "byRegexp");
        assertThat(layoutProblems(dashboard)).singleElement().asString().contains("panel 8", "gridPos.w is not an integer");
    }

    private static List<String> layoutProblems(JsonNode dashboard) {
        List<String> problems = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            String where = "panel " + panel.path("id") + " (" + panel.path("title").asText() + ")";
            if (!panel.path("id").isInt()) problems.add(where + ": id is not an integer");
            if (!panel.path("type").isTextual()) problems.add(where + ": type is not a string");
            JsonNode grid = panel.path("gridPos");
            for (String field : List.of("x", "y", "w", "h")) {
                if (!grid.path(field).isInt()) problems.add(where + ": gridPos." + field + " is not an integer: " + grid.path(field));
            }
            if (grid.path("w").isInt() && (grid.path("w").asInt() < 1 || grid.path("x").asInt() + grid.path("w").asInt() > 24)) {
                problems.add(where + ": gridPos outside Grafana's 24 columns");
            }
            if (panel.path("targets").isEmpty()) problems.add(where + ": no targets");
            panel.path("targets").forEach(t -> {
                if (!t.path("expr").isTextual() || t.path("expr").asText().isBlank()) problems.add(where + ": a target has no expr");
            });
        }
        return problems;
    }

    @Test
    void everyPanelQueryReturnsDataFromARealPrometheusThatScrapedARun() throws Exception {
        int exporterPort = RealPrometheus.freePort();
        String config = """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: headroom
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(exporterPort);
        // Debian's prometheus, installed by the test when the machine has none (as Chromium is for the report tests)
        try (RealPrometheus prometheus = RealPrometheus.start(dir, config);
             DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, DASHBOARD_PLAN);
            Path summaryFile = dir.resolve("summary.json");
            // --prometheus-linger: the final totals stay up for several 1 s scrapes after the run
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(),
                    "--quiet", "--json", summaryFile.toString(), "--prometheus", "127.0.0.1:" + exporterPort,
                    "--prometheus-linger", "5s", "--tag", "testid=dashboard");
            double endedAt = System.currentTimeMillis() / 1000.0;
            assertThat(run.exitCode()).as(run.toString()).isZero();
            // a moment inside the linger, after the last interval was published and scraped
            double at = endedAt - 1.5;
            assertThat(prometheus.query("count_over_time(up{job=\"headroom\"}[30s])", at)).as("scrapes")
                    .singleElement().satisfies(v -> assertThat(v).isGreaterThanOrEqualTo(2));

            RunResult summary = JsonSummary.read(summaryFile);
            double requests = Results.counter(summary, "http_reqs");
            assertThat(requests).isPositive();
            assertThat(prometheus.query("sum(headroom_http_reqs_total{testid=\"dashboard\"})", at)).containsExactly(requests);
            SeriesStats.TrendStats duration = summary.series().stream()
                    .filter(s -> s.metric().equals("http_req_duration") && s.tags().isEmpty())
                    .map(SeriesResult::stats).map(SeriesStats.TrendStats.class::cast).findFirst().orElseThrow();
            assertThat(prometheus.query("sum(headroom_http_req_duration_seconds_count)", at)).containsExactly((double) duration.count());
            double p95 = duration.p95() / 1000;
            double fromBuckets = prometheus.query("histogram_quantile(0.95, sum by (le) (headroom_http_req_duration_seconds_bucket))", at).getFirst();
            double[] bucket = bucketAround(p95);
            // within the width of the summary p95's bucket (the summary interpolates between values, the buckets within one)
            assertThat(Math.abs(fromBuckets - p95)).as("p95 %s s from the buckets vs %s s in the summary, bucket %s..%s",
                    fromBuckets, p95, bucket[0], bucket[1]).isLessThanOrEqualTo((bucket[1] - bucket[0]) * 1.001);

            // negative controls: names the exporter does not write (the old percentile gauges among them) are empty
            assertThat(prometheus.query("headroom_http_req_duration_p95", at)).isEmpty();
            assertThat(prometheus.query("sum(headroom_no_such_metric_total)", at)).isEmpty();
            // one naming scheme: no name has an unlabelled sample beside labelled ones of the same job
            assertThat(prometheus.query("count by (__name__) ({__name__=~\"headroom_http_reqs_total|headroom_http_req_duration_seconds_count\", name=\"\"})", at)).isEmpty();

            assertThat(prometheus.panelQueriesWithoutData(at, ".*")).as("panel queries with no data").isEmpty();
        }
    }

    /** The bucket bounds (seconds) the exporter would put {@code seconds} between. */
    static double[] bucketAround(double seconds) {
        double lower = 0;
        for (double upper : PrometheusExporter.TIME_BUCKETS_SECONDS) {
            if (seconds <= upper) return new double[]{lower, upper};
            lower = upper;
        }
        return new double[]{lower, Double.POSITIVE_INFINITY};
    }
}
