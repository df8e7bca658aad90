package io.headroom.report;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.metric.IntervalPoint;
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
    private static final Tags PRODUCTS = Tags.of("name", "products", "method", "GET", "status", "200",
            "url", "http://127.0.0.1/products?id=1", "scenario", "browse");
    private static final Tags PRODUCTS_OTHER_URL = PRODUCTS.with("url", "http://127.0.0.1/products?id=2");

    @Test
    void servesCountersRatesGaugesTrendsAndThresholdLimitsInTheTextFormat() throws Exception {
        List<ThresholdSpec> thresholds = List.of(ThresholdSpec.of("http_req_duration", "p(95)<500"),
                ThresholdSpec.of("http_req_failed", "rate<0.01"));
        try (PrometheusExporter exporter = PrometheusExporter.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), thresholds)) {
            Map<String, Double> before = scrape(exporter.port());
            assertThat(before).containsEntry(
                    "headroom_threshold_limit{aggregation=\"p(95)\",metric=\"http_req_duration\",operator=\"<\",selector=\"http_req_duration\",threshold=\"p(95)<500\"}", 0.5);

            exporter.onInterval(new IntervalPoint(1_000, List.of(
                    new IntervalPoint.Series("http_reqs", MetricKind.COUNTER, PRODUCTS, 10, 0, 0, 0, 0, 0, 0, 0),
                    new IntervalPoint.Series("http_reqs", MetricKind.COUNTER, PRODUCTS_OTHER_URL, 5, 0, 0, 0, 0, 0, 0, 0),
                    new IntervalPoint.Series("http_req_failed", MetricKind.RATE, Tags.empty(), 15, 3, 0, 0, 0, 0, 0, 0),
                    new IntervalPoint.Series("vus", MetricKind.GAUGE, Tags.empty(), 0, 0, 7, 0, 0, 0, 0, 7),
                    new IntervalPoint.Series("http_req_duration", MetricKind.TREND, Tags.empty(), 15, 300, 0, 2, 10, 40, 80, 90))));
            exporter.onInterval(new IntervalPoint(2_000, List.of(
                    new IntervalPoint.Series("http_reqs", MetricKind.COUNTER, PRODUCTS, 4, 0, 0, 0, 0, 0, 0, 0),
                    new IntervalPoint.Series("http_req_failed", MetricKind.RATE, Tags.empty(), 5, 1, 0, 0, 0, 0, 0, 0))));

            Map<String, Double> m = scrape(exporter.port());
            // Both URLs of "products" are one series: url is not a label.
            assertThat(m).containsEntry("headroom_http_reqs_total{method=\"GET\",name=\"products\",scenario=\"browse\",status=\"200\"}", 19.0);
            assertThat(m).containsEntry("headroom_http_req_failed_rate", 4 / 20.0);
            assertThat(m).containsEntry("headroom_vus", 7.0);
            assertThat(m).containsEntry("headroom_http_req_duration_p95", 0.04);
            assertThat(m).containsEntry("headroom_http_req_duration_avg", 0.02);
            assertThat(m).containsEntry(
                    "headroom_threshold_limit{aggregation=\"rate\",metric=\"http_req_failed\",operator=\"<\",selector=\"http_req_failed\",threshold=\"rate<0.01\"}", 0.01);
            assertThat(m.keySet()).noneMatch(k -> k.contains("url="));
        }
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
