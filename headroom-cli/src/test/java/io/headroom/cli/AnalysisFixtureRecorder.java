package io.headroom.cli;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.demo.FaultSettings;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records the summaries in {@code src/test/resources/fixtures/analysis/} that {@link AnalysisFixturesTest} replays:
 * short runs against the demo shop with its faults switched on. Not part of the normal build (the fixtures are
 * kept so that the analysis tests do not depend on this machine's timing); rerun with
 * {@code mvn -o -pl headroom-cli -am test -Dtest=AnalysisFixtureRecorder -Drecord.fixtures=true
 * -Dsurefire.failIfNoSpecifiedTests=false} from the repository root.
 */
@EnabledIfSystemProperty(named = "record.fixtures", matches = "true")
class AnalysisFixtureRecorder {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/analysis");

    /** Records {@code name} again until its generator was not the bottleneck (a busy machine delays some starts). */
    private static void runValid(DemoServer demo, String name, String plan) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            run(demo, name, plan);
            if (!JsonSummary.read(FIXTURES.resolve(name + ".json")).generatorHealth().invalid()) return;
        }
        throw new AssertionError(name + ": every attempt was an invalid run; record on a quieter machine");
    }

    private static void run(DemoServer demo, String name, String plan) throws IOException {
        Files.createDirectories(FIXTURES);
        Path planFile = Files.createTempFile("fixture", ".yaml");
        Files.writeString(planFile, plan);
        Path json = FIXTURES.resolve(name + ".json");
        CliRun run = CliRun.of("run", "--accept-invalid-run", planFile.toString(), "-e", "BASE_URL=" + demo.baseUrl(),
                "--json", json.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isIn(0, 99);
        Files.delete(planFile);
    }

    private static String arrivalRate(int rate, int maxVus) {
        return """
                name: compare-me
                baseUrl: ${ENV:BASE_URL}
                scenarios:
                  api:
                    executor: constant-arrival-rate
                    rate: %d
                    timeUnit: 1s
                    duration: 4s
                    preAllocatedVUs: %d
                    maxVUs: %d
                    flow:
                      - get: /products?limit=5
                        name: products
                """.formatted(rate, Math.min(10, maxVus), maxVus);
    }

    @Test
    void recordCompareFixtures() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            // Two healthy runs of one plan (after a warm-up run, so the JIT's cold start is not in them), then the
            // same plan starved of VUs (dropped iterations: invalid) against a slower shop: its regression verdict
            // must not stand on its own.
            run(demo, "warm-up", arrivalRate(10, 20));
            Files.delete(FIXTURES.resolve("warm-up.json"));
            runValid(demo, "steady-a", arrivalRate(10, 20));
            runValid(demo, "steady-b", arrivalRate(10, 20));
            demo.faults().setAddedLatencyMillis(60);
            run(demo, "starved-slow", arrivalRate(120, 1));
            demo.faults().set(FaultSettings.NONE);
            run(demo, "other-plan", """
                    name: checkout-flow
                    baseUrl: ${ENV:BASE_URL}
                    scenarios:
                      checkout:
                        executor: constant-vus
                        vus: 2
                        duration: 2s
                        flow:
                          - get: /products?limit=5
                            name: products
                    """);
        }
    }

    @Test
    void recordDiagnoseFixtures() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            // Open model with a stalling shop: more VUs get allocated while the rate stays as scheduled.
            demo.faults().setStall(1000, 300);
            run(demo, "arrival-rate-stall", """
                    name: arrival
                    baseUrl: ${ENV:BASE_URL}
                    scenarios:
                      api:
                        executor: ramping-arrival-rate
                        startRate: 20
                        timeUnit: 1s
                        preAllocatedVUs: 2
                        maxVUs: 50
                        stages:
                          - {duration: 3s, target: 20}
                          - {duration: 3s, target: 60}
                          - {duration: 3s, target: 100}
                        flow:
                          - get: /products?limit=5
                            name: products
                    """);
            demo.faults().set(FaultSettings.NONE);
            // 40 ms added half-way through a constant-VU run: the drift rule must not call that stable.
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            try {
                timer.schedule(() -> demo.faults().setAddedLatencyMillis(40), 12, TimeUnit.SECONDS);
                run(demo, "latency-step", """
                        name: soak
                        baseUrl: ${ENV:BASE_URL}
                        scenarios:
                          api:
                            executor: constant-vus
                            vus: 2
                            duration: 24s
                            flow:
                              - get: /products?limit=5
                                name: products
                        """);
            } finally {
                timer.shutdownNow();
                demo.faults().set(FaultSettings.NONE);
            }
        }
    }
}
