package io.headroom.cli;

import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example runs end to end through the real command line against its own demo shop. Examples run
 * concurrently (they are light, mostly think time) to keep the build short.
 */
// Isolated: its examples run concurrently with each other, never beside another class's run (whose
// generator self-check would see this JVM's CPU busy with the examples).
@Isolated
@Execution(ExecutionMode.CONCURRENT)
class ExamplesRunTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"01-hello.yaml", "02-ramping.yaml", "03-arrival-rate.yaml", "04-thresholds.yaml",
            "05-checkout-flow.yaml", "06-java-scenario/Checkout.java", "load.yaml", "stress.yaml", "soak.yaml",
            "spike.yaml"})
    void exampleRunsAgainstTheDemoShop(String example) throws IOException {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path json = dir.resolve("summary.json");
            List<String> args = new ArrayList<>(List.of("run", Examples.dir().resolve(example).toString(),
                    "--json", json.toString(), "--quiet", "-e", "BASE_URL=" + demo.baseUrl(),
                    // ten examples and ten shops share this JVM's cores on purpose: the self-check may rightly
                    // call a run invalid, which is not what this test is about (GeneratorSelfCheckTest is)
                    "--accept-invalid-run"));
            if (example.endsWith(".java")) args.addAll(List.of("--base-url", demo.baseUrl().toString()));
            CliRun run = CliRun.of(args.toArray(String[]::new));

            // The stress example is meant to push past capacity and may stop itself on its abortOnFail threshold.
            if (example.equals("stress.yaml")) {
                assertThat(run.exitCode()).as(run.toString()).isIn(0, 99);
            } else {
                assertThat(run.exitCode()).as(run.toString()).isZero();
            }
            RunResult result = JsonSummary.read(json);
            assertThat(result.outcome()).isIn(RunOutcome.COMPLETED, RunOutcome.ABORTED_BY_THRESHOLD);
            double requests = Results.counter(result, "http_reqs");
            assertThat(requests).as("requests sent").isPositive();
            assertThat(demo.stats().totalRequests()).as("requests the demo saw").isEqualTo((long) requests);
            assertThat(result.checks()).as("checks").isNotEmpty()
                    .allSatisfy(c -> assertThat(c.passRate()).as(c.name()).isGreaterThan(0.9));
        }
    }

}
