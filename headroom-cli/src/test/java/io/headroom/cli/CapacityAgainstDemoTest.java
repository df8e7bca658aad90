package io.headroom.cli;

import io.headroom.analysis.capacity.CapacityModel;
import io.headroom.analysis.capacity.CapacityOptions;
import io.headroom.analysis.capacity.Slo;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.demo.EndpointFamily;
import io.headroom.demo.FaultSettings;
import io.headroom.demo.ServiceTime;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code headroom capacity} on a real stepped run against a demo shop whose pool capacity is known. */
// Alone: concurrent example runs on a small machine would change the latencies being judged.
@Isolated
class CapacityAgainstDemoTest {
    @TempDir
    Path dir;

    @Test
    void aSteppedRunFindsTheKneeAndCeilingOfTheWorkerPool() throws IOException {
        // 4 workers × 10 ms per request: at most 400 req/s, reached at about 4 concurrent users.
        DemoConfig config = DemoConfig.defaults().withWorkerThreads(4).withAllServiceTimes(ServiceTime.fixedMillis(10));
        double capacity = config.capacityRequestsPerSecond(EndpointFamily.PRODUCTS, FaultSettings.NONE);
        try (DemoServer demo = DemoServer.start(config)) {
            Path plan = dir.resolve("steps.yaml");
            Files.writeString(plan, """
                    name: steps
                    baseUrl: ${ENV:BASE_URL}
                    scenarios:
                      steps:
                        executor: ramping-vus
                        startVUs: 1
                        stages:
                          - {duration: 2s, target: 1}
                          - {duration: 100ms, target: 2}
                          - {duration: 2s, target: 2}
                          - {duration: 100ms, target: 4}
                          - {duration: 2s, target: 4}
                          - {duration: 100ms, target: 8}
                          - {duration: 2s, target: 8}
                          - {duration: 100ms, target: 12}
                          - {duration: 2s, target: 12}
                        gracefulRampDown: 1s
                        flow:
                          - get: /products?limit=5
                            name: products
                    """);
            Path json = dir.resolve("stress.json");
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--json", json.toString(), "--quiet");
            assertThat(run.exitCode()).as(run.toString()).isZero();

            CliRun cli = CliRun.of("capacity", json.toString(), "--slo", "p(95)<1000", "--growth", "15%/month",
                    "--months", "12", "--peak", "3x", "--target-utilization", "70%");
            System.out.println(cli.out());
            assertThat(cli.exitCode()).as(cli.toString()).isZero();
            assertThat(cli.out()).contains("Universal Scalability Law", "knee: ", "SLO p(95)<1000", "month");

            CapacityModel model = CapacityModel.of(JsonSummary.read(json),
                    new CapacityOptions(Slo.parse("p(95)<1000"), 0, 0, 1, 0.7, null));
            // Generous slack: a busy 2-core machine loses some throughput to the generator itself.
            assertThat(model.fit().maxMeasuredThroughput()).as(cli.out()).isBetween(0.5 * capacity, 1.1 * capacity);
            double max = Math.min(model.fit().model().maxThroughput(), 10 * capacity);
            assertThat(max).as(cli.out()).isBetween(0.5 * capacity, 1.3 * capacity);
            assertThat(model.fit().model().kneeConcurrency()).as(cli.out()).isBetween(2.0, 8.0);
        }
    }

    @Test
    void aRunAtOneLoadLevelIsAUsageError() throws IOException {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("flat.yaml");
            Files.writeString(plan, """
                    name: flat
                    baseUrl: ${ENV:BASE_URL}
                    scenarios:
                      flat: {executor: constant-vus, vus: 2, duration: 1s, flow: [{get: /health}]}
                    """);
            Path json = dir.resolve("flat.json");
            assertThat(CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--json", json.toString(), "--quiet")
                    .exitCode()).isZero();
            CliRun cli = CliRun.of("capacity", json.toString());
            assertThat(cli.exitCode()).isEqualTo(2);
            assertThat(cli.err()).contains("stepped run").doesNotContain("\tat ");
        }
    }
}
