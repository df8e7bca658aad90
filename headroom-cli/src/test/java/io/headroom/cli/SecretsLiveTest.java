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

/**
 * What the summary hides, the live outputs hide too: the Prometheus endpoint (scraped over HTTP while the run
 * goes) and the progress lines show no redacted query parameter and no environment secret from a URL.
 */
class SecretsLiveTest {
    private static final String QUERY_SECRET = "k3y-value-q";
    private static final String ENV_SECRET = "t0psecret-env";

    @TempDir
    Path dir;

    @Test
    void thePrometheusEndpointAndTheProgressLinesShowNoSecret() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, """
                    name: live-secrets
                    redact: [api_key, SHOP_TOKEN]
                    thresholds:
                      "http_req_duration{url:http://127.0.0.1:%1$d/products?limit=1&api_key=%2$s}": ["p(95)<60000"]
                    scenarios:
                      api:
                        executor: constant-vus
                        vus: 2
                        duration: 4s
                        flow:
                          - get: http://127.0.0.1:%1$d/products?limit=1&api_key=%2$s
                          - get: http://127.0.0.1:%1$d/products/${ENV:SHOP_TOKEN}
                          - get: http://127.0.0.1:%1$d/products?limit=2
                          - think: 50ms
                    """.formatted(demo.port(), QUERY_SECRET));
            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", "--accept-invalid-run",
                    plan.toString(), "-e", "SHOP_TOKEN=" + ENV_SECRET, "--prometheus", "127.0.0.1:" + port,
                    "--json", dir.resolve("summary.json").toString()));

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            List<String> bodies = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!run.isDone() && System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.body().contains("headroom_http_reqs_total{")) bodies.add(r.body());
                } catch (java.io.IOException notYetListening) {
                    // the run has not bound the port yet, or has just closed it
                }
                Thread.sleep(200);
            }
            CliRun result = run.get(60, TimeUnit.SECONDS);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(bodies).as("scrapes with request counts").isNotEmpty();
            String last = bodies.getLast();
            for (String body : bodies) assertThat(body).doesNotContain(QUERY_SECRET).doesNotContain(ENV_SECRET);
            // Negative control: what is no secret is still there, in the name label and the threshold's selector.
            assertThat(last).contains("name=\"http://127.0.0.1:" + demo.port() + "/products?limit=2\"")
                    .contains("name=\"http://127.0.0.1:" + demo.port() + "/products?limit=1&api_key=[REDACTED]\"")
                    .contains("/products/[REDACTED]")
                    .contains("selector=\"http_req_duration{url:http://127.0.0.1:" + demo.port() + "/products?limit=1&api_key=[REDACTED]");
            assertThat(result.out() + result.err()).doesNotContain(QUERY_SECRET).doesNotContain(ENV_SECRET);
            String summary = Files.readString(dir.resolve("summary.json"));
            assertThat(summary).doesNotContain(QUERY_SECRET).doesNotContain(ENV_SECRET)
                    .contains("/products?limit=2").contains("/products/[REDACTED]");
        }
    }
}
