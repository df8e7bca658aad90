package io.headroom.report;

import io.headroom.core.metric.Exemplar;
import io.headroom.core.metric.HistogramCodec;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pull endpoint's exemplars: the slowest requests' trace ids on {@code headroom_http_req_duration_seconds}, in
 * the OpenMetrics text format, each on the bucket that holds its duration, and only on its own endpoint's series.
 */
class PrometheusExemplarsTest {
    private static final Map<String, String> PRODUCTS = Map.of("name", "products", "method", "GET", "status", "200");
    private static final Map<String, String> LOGIN = Map.of("name", "login", "method", "POST", "status", "200");
    private static final String SLOW_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";

    @Test
    void theSlowestRequestsTraceIdsSitOnTheirBucketInOpenMetrics() throws Exception {
        try (PrometheusExporter exporter = PrometheusExporter.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of())) {
            exporter.onIntervalSnapshot(second());
            // negative control: before any exemplar, and in the plain text format, there are none
            assertThat(body(exporter.port(), OPENMETRICS)).contains("headroom_http_req_duration_seconds_bucket").doesNotContain("trace_id");

            // as the engine sends them: the slowest requests, then the second's snapshot that publishes them
            exporter.onExemplars(List.of(new Exemplar(Tags.of("name", "products", "method", "GET"), SLOW_TRACE, 350, 120)));
            assertThat(body(exporter.port(), OPENMETRICS)).doesNotContain("trace_id");
            exporter.onIntervalSnapshot(second());
            String open = body(exporter.port(), OPENMETRICS);
            List<String> withExemplar = open.lines().filter(l -> l.contains("trace_id")).toList();
            // 350 ms lies in the bucket (0.3, 0.4]: the exemplar is written on le="0.4" of products' series only
            assertThat(withExemplar).singleElement().satisfies(l -> assertThat(l)
                    .startsWith("headroom_http_req_duration_seconds_bucket{")
                    .contains("name=\"products\"", "le=\"0.4\"", "# {trace_id=\"" + SLOW_TRACE + "\"} 0.35"));
            assertThat(body(exporter.port(), "text/plain; version=0.0.4")).doesNotContain("trace_id");

            // the next second keeps them (the engine sends them again each second; the exporter holds the last ones)
            exporter.onIntervalSnapshot(second());
            assertThat(body(exporter.port(), OPENMETRICS)).contains(SLOW_TRACE);
        }
    }

    @Test
    void anExemplarOfAnotherEndpointIsNotAttached() throws Exception {
        try (PrometheusExporter exporter = PrometheusExporter.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of())) {
            IntervalSnapshot onlyLogin = new IntervalSnapshot(1_000, List.of(trend(LOGIN, 350_000)));
            exporter.onExemplars(List.of(new Exemplar(Tags.of("name", "products", "method", "GET"), SLOW_TRACE, 350, 120)));
            exporter.onIntervalSnapshot(onlyLogin);
            assertThat(body(exporter.port(), OPENMETRICS)).contains("name=\"login\"").doesNotContain("trace_id");
        }
    }

    private static IntervalSnapshot second() {
        return new IntervalSnapshot(1_000, List.of(trend(PRODUCTS, 10_000, 20_000, 350_000), trend(LOGIN, 5_000)));
    }

    private static IntervalSnapshot.TrendSnapshot trend(Map<String, String> tags, long... micros) {
        Histogram h = new Histogram(3);
        double sum = 0;
        for (long v : micros) {
            h.recordValue(v);
            sum += v / 1000.0;
        }
        return new IntervalSnapshot.TrendSnapshot("http_req_duration", ValueType.TIME, tags, HistogramCodec.encode(h), 0,
                h.getMinValue() / 1000.0, h.getMaxValue() / 1000.0, sum);
    }

    private static String body(int port, String accept) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics")).header("Accept", accept)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
