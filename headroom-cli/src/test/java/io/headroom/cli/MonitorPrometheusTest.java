package io.headroom.cli;

import com.sun.net.httpserver.HttpServer;
import io.headroom.core.result.RunResult;
import io.headroom.profiler.target.TargetSeries;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --monitor-prometheus} end to end; the scraper's parser is tested in the profiler module. */
class MonitorPrometheusTest {
    @TempDir
    Path dir;

    @Test
    void monitorPrometheusRecordsTheChosenMetricsEverySecond() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/metrics", exchange -> {
            int n = scrapes.incrementAndGet();
            byte[] body = ("# TYPE queue_depth gauge\nqueue_depth " + n + "\nignored_metric 5\n"
                    + "pool_active{pool=\"db\"} 3\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        try {
            String base = "http://127.0.0.1:" + target.getAddress().getPort();
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, """
                    name: scraped
                    baseUrl: ${ENV:BASE_URL}
                    scenarios:
                      api:
                        executor: constant-vus
                        vus: 1
                        duration: 3s
                        flow:
                          - get: /health
                          - think: 100ms
                    """);
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-q", "-e", "BASE_URL=" + base, "--json",
                    dir.resolve("summary.json").toString(), "--monitor-prometheus", base + "/metrics",
                    "--monitor-metric", "queue_depth", "--monitor-metric", "pool_active");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            RunResult summary = JsonSummary.read(dir.resolve("summary.json"));
            List<TargetSeries.Point> depth = TargetSeries.of(summary, "target_queue_depth");
            assertThat(depth).hasSizeGreaterThanOrEqualTo(2);
            assertThat(depth.get(depth.size() - 1).value()).isGreaterThan(depth.get(0).value());
            assertThat(summary.series()).anySatisfy(s -> {
                assertThat(s.metric()).isEqualTo("target_pool_active");
                assertThat(s.tags().asMap()).containsEntry("pool", "db");
            });
            assertThat(summary.series()).noneMatch(s -> s.metric().equals("target_ignored_metric"));
        } finally {
            target.stop(0);
        }
    }

    @Test
    void unreachableEndpointOrNoMetricIsAUsageError() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "name: p\nbaseUrl: http://127.0.0.1:1\nscenarios:\n  a:\n    executor: constant-vus\n"
                + "    vus: 1\n    duration: 1s\n    flow:\n      - get: /\n");
        CliRun noMetric = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-q", "--monitor-prometheus", "http://127.0.0.1:1/metrics");
        CliRun unreachable = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-q", "--monitor-prometheus", "http://127.0.0.1:1/metrics",
                "--monitor-metric", "x");

        assertThat(noMetric.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(noMetric.err()).contains("needs at least one --monitor-metric");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(unreachable.err()).contains("--monitor-prometheus: cannot scrape http://127.0.0.1:1/metrics");
    }
}
