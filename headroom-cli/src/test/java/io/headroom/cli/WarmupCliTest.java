package io.headroom.cli;

import com.sun.net.httpserver.HttpServer;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `headroom run` warms its request path up in-process before a scenario of 1,000 arrivals/s or more, and the
 * target sees only the plan's requests.
 */
class WarmupCliTest {
    @TempDir
    Path dir;
    private HttpServer target;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startTarget() throws Exception {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.start();
    }

    @AfterEach
    void stopTarget() {
        target.stop(0);
    }

    private CliRun run(String... extra) throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: counted
                baseUrl: http://127.0.0.1:%d
                scenarios:
                  api:
                    executor: constant-arrival-rate
                    rate: 1000
                    timeUnit: 1s
                    duration: 100ms
                    preAllocatedVUs: 20
                    maxVUs: 50
                    flow:
                      - get: /counted
                """.formatted(target.getAddress().getPort()));
        List<String> args = new ArrayList<>(List.of("run", plan.toString(), "--quiet", "--accept-invalid-run",
                "--json", dir.resolve("summary.json").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The plan's own requests as the JSON summary counts them (a slow machine may drop a few arrivals). */
    private long requestsInSummary() throws Exception {
        RunResult result = JsonSummary.read(dir.resolve("summary.json"));
        for (SeriesResult series : result.series()) {
            if (series.metric().equals("http_reqs") && series.tags().isEmpty()
                    && series.stats() instanceof SeriesStats.CounterStats counter) {
                return (long) counter.count();
            }
        }
        return -1;
    }

    @Test
    void theWarmUpSendsNothingToTheTarget() throws Exception {
        CliRun run = run();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(requestsInSummary()).isBetween(1L, 100L);
        assertThat((long) requests.get()).isEqualTo(requestsInSummary());
        // its time is reported, in the summary's metadata, and is not the run's
        RunResult result = JsonSummary.read(dir.resolve("summary.json"));
        assertThat(result.info().metadata().get("headroom.warmup")).contains("ms before the run, not counted in it");
        assertThat(result.info().duration()).isLessThan(java.time.Duration.ofSeconds(2));
    }

    @Test
    void noWarmupStartsAtOnceWithTheSameRequests() throws Exception {
        CliRun run = run("--no-warmup");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat((long) requests.get()).isEqualTo(requestsInSummary()).isBetween(1L, 100L);
        assertThat(JsonSummary.read(dir.resolve("summary.json")).info().metadata()).doesNotContainKey("headroom.warmup");
    }
}
