package io.headroom.output.otlp;

import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.output.LiveOutput;
import io.headroom.output.OutputContext;
import io.headroom.output.Snapshots;
import io.headroom.output.kinds.OutputKinds;
import io.headroom.report.Redaction;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** What an OTLP receiver on loopback (HTTP and gRPC, decoding with opentelemetry-proto) gets from {@code --out otlp}. */
class OtlpOutputTest {
    private static final Map<String, String> METADATA = Map.of("headroom.version", "9.9", "host.name", "gen-1",
            OtlpOutput.PLAN_NAME_KEY, "checkout", "plan.hash", "abc123");

    private static OutputContext context(List<String> warnings) {
        return new OutputContext("run-7", List.of(ThresholdSpec.of("http_req_duration", "p(95)<500")), Redaction::text,
                METADATA, warnings::add);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "grpc"})
    void theReceiverDecodesCumulativeSumsGaugesAndExponentialHistograms(String transport) throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (OtlpReceiver receiver = transport.equals("http") ? OtlpReceiver.http(OtlpReceiver.Behaviour.OK)
                : OtlpReceiver.grpc(OtlpReceiver.Behaviour.OK)) {
            LiveOutput out = OutputKinds.parse("otlp=" + receiver.url()).open(context(warnings));
            out.accept(Snapshots.second(), 1_000_000);
            out.accept(Snapshots.second(), 1_000_000); // the same wall-clock millisecond: still a later point
            out.close();
            assertThat(out.health().delivered()).as(out.health().toString()).isEqualTo(2);
            assertThat(out.health().dropped()).isZero();
            assertThat(warnings).isEmpty();
            assertThat(receiver.requests()).hasSize(2);
            if (transport.equals("http")) {
                assertThat(receiver.headers().getFirst().get("Content-type")).containsExactly("application/x-protobuf");
                assertThat(receiver.headers().getFirst().get("Content-encoding")).containsExactly("gzip");
            }

            Map<String, String> resource = receiver.lastResource();
            assertThat(resource).containsEntry("service.name", "headroom").containsEntry("service.version", "9.9")
                    .containsEntry("headroom.test_id", "run-7").containsEntry("headroom.plan", "checkout")
                    .containsEntry("headroom.plan_hash", "abc123").containsEntry("host.name", "gen-1");
            assertThat(resource.get("service.instance.id")).isEqualTo("gen-1:" + ProcessHandle.current().pid());

            Map<String, Metric> m = receiver.lastMetrics();
            Metric reqs = m.get("headroom_http_reqs");
            assertThat(reqs.getSum().getIsMonotonic()).isTrue();
            assertThat(reqs.getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
            assertThat(OtlpReceiver.total(reqs)).as("cumulative: two seconds of 3").isEqualTo(6);
            var point = reqs.getSum().getDataPoints(0);
            assertThat(OtlpReceiver.attributes(point.getAttributesList())).containsEntry("testid", "run-7")
                    .containsEntry("name", "products").containsEntry("status", "200");
            assertThat(point.getStartTimeUnixNano()).isEqualTo(999_000L * 1_000_000);
            assertThat(point.getTimeUnixNano()).isEqualTo(1_000_001L * 1_000_000);
            assertThat(OtlpReceiver.total(m.get("headroom_http_req_failed_nonzero"))).isEqualTo(2);
            assertThat(OtlpReceiver.total(m.get("headroom_http_req_failed_samples"))).isEqualTo(6);
            assertThat(OtlpReceiver.total(m.get("headroom_checks_nonzero"))).isEqualTo(4);
            assertThat(m.get("headroom_vus").getGauge().getDataPoints(0).getAsDouble()).isEqualTo(4);
            var limit = m.get("headroom_threshold_limit").getGauge().getDataPoints(0);
            assertThat(limit.getAsDouble()).as("500 ms in seconds").isEqualTo(0.5);
            assertThat(OtlpReceiver.attributes(limit.getAttributesList())).containsEntry("threshold", "p(95)<500");

            Metric duration = m.get("headroom_http_req_duration");
            assertThat(duration.getUnit()).isEqualTo("s");
            assertThat(duration.getExponentialHistogram().getAggregationTemporality())
                    .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
            ExponentialHistogramDataPoint h = duration.getExponentialHistogram().getDataPoints(0);
            assertThat(h.getCount()).isEqualTo(6);
            assertThat(h.getSum()).isCloseTo(2 * 0.43, within(1e-12));
            assertThat(h.getMin()).isEqualTo(0.01);
            assertThat(h.getMax()).isEqualTo(0.4);
            // 10 to 400 ms is 5.3 octaves: 1,362 buckets at scale 8, so the export is downscaled to 4 (85 buckets)
            assertThat(h.getScale()).isEqualTo(4);
            assertThat(h.getPositive().getBucketCountsCount()).isLessThanOrEqualTo(ExponentialBuckets.MAX_BUCKETS);
            assertThat(h.getPositive().getBucketCountsList().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
            // the 400 ms values sit in the last bucket, (base^i, base^(i+1)] around 0.4 s
            double base = Math.pow(2, Math.pow(2, -h.getScale()));
            int last = h.getPositive().getOffset() + h.getPositive().getBucketCountsCount() - 1;
            assertThat(Math.pow(base, last)).isLessThan(0.4);
            assertThat(Math.pow(base, last + 1)).isGreaterThanOrEqualTo(0.4 * 0.999);
            assertThat(h.getPositive().getBucketCounts(h.getPositive().getBucketCountsCount() - 1)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http-500", "grpc-internal", "http-down", "grpc-down"})
    void aFailingReceiverCostsDroppedBatchesAndOneWarningNeverAnException(String receiverKind) throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        OtlpReceiver receiver = switch (receiverKind) {
            case "http-500" -> OtlpReceiver.http(OtlpReceiver.Behaviour.ERROR);
            case "grpc-internal" -> OtlpReceiver.grpc(OtlpReceiver.Behaviour.ERROR);
            default -> null;
        };
        String url = receiver != null ? receiver.url()
                : (receiverKind.startsWith("http") ? "http://127.0.0.1:" + freePort() + "/v1/metrics" : "grpc://127.0.0.1:" + freePort());
        try {
            LiveOutput out = OutputKinds.parse("otlp=" + url).open(context(warnings));
            out.accept(Snapshots.second(), 1_000_000);
            out.accept(Snapshots.second(), 1_001_000);
            out.close();
            assertThat(out.health().delivered()).isZero();
            assertThat(out.health().dropped()).as(out.health().toString()).isEqualTo(2);
            assertThat(warnings).isNotEmpty().allSatisfy(w -> assertThat(w).startsWith("--out otlp=" + url.replaceAll("/v1/metrics", ""))
                    .contains("the run goes on"));
            String expected = switch (receiverKind) {
                case "http-500" -> "HTTP 500: receiver says no";
                case "grpc-internal" -> "gRPC INTERNAL: receiver says no";
                default -> "cannot reach the receiver";
            };
            assertThat(out.health().problem()).contains(expected);
            if (receiver != null) assertThat(receiver.received()).as("OTLP does not retry 500 / INTERNAL").isEqualTo(2);
        } finally {
            if (receiver != null) receiver.close();
        }
    }

    @Test
    void theSchemePicksTheTransportAndAUrlWithoutAPathGetsOtlpsOne() {
        assertThat(OtlpEndpoint.parse("http://127.0.0.1:4318").url().toString()).isEqualTo("http://127.0.0.1:4318/v1/metrics");
        assertThat(OtlpEndpoint.parse("https://otlp.example/otlp/v1/metrics").url().getPath()).isEqualTo("/otlp/v1/metrics");
        assertThat(OtlpEndpoint.parse("http://127.0.0.1:4318").transport()).isEqualTo(OtlpEndpoint.Transport.HTTP_PROTOBUF);
        assertThat(OtlpEndpoint.parse("grpc://127.0.0.1:4317").transport()).isEqualTo(OtlpEndpoint.Transport.GRPC);
        assertThat(OtlpEndpoint.parse("grpc://collector").port()).isEqualTo(4317);
        assertThat(OtlpEndpoint.parse("grpcs://collector").port()).isEqualTo(443);
        assertThat(OtlpEndpoint.parse("grpcs://collector").tls()).isTrue();
        assertThatThrownBy(() -> OtlpEndpoint.parse("grpc://127.0.0.1:4317/v1/metrics")).hasMessageContaining("host and port only");
        assertThatThrownBy(() -> OtlpEndpoint.parse("ftp://127.0.0.1")).hasMessageContaining("expected an http://, https://, grpc://");
        assertThatThrownBy(() -> OtlpEndpoint.parse("127.0.0.1:4317")).hasMessageContaining("expected http://127.0.0.1:4318");
        assertThatThrownBy(() -> OutputKinds.parse("otlp=http://user:secret@bad host/")).hasMessageContaining("is not a URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
        assertThat(OtlpEndpoint.parse("http://u:hunter22@127.0.0.1:9/v1/metrics?token=s3").description())
                .doesNotContain("hunter22", "s3").contains("127.0.0.1:9/v1/metrics?…");
    }

    @Test
    void headersComeFromTheStandardEnvironmentVariables() {
        assertThat(OtlpOutput.headers(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic%20abc, X-Scope-OrgID=team")))
                .containsExactly(Map.entry("Authorization", "Basic abc"), Map.entry("X-Scope-OrgID", "team"));
        assertThat(OtlpOutput.headers(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "a=1", "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "b=2")))
                .containsExactly(Map.entry("b", "2"));
        assertThat(OtlpOutput.headers(Map.of())).isEmpty();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
