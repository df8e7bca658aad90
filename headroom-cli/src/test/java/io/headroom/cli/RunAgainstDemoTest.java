package io.headroom.cli;

import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real command line against the real demo shop on loopback: exit codes 0 / 99 and failures as data. */
class RunAgainstDemoTest {
    @TempDir
    Path dir;

    DemoServer demo;

    @BeforeEach
    void startDemo() throws IOException {
        demo = DemoServer.start(DemoConfig.defaults());
    }

    @AfterEach
    void stopDemo() {
        demo.close();
    }

    private Path plan(String yaml) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, yaml);
        return plan;
    }

    private static String thresholdPlan(String p95) {
        return """
                name: gate
                baseUrl: ${ENV:BASE_URL}
                thresholds:
                  http_req_duration: ["p(95)<%s"]
                  http_req_failed: ["rate<0.01"]
                scenarios:
                  api:
                    executor: constant-vus
                    vus: 4
                    duration: 2s
                    flow:
                      - get: /products?limit=5
                        name: products
                        checks: [{status: 200}]
                """.formatted(p95);
    }

    @Test
    void exits0WhenEveryThresholdHoldsAndWritesTheSummary() throws IOException {
        Path json = dir.resolve("out/summary.json");
        CliRun run = CliRun.of("run", "--accept-invalid-run", plan(thresholdPlan("2000")).toString(), "-e", "BASE_URL=" + demo.baseUrl(),
                "--json", json.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("http_req_duration", "p(95)<2000", "products");
        RunResult result = JsonSummary.read(json);
        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
        long sent = (long) Results.counter(result, "http_reqs");
        assertThat(sent).isPositive();
        // The demo counted what we sent: nothing invented, nothing lost.
        assertThat(demo.stats().totalRequests()).isEqualTo(sent);
    }

    @Test
    void exits99WhenAThresholdIsSetBelowWhatTheDemoCanDo() throws IOException {
        CliRun run = CliRun.of("run", "--accept-invalid-run", plan(thresholdPlan("0.001")).toString(), "-e", "BASE_URL=" + demo.baseUrl(),
                "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(99);
        assertThat(run.out()).contains("p(95)<0.001");
    }

    @Test
    void refusedConnectionsAreErrorsInTheSummaryNotACrash() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path json = dir.resolve("refused.json");
        CliRun run = CliRun.of("run", "--accept-invalid-run", plan("""
                name: refused
                thresholds:
                  http_req_failed: ["rate<0.5"]
                scenarios:
                  nobody-home:
                    executor: per-vu-iterations
                    vus: 2
                    iterations: 5
                    flow:
                      - get: http://127.0.0.1:%d/health
                """.formatted(closedPort)).toString(), "--json", json.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(99);
        assertThat(run.err()).doesNotContain("\tat ");
        RunResult result = JsonSummary.read(json);
        assertThat(Results.counter(result, "http_reqs")).isEqualTo(10);
        assertThat(result.series()).anySatisfy(s -> {
            assertThat(s.metric()).isEqualTo("http_req_failed");
            assertThat(s.tags().get("error_code")).isEqualTo("1212");
        });
    }

}
