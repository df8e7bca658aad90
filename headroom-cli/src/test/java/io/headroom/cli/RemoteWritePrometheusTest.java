package io.headroom.cli;

import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.result.LiveOutputHealth;
import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --out prometheus-rw} into a real Prometheus (Debian's 2.42, started here on loopback with its remote-write
 * receiver, nothing scraped): after a short run of the demo, the counts Prometheus holds equal the summary's exactly,
 * the p95 from the pushed histogram agrees with the summary's within one bucket, every panel of the Grafana dashboard
 * returns data for the run's testid (made per run, since no --tag testid is given) and none for another testid.
 */
class RemoteWritePrometheusTest {
    @TempDir
    Path dir;

    @Test
    void aRealPrometheusHoldsTheRunsCountsAndEveryDashboardPanelHasData() throws Exception {
        try (RealPrometheus prometheus = RealPrometheus.start(dir, "global:\n  evaluation_interval: 1m\n",
                "--web.enable-remote-write-receiver");
             DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, PrometheusDashboardTest.DASHBOARD_PLAN);
            Path summaryFile = dir.resolve("summary.json");
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(),
                    "--quiet", "--json", summaryFile.toString(), "--out", "prometheus-rw=" + prometheus.api() + "/api/v1/write");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            double at = System.currentTimeMillis() / 1000.0;
            Matcher m = Pattern.compile("--out prometheus-rw=\\S+ \\(testid=(dashboard-\\d{8}-\\d{6})\\)").matcher(run.err());
            assertThat(m.find()).as(run.err()).isTrue();
            String testId = m.group(1);

            RunResult summary = JsonSummary.read(summaryFile);
            assertThat(summary.generatorHealth().liveOutputs()).singleElement().satisfies(o -> {
                assertThat(o.dropped()).as(o.toString()).isZero();
                assertThat(o.delivered()).isGreaterThanOrEqualTo(5);
            });
            double requests = Results.counter(summary, "http_reqs");
            assertThat(requests).isPositive();
            String sel = "{testid=\"" + testId + "\"}";
            assertThat(prometheus.query("sum(headroom_http_reqs_total" + sel + ")", at)).as(prometheus.log()).containsExactly(requests);
            assertThat(prometheus.query("sum(headroom_iterations_total" + sel + ")", at))
                    .containsExactly(Results.counter(summary, "iterations"));
            SeriesStats.TrendStats duration = summary.series().stream()
                    .filter(s -> s.metric().equals("http_req_duration") && s.tags().isEmpty())
                    .map(SeriesResult::stats).map(SeriesStats.TrendStats.class::cast).findFirst().orElseThrow();
            assertThat(prometheus.query("sum(headroom_http_req_duration_seconds_count" + sel + ")", at))
                    .containsExactly((double) duration.count());
            double p95 = duration.p95() / 1000;
            double fromBuckets = prometheus.query("histogram_quantile(0.95, sum by (le) (headroom_http_req_duration_seconds_bucket"
                    + sel + "))", at).getFirst();
            double[] bucket = PrometheusDashboardTest.bucketAround(p95);
            assertThat(Math.abs(fromBuckets - p95)).as("p95 %s s from the buckets vs %s s in the summary, bucket %s..%s",
                    fromBuckets, p95, bucket[0], bucket[1]).isLessThanOrEqualTo((bucket[1] - bucket[0]) * 1.001);
            // the engine's own gauges carry the testid too (they belong to no scenario, so no --tag reaches them)
            assertThat(prometheus.query("headroom_vus_max" + sel, at)).isNotEmpty();

            assertThat(prometheus.panelQueriesWithoutData(at, testId)).as("panel queries with no data").isEmpty();
            // negative controls: another run's testid, and a name nobody writes
            assertThat(prometheus.query("sum(headroom_http_reqs_total{testid=\"some-other-run\"})", at)).isEmpty();
            assertThat(prometheus.query("headroom_http_req_duration_p95" + sel, at)).isEmpty();
        }
    }

    @Test
    void theSummaryWarnsWhenTheReceiverDroppedBatches() {
        LiveOutputHealth fine = new LiveOutputHealth("prometheus-rw=http://127.0.0.1:1/api/v1/write", 5, 0, null);
        LiveOutputHealth lossy = new LiveOutputHealth("prometheus-rw=http://127.0.0.1:1/api/v1/write", 2, 3, "HTTP 500");
        assertThat(fine.warning()).isNull();
        assertThat(lossy.warning()).contains("3 of 5 batches were dropped", "HTTP 500");
    }
}
