package io.headroom.report;

import io.headroom.core.metric.HistogramCodec;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.ValueType;
import io.headroom.core.threshold.ThresholdSpec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusExporterTest {
    private static final Map<String, String> PRODUCTS = Map.of("name", "products", "method", "GET", "status", "200",
            "url", "http://127.0.0.1/products?id=1", "scenario", "browse");
    private static final Map<String, String> PRODUCTS_OTHER_URL = with(PRODUCTS, "url", "http://127.0.0.1/products?id=2");
    private static final String PRODUCTS_LABELS = "method=\"GET\",name=\"products\",scenario=\"browse\",status=\"200\"";

    @Test
    void servesCumulativeCountersRateCountsGaugesHistogramsAndThresholdLimits() throws Exception {
        List<ThresholdSpec> thresholds = List.of(ThresholdSpec.of("http_req_duration", "p(95)<500"),
                ThresholdSpec.of("http_req_failed", "rate<0.01"));
        try (PrometheusExporter exporter = PrometheusExporter.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), thresholds)) {
            Map<String, Double> before = scrape(exporter.port());
            assertThat(before).containsEntry(
                    "headroom_threshold_limit{aggregation=\"p(95)\",metric=\"http_req_duration\",operator=\"<\",selector=\"http_req_duration\",threshold=\"p(95)<500\"}", 0.5);

            // 10 requests of 1 ms and 5 of 40 ms in the first second, 4 of 200 ms in the second (µs in the histogram)
            exporter.onIntervalSnapshot(new IntervalSnapshot(1_000, List.of(
                    new IntervalSnapshot.CounterSnapshot("http_reqs", ValueType.DEFAULT, PRODUCTS, 10),
                    new IntervalSnapshot.CounterSnapshot("http_reqs", ValueType.DEFAULT, PRODUCTS_OTHER_URL, 5),
                    new IntervalSnapshot.CounterSnapshot("data_received", ValueType.DATA, Map.of(), 2048),
                    new IntervalSnapshot.RateSnapshot("http_req_failed", PRODUCTS, 3, 15),
                    new IntervalSnapshot.GaugeSnapshot("vus", ValueType.DEFAULT, Map.of(), 7, 7, 7),
                    trend(PRODUCTS, new long[]{1_000, 10}, new long[]{40_000, 5}))));
            exporter.onIntervalSnapshot(new IntervalSnapshot(2_000, List.of(
                    new IntervalSnapshot.CounterSnapshot("http_reqs", ValueType.DEFAULT, PRODUCTS, 4),
                    new IntervalSnapshot.RateSnapshot("http_req_failed", PRODUCTS, 1, 4),
                    trend(PRODUCTS_OTHER_URL, new long[]{200_000, 4}))));

            Map<String, Double> m = scrape(exporter.port());
            // Both URLs of "products" are one series: url is not a label.
            assertThat(m).containsEntry("headroom_http_reqs_total{" + PRODUCTS_LABELS + "}", 19.0);
            assertThat(m).containsEntry("headroom_http_req_failed_nonzero_total{" + PRODUCTS_LABELS + "}", 4.0);
            assertThat(m).containsEntry("headroom_http_req_failed_samples_total{" + PRODUCTS_LABELS + "}", 19.0);
            assertThat(m).containsEntry("headroom_data_received_bytes_total", 2048.0);
            assertThat(m).containsEntry("headroom_vus", 7.0);
            // Histogram buckets are cumulative in le, over the whole run, in seconds.
            String h = "headroom_http_req_duration_seconds";
            assertThat(m).containsEntry(h + "_bucket{" + PRODUCTS_LABELS + ",le=\"7.0E-4\"}", 0.0);
            assertThat(m).containsEntry(h + "_bucket{" + PRODUCTS_LABELS + ",le=\"0.001\"}", 10.0);
            assertThat(m).containsEntry(h + "_bucket{" + PRODUCTS_LABELS + ",le=\"0.03\"}", 10.0);
            assertThat(m).containsEntry(h + "_bucket{" + PRODUCTS_LABELS + ",le=\"0.05\"}", 15.0);
            assertThat(m).containsEntry(h + "_bucket{" + PRODUCTS_LABELS + ",le=\"0.2\"}", 19.0);
            assertThat(m).containsEntry(h + "_bucket{" + PRODUCTS_LABELS + ",le=\"+Inf\"}", 19.0);
            assertThat(m).containsEntry(h + "_count{" + PRODUCTS_LABELS + "}", 19.0);
            assertThat(m.get(h + "_sum{" + PRODUCTS_LABELS + "}")).isCloseTo(0.010 + 0.200 + 0.800, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(m).containsEntry(
                    "headroom_threshold_limit{aggregation=\"rate\",metric=\"http_req_failed\",operator=\"<\",selector=\"http_req_failed\",threshold=\"rate<0.01\"}", 0.01);
            assertThat(m.keySet()).noneMatch(k -> k.contains("url="));
            // No per-second percentile gauges any more: they could not be summed across instances.
            assertThat(m.keySet()).noneMatch(k -> k.contains("_p95") || k.contains("_avg") || k.endsWith("_rate"));
        }
    }

    @Test
    void headerLinesNameTypesAndTheTimeUnit() throws Exception {
        try (PrometheusExporter exporter = PrometheusExporter.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of())) {
            exporter.onIntervalSnapshot(new IntervalSnapshot(1_000, List.of(
                    new IntervalSnapshot.CounterSnapshot("http_reqs", ValueType.DEFAULT, PRODUCTS, 1),
                    trend(PRODUCTS, new long[]{1_000, 1}))));
            String text = body(exporter.port(), "text/plain");
            assertThat(text).contains("# TYPE headroom_http_reqs_total counter", "# HELP headroom_http_reqs_total ",
                    "# TYPE headroom_http_req_duration_seconds histogram", "# HELP headroom_http_req_duration_seconds ");
            String open = body(exporter.port(), "application/openmetrics-text; version=1.0.0");
            assertThat(open).contains("# UNIT headroom_http_req_duration_seconds seconds", "# EOF");
        }
    }

    @Test
    void promtoolFindsNoLintProblems() throws Exception {
        java.nio.file.Path promtool = io.headroom.testing.DebianPackage.require("prometheus",
                java.util.List.of(java.nio.file.Path.of("/usr/bin/promtool")));
        try (PrometheusExporter exporter = PrometheusExporter.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                List.of(ThresholdSpec.of("http_req_duration", "p(95)<500")))) {
            exporter.onIntervalSnapshot(new IntervalSnapshot(1_000, List.of(
                    new IntervalSnapshot.CounterSnapshot("http_reqs", ValueType.DEFAULT, PRODUCTS, 10),
                    new IntervalSnapshot.CounterSnapshot("data_sent", ValueType.DATA, Map.of(), 512),
                    new IntervalSnapshot.RateSnapshot("checks", PRODUCTS, 9, 10),
                    new IntervalSnapshot.GaugeSnapshot("vus", ValueType.DEFAULT, Map.of(), 2, 2, 2),
                    trend(PRODUCTS, new long[]{1_000, 10}))));
            Process lint = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            try (var in = lint.getOutputStream()) {
                in.write(body(exporter.port(), "text/plain").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String out = new String(lint.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(lint.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(lint.exitValue()).as(out).isZero();
            assertThat(out).isBlank();
        }
    }

    @Test
    void promtoolFlagsAGaugeNamedLikeACounter() throws Exception {
        // negative control of the lint above: promtool does object to a bad exposition
        java.nio.file.Path promtool = io.headroom.testing.DebianPackage.require("prometheus",
                java.util.List.of(java.nio.file.Path.of("/usr/bin/promtool")));
        Process lint = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = lint.getOutputStream()) {
            in.write("# HELP x_total a\n# TYPE x_total gauge\nx_total 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String out = new String(lint.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(lint.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(out).isNotBlank();
    }

    @Test
    void bucketLayoutIsFixedAscendingAndAtMostOneAndAHalfApart() {
        List<Double> b = PrometheusExporter.TIME_BUCKETS_SECONDS;
        assertThat(b.getFirst()).isEqualTo(0.0001);
        assertThat(b.getLast()).isEqualTo(60.0);
        for (int i = 1; i < b.size(); i++) {
            assertThat(b.get(i)).isGreaterThan(b.get(i - 1));
            if (b.get(i) <= 30) assertThat(b.get(i) / b.get(i - 1)).isLessThanOrEqualTo(1.5 + 1e-9);
        }
    }

    private static IntervalSnapshot.TrendSnapshot trend(Map<String, String> tags, long[]... microsAndCounts) {
        Histogram h = new Histogram(3);
        double sumMillis = 0;
        for (long[] vc : microsAndCounts) {
            h.recordValueWithCount(vc[0], vc[1]);
            sumMillis += vc[0] / 1000.0 * vc[1];
        }
        return new IntervalSnapshot.TrendSnapshot("http_req_duration", ValueType.TIME, tags, HistogramCodec.encode(h), 0,
                h.getMinValue() / 1000.0, h.getMaxValue() / 1000.0, sumMillis);
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(map);
        out.put(key, value);
        return out;
    }

    private static String body(int port, String accept) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics")).header("Accept", accept)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The text format's sample lines as name{labels} → value. */
    static Map<String, Double> scrape(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }
}
