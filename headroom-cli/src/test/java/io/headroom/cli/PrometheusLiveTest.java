package io.headroom.cli;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --prometheus} serves live metrics that a scraper reads while the run goes. */
class PrometheusLiveTest {
    @TempDir
    Path dir;

    @Test
    void scrapeDuringARunSeesGrowingRequestCountsAndThresholdGauges() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, """
                    name: live
                    baseUrl: ${ENV:BASE_URL}
                    thresholds:
                      http_req_duration: ["p(95)<5000"]
                    scenarios:
                      api:
                        executor: constant-arrival-rate
                        rate: 40
                        timeUnit: 1s
                        duration: 4s
                        preAllocatedVUs: 4
                        maxVUs: 8
                        flow:
                          - get: /products?limit=5
                            name: products
                            checks: [{status: 200}]
                    """);
            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", "--accept-invalid-run", plan.toString(),
                    "-e", "BASE_URL=" + demo.baseUrl(), "--quiet", "--prometheus", "127.0.0.1:" + port, "--tag", "testid=live"));

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            List<Double> counts = new ArrayList<>();
            String lastBody = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!run.isDone() && System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    lastBody = r.body();
                    double total = lastBody.lines().filter(l -> l.startsWith("headroom_http_reqs_total{"))
                            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                    if (total > 0) counts.add(total);
                } catch (java.io.IOException notYetListening) {
                    // the run has not bound the port yet, or has just closed it
                }
                Thread.sleep(300);
            }
            CliRun result = run.get(30, TimeUnit.SECONDS);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.err()).contains("Prometheus metrics on http://127.0.0.1:" + port + "/metrics");
            assertThat(counts).as("request totals scraped during the run; last body:\n" + lastBody).hasSizeGreaterThanOrEqualTo(2);
            assertThat(counts.get(counts.size() - 1)).isGreaterThan(counts.get(0));
            assertThat(lastBody).contains("# TYPE headroom_http_reqs_total counter", "headroom_vus ",
                    "# TYPE headroom_http_req_duration_seconds histogram", "headroom_http_req_duration_seconds_bucket{",
                    "headroom_threshold_limit{aggregation=\"p(95)\"");
            // One naming scheme: no unlabelled run-wide aggregate beside the labelled series (sum() would count twice).
            assertThat(lastBody.lines()).noneMatch(l -> l.startsWith("headroom_http_reqs_total ")
                    || l.startsWith("headroom_http_req_duration_seconds_count "));
            // --tag (k6's run-wide tag) is a label of every scenario's series.
            assertThat(lastBody.lines().filter(l -> l.startsWith("headroom_http_reqs_total{")))
                    .isNotEmpty().allSatisfy(l -> assertThat(l).contains("testid=\"live\""));
            // The Grafana dashboard in the repo only queries names this run served, so it cannot drift from the
            // exporter unnoticed (PrometheusDashboardTest runs its queries against a real Prometheus).
            String body = lastBody;
            com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(Path.of("../docs/grafana/headroom-dashboard.json").toFile());
            List<String> names = new ArrayList<>();
            dashboard.findValues("expr").forEach(e -> java.util.regex.Pattern.compile("headroom_[a-z0-9_]+")
                    .matcher(e.asText()).results().forEach(r -> names.add(r.group())));
            // dropped_iterations exists only once something was dropped (as in k6); this plan drops nothing, and
            // PrometheusDashboardTest runs a scenario short of VUs to query it
            assertThat(names).isNotEmpty().filteredOn(name -> !name.equals("headroom_dropped_iterations_total"))
                    .allSatisfy(name -> assertThat(body).contains(name));
        }
    }

    @Test
    void malformedAddressIsAUsageError() {
        CliRun run = CliRun.of("run", "--accept-invalid-run", "nope.yaml", "--prometheus", "localhost:http");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--prometheus", "expected [HOST:]PORT such as 127.0.0.1:9464, got 'localhost:http'");
    }

    @Test
    void lingerAboveTenMinutesIsAUsageErrorBeforeTheRun() {
        CliRun run = CliRun.of("run", "--accept-invalid-run", "nope.yaml", "--prometheus", "127.0.0.1:0", "--prometheus-linger", "11m");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'--prometheus-linger': must be between 0s and 10m, got 660s").doesNotContain("Exception");
    }

    @Test
    void addressDefaultsToLoopback() {
        assertThat(LiveMetricsOption.parse("9464").getAddress().isLoopbackAddress()).isTrue();
        assertThat(LiveMetricsOption.parse(":9464").getPort()).isEqualTo(9464);
        assertThat(LiveMetricsOption.parse("127.0.0.1:0").getPort()).isZero();
    }
}
