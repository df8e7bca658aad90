package io.headroom.cli;

import com.sun.net.httpserver.HttpServer;
import io.headroom.core.metric.Exemplar;
import io.headroom.core.result.RunResult;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http.traceContext} with {@code --prometheus}: while the run goes, the pull endpoint's OpenMetrics text
 * carries the slowest requests' trace ids as exemplars of {@code headroom_http_req_duration_seconds}; each is a trace
 * id the server really got, and the slowest of the summary's exemplars is among the last scrape's.
 */
class PrometheusExemplarsCliTest {
    private static final Pattern TRACE_ID = Pattern.compile("trace_id=\"([0-9a-f]{32})\"");

    @TempDir
    Path dir;

    @Test
    void thePullEndpointShowsTheSlowestRequestsTraceIdsAsExemplars() throws Exception {
        Set<String> sent = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            String tp = ex.getRequestHeaders().getFirst("traceparent");
            if (tp != null) sent.add(tp.substring(3, 35));
            try {
                Thread.sleep(calls.getAndIncrement() % 5 == 0 ? 250 : 0); // one in five is slow
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, """
                    name: exemplars
                    baseUrl: http://127.0.0.1:%d
                    http: {traceContext: true}
                    scenarios:
                      api:
                        executor: constant-vus
                        vus: 2
                        duration: 3s
                        flow:
                          - get: /slow
                            name: slow
                    """.formatted(server.getAddress().getPort()));
            int port = RealPrometheus.freePort();
            Path summaryFile = dir.resolve("summary.json");
            CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.of("run", plan.toString(),
                    "--quiet", "--accept-invalid-run", "--json", summaryFile.toString(),
                    "--prometheus", "127.0.0.1:" + port, "--prometheus-linger", "3s"));
            String lastWithExemplars = null;
            HttpClient client = HttpClient.newHttpClient();
            while (!running.isDone()) {
                try {
                    String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .header("Accept", "application/openmetrics-text; version=1.0.0").timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                    if (body.contains("trace_id")) lastWithExemplars = body;
                } catch (java.io.IOException e) {
                    // not listening yet, or closed after the linger
                }
                Thread.sleep(250);
            }
            CliRun run = running.get();
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(lastWithExemplars).as("a scrape with exemplars").isNotNull();
            List<String> lines = lastWithExemplars.lines().filter(l -> l.contains("trace_id")).toList();
            assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("headroom_http_req_duration_seconds_bucket{")
                    .contains("name=\"slow\""));
            Set<String> scraped = new java.util.HashSet<>();
            for (String l : lines) {
                Matcher m = TRACE_ID.matcher(l);
                assertThat(m.find()).isTrue();
                scraped.add(m.group(1));
            }
            assertThat(sent).as("every exemplar is a trace id the server got").containsAll(scraped);
            RunResult summary = JsonSummary.read(summaryFile);
            Exemplar slowest = summary.exemplars().stream().max(Comparator.comparingDouble(Exemplar::durationMillis)).orElseThrow();
            assertThat(slowest.durationMillis()).isGreaterThan(200);
            assertThat(scraped).contains(slowest.traceId());
        } finally {
            server.stop(0);
        }
    }
}
