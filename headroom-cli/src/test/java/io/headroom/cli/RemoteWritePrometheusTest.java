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
            // Prometheus without --enable-feature=native-histograms refuses them: classic buckets only from then on
            assertThat(run.err()).contains("the receiver refused native histograms", "native histograms are disabled",
                    "sending classic buckets only");

            RunResult summary = JsonSummary.read(summaryFile);
            assertThat(summary.generatorHealth().liveOutputs()).singleElement().satisfies(o -> {
                assertThat(o.dropped()).as(o.toString()).isZero();
                // one a second, as the engine closed them (a loaded machine closes fewer, longer intervals)
                assertThat(o.delivered()).isGreaterThanOrEqualTo(2);
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
            double fromBuckets = prometheus.query("histogram_quantile(0.95, sum by (le) (headroom_http_req_duration_seconds_bucket"
                    + sel + "))", at).getFirst();
            // within the bucket of the summary's own 95th-percentile sample (its HDR histogram, 0.1% precision):
            // histogram_quantile interpolates inside the bucket that holds that rank
            double atRank = rankValueSeconds(duration);
            double[] bucket = PrometheusDashboardTest.bucketAround(atRank);
            assertThat(fromBuckets).as("p95 %s s from the buckets; the summary's p95 %s s, its 95th-percentile sample %s s,"
                    + " bucket %s..%s", fromBuckets, duration.p95() / 1000, atRank, bucket[0], bucket[1])
                    .isBetween(bucket[0] * 0.998, bucket[1] * 1.002);
            // the engine's own gauges carry the testid too (they belong to no scenario, so no --tag reaches them)
            assertThat(prometheus.query("headroom_vus_max" + sel, at)).isNotEmpty();

            assertThat(prometheus.panelQueriesWithoutData(at, testId)).as("panel queries with no data").isEmpty();
            // negative controls: another run's testid, and a name nobody writes
            assertThat(prometheus.query("sum(headroom_http_reqs_total{testid=\"some-other-run\"})", at)).isEmpty();
            assertThat(prometheus.query("headroom_http_req_duration_p95" + sel, at)).isEmpty();
        }
    }

    /**
     * A Prometheus with native histograms enabled gets each trend as a native histogram too: its count equals the
     * summary's exactly and its p95 is within one native bucket (2^(1/8) wide) of the summary's; the classic
     * buckets are still there for the dashboard.
     */
    @Test
    void withNativeHistogramsEnabledTrendsArriveAsNativeHistogramsToo() throws Exception {
        try (RealPrometheus prometheus = RealPrometheus.start(dir, "global:\n  evaluation_interval: 1m\n",
                "--web.enable-remote-write-receiver", "--enable-feature=native-histograms");
             DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, PrometheusDashboardTest.DASHBOARD_PLAN);
            Path summaryFile = dir.resolve("summary.json");
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(),
                    "--quiet", "--json", summaryFile.toString(), "--tag", "testid=native",
                    "--out", "prometheus-rw=" + prometheus.api() + "/api/v1/write");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err()).doesNotContain("refused native histograms");
            double at = System.currentTimeMillis() / 1000.0;
            RunResult summary = JsonSummary.read(summaryFile);
            SeriesStats.TrendStats duration = summary.series().stream()
                    .filter(s -> s.metric().equals("http_req_duration") && s.tags().isEmpty())
                    .map(SeriesResult::stats).map(SeriesStats.TrendStats.class::cast).findFirst().orElseThrow();
            String sel = "{testid=\"native\"}";
            assertThat(prometheus.query("histogram_count(sum(headroom_http_req_duration_seconds" + sel + "))", at))
                    .as(prometheus.log()).containsExactly((double) duration.count());
            double fromNative = prometheus.query("histogram_quantile(0.95, sum(headroom_http_req_duration_seconds" + sel + "))", at)
                    .getFirst();
            // within the native bucket (2^(1/8) wide) of the summary's own 95th-percentile sample
            double atRank = rankValueSeconds(duration);
            double upper = Math.pow(2, Math.ceil(8 * Math.log(atRank) / Math.log(2)) / 8);
            double lower = upper / Math.pow(2, 1 / 8.0);
            assertThat(fromNative).as("native p95 %s s; the summary's p95 %s s, its 95th-percentile sample %s s, bucket %s..%s",
                    fromNative, duration.p95() / 1000, atRank, lower, upper).isBetween(lower * 0.998, upper * 1.002);
            // the classic buckets beside them, for the dashboard
            assertThat(prometheus.query("sum(headroom_http_req_duration_seconds_count" + sel + ")", at))
                    .containsExactly((double) duration.count());
            assertThat(prometheus.panelQueriesWithoutData(at, "native")).as("panel queries with no data").isEmpty();
        }
    }

    /** The value (seconds) of the summary's sample at rank 95% (ceil(0.95·n)), from its exact HDR histogram. */
    private static double rankValueSeconds(SeriesStats.TrendStats duration) {
        return duration.histogram().getValueAtPercentile(95) / SeriesStats.TrendStats.HISTOGRAM_SCALE / 1000;
    }

    @Test
    void theSummaryWarnsWhenTheReceiverDroppedBatches() {
        LiveOutputHealth fine = new LiveOutputHealth("prometheus-rw=http://127.0.0.1:1/api/v1/write", 5, 0, null);
        LiveOutputHealth lossy = new LiveOutputHealth("prometheus-rw=http://127.0.0.1:1/api/v1/write", 2, 3, "HTTP 500");
        assertThat(fine.warning()).isNull();
        assertThat(lossy.warning()).contains("3 of 5 batches were dropped", "HTTP 500");
    }
}
