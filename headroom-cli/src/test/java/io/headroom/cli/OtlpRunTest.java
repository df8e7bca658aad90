package io.headroom.cli;

import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.result.LiveOutputHealth;
import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.output.otlp.OtlpReceiver;
import io.headroom.report.JsonSummary;
import io.opentelemetry.proto.metrics.v1.Metric;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code --out otlp} end to end: a short run of the demo pushes into an OTLP receiver on loopback (OTLP/HTTP on a JDK
 * HttpServer, OTLP/gRPC on grpc-java), which decodes every request with the {@code opentelemetry-proto} classes. The
 * last batch's counts equal the JSON summary's exactly, its histogram's count and sum too (the sum to the last
 * digits of a double: seconds there, milliseconds here), and its resource names the run. A receiver that is down,
 * slow or failing costs dropped batches and a warning, never the run's time.
 */
class OtlpRunTest {
    /** The 3 s run, the 3 s flush budget and a loaded machine's start-up. */
    private static final long RUN_MILLIS_BOUND = 25_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"http", "grpc"})
    void theReceiversLastBatchHoldsTheSummarysCountsAndHistogramSums(String transport) throws Exception {
        try (OtlpReceiver receiver = transport.equals("http") ? OtlpReceiver.http(OtlpReceiver.Behaviour.OK)
                : OtlpReceiver.grpc(OtlpReceiver.Behaviour.OK);
             DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = plan(true);
            Path summaryFile = dir.resolve("summary.json");
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet",
                    "--json", summaryFile.toString(), "--tag", "testid=otlp-e2e", "--out", "otlp=" + receiver.url());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err()).contains("--out otlp=" + receiver.url() + " (testid=otlp-e2e)").doesNotContain("warning");
            RunResult summary = JsonSummary.read(summaryFile);
            LiveOutputHealth health = summary.generatorHealth().liveOutputs().getFirst();
            assertThat(health.dropped()).as(health.toString()).isZero();
            assertThat(health.delivered()).isEqualTo(receiver.requests().size()).isGreaterThanOrEqualTo(2);

            Map<String, Metric> m = receiver.lastMetrics();
            double requests = Results.counter(summary, "http_reqs");
            assertThat(requests).isPositive();
            assertThat(OtlpReceiver.total(m.get("headroom_http_reqs"))).isEqualTo(requests);
            assertThat(OtlpReceiver.total(m.get("headroom_iterations"))).isEqualTo(Results.counter(summary, "iterations"));
            SeriesStats.TrendStats duration = trend(summary, "http_req_duration");
            double[] countAndSum = OtlpReceiver.histogramCountAndSum(m.get("headroom_http_req_duration"), Map.of("testid", "otlp-e2e"));
            assertThat(countAndSum[0]).isEqualTo(duration.count());
            assertThat(countAndSum[1] * 1000).as("sum in ms").isCloseTo(duration.sum(), within(duration.sum() * 1e-12));
            assertThat(m.get("headroom_data_received").getUnit()).isEqualTo("By");
            assertThat(OtlpReceiver.total(m.get("headroom_data_received"))).isEqualTo(Results.counter(summary, "data_received"));
            assertThat(OtlpReceiver.total(m.get("headroom_checks_nonzero"))).isEqualTo((double) duration.count());

            Map<String, String> resource = receiver.lastResource();
            assertThat(resource).containsEntry("service.name", "headroom").containsEntry("headroom.test_id", "otlp-e2e")
                    .containsEntry("headroom.plan", "otlp").containsKey("service.instance.id").containsKey("service.version");
            // negative control: the receiver holds this run only, under its testid
            assertThat(m.get("headroom_http_reqs").getSum().getDataPointsList()).allSatisfy(p ->
                    assertThat(OtlpReceiver.attributes(p.getAttributesList())).containsEntry("testid", "otlp-e2e"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http-down", "http-slow", "http-500", "grpc-down", "grpc-slow", "grpc-error"})
    void aFailingReceiverNeverStallsTheRunAndIsReported(String kind) throws Exception {
        OtlpReceiver receiver = switch (kind) {
            case "http-slow" -> OtlpReceiver.http(OtlpReceiver.Behaviour.SLOW);
            case "http-500" -> OtlpReceiver.http(OtlpReceiver.Behaviour.ERROR);
            case "grpc-slow" -> OtlpReceiver.grpc(OtlpReceiver.Behaviour.SLOW);
            case "grpc-error" -> OtlpReceiver.grpc(OtlpReceiver.Behaviour.ERROR);
            default -> null;
        };
        String url = receiver != null ? receiver.url() : kind.startsWith("http")
                ? "http://127.0.0.1:" + freePort() + "/v1/metrics" : "grpc://127.0.0.1:" + freePort();
        try {
            Path summaryFile = dir.resolve("summary.json");
            long start = System.nanoTime();
            CliRun run = CliRun.of("run", plan(false).toString(), "--no-warmup", "--json", summaryFile.toString(),
                    "--out", "otlp=" + url);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("the run ends on time: " + run).isLessThan(RUN_MILLIS_BOUND);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            LiveOutputHealth health = JsonSummary.read(summaryFile).generatorHealth().liveOutputs().getFirst();
            assertThat(health.dropped()).as(health.toString()).isPositive();
            assertThat(health.delivered()).isZero();
            assertThat(run.err()).contains("warning: --out otlp=" + url, "batches were dropped");
            assertThat(run.out()).contains("WARNINGS", "batches were dropped");
            if (receiver != null) assertThat(receiver.received()).isPositive();
            if (kind.equals("http-500")) assertThat(health.problem()).contains("HTTP 500");
            if (kind.equals("grpc-error")) assertThat(health.problem()).contains("gRPC INTERNAL");
            if (kind.endsWith("-down")) assertThat(health.problem()).contains("cannot reach the receiver");
        } finally {
            if (receiver != null) receiver.close();
        }
    }

    @org.junit.jupiter.api.Test
    void badReceiversExitTwoBeforeTheRunNamingTheValue() {
        CliRun scheme = CliRun.of("run", "plan.yaml", "--out", "otlp=ftp://127.0.0.1:4318");
        assertThat(scheme.exitCode()).isEqualTo(2);
        assertThat(scheme.err()).contains("otlp: expected an http://, https://, grpc:// or grpcs:// URL", "ftp://127.0.0.1:4318")
                .doesNotContain("\tat ");
        CliRun grpcPath = CliRun.of("run", "plan.yaml", "--out", "otlp=grpc://127.0.0.1:4317/v1/metrics");
        assertThat(grpcPath.exitCode()).isEqualTo(2);
        assertThat(grpcPath.err()).contains("a grpc:// receiver is host and port only").doesNotContain("\tat ");
        CliRun none = CliRun.of("run", "plan.yaml", "--out", "otlp");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("needs its URL", "--out otlp=URL");
        // positive control: a good value gets past the check; what fails is the missing plan, named as such
        CliRun good = CliRun.of("run", dir.resolve("missing.yaml").toString(), "--out", "otlp=grpc://127.0.0.1:4317");
        assertThat(good.exitCode()).isEqualTo(2);
        assertThat(good.err()).contains("missing.yaml").doesNotContain("--out");
    }

    private Path plan(boolean demo) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, demo ? """
                name: otlp
                baseUrl: ${ENV:BASE_URL}
                scenarios:
                  api:
                    executor: constant-arrival-rate
                    rate: 20
                    timeUnit: 1s
                    duration: 3s
                    preAllocatedVUs: 4
                    flow:
                      - get: /products?limit=5
                        name: products
                        checks: [{status: 200}]
                """ : """
                name: receiver
                scenarios:
                  s:
                    executor: constant-vus
                    vus: 1
                    duration: 3s
                    flow: [{think: 50ms}]
                """);
        return plan;
    }

    private static SeriesStats.TrendStats trend(RunResult summary, String metric) {
        return summary.series().stream().filter(s -> s.metric().equals(metric) && s.tags().isEmpty())
                .map(SeriesResult::stats).map(SeriesStats.TrendStats.class::cast).findFirst().orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
