package io.headroom.cli;

import io.headroom.analysis.compare.Change;
import io.headroom.analysis.compare.Comparison;
import io.headroom.analysis.compare.ComparisonOptions;
import io.headroom.analysis.compare.RunComparison;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code headroom compare} on real summaries of real runs against the demo shop. */
// Alone: concurrent example runs on a small machine would change the latencies being judged.
@Isolated
class CompareAgainstDemoTest {
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

    private Path run(String name) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: compare-me
                baseUrl: ${ENV:BASE_URL}
                scenarios:
                  api:
                    executor: constant-vus
                    vus: 4
                    duration: 2s
                    flow:
                      - get: /products?limit=5
                        name: products
                        checks: [{status: 200}]
                """);
        Path json = dir.resolve(name + ".json");
        CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--json", json.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return json;
    }

    @Test
    void twoRunsOfOnePlanAgainstOneServiceAreNoRegression() throws IOException {
        Path before = run("before");
        Path after = run("after");
        Path markdown = dir.resolve("diff.md");
        CliRun compare = CliRun.of("compare", before.toString(), after.toString(), "--markdown", markdown.toString());
        System.out.println(compare.out());
        assertThat(compare.exitCode()).as(compare.toString()).isZero();
        // Two seconds of four VUs rarely decide a 10 % margin on p99: "inconclusive" is then the honest verdict.
        assertThat(compare.out()).contains("before.json → after.json", "p95", "endpoint products")
                .containsAnyOf("No regression", "INCONCLUSIVE: no regression shown, none ruled out").doesNotContain("REGRESSION: ");
        assertThat(Files.readString(markdown)).contains("| whole run | p95 |").containsAnyOf("No regression", "INCONCLUSIVE");
    }

    @Test
    void addedLatencyIsARegressionOfTheRightDirectionAndSize() throws IOException {
        Path before = run("before");
        demo.faults().setAddedLatencyMillis(30);
        Path after = run("after");
        CliRun compare = CliRun.of("compare", before.toString(), after.toString());
        System.out.println(compare.out());
        assertThat(compare.exitCode()).as(compare.toString()).isEqualTo(99);
        assertThat(compare.out()).contains("REGRESSION: ", "p95");

        Comparison c = RunComparison.compare(JsonSummary.read(before), JsonSummary.read(after), ComparisonOptions.defaults());
        Change p50 = c.changes().stream().filter(ch -> ch.quantity() == Change.Quantity.P50 && ch.endpoint() == null)
                .findFirst().orElseThrow();
        assertThat(p50.direction()).isEqualTo(Change.Direction.WORSE);
        // 30 ms more service time per request: the median grows by about that much (generous slack for a busy machine).
        assertThat(p50.after() - p50.before()).as(compare.out()).isBetween(20.0, 60.0);
        assertThat(c.regressions()).anySatisfy(ch -> assertThat(ch.quantity()).isEqualTo(Change.Quantity.P95));
    }

    @Test
    void aMissingSummaryIsAUsageErrorWithoutAStackTrace() {
        CliRun compare = CliRun.of("compare", dir.resolve("nope.json").toString(), dir.resolve("nope2.json").toString());
        assertThat(compare.exitCode()).isEqualTo(2);
        assertThat(compare.err()).contains("nope.json: no such file").doesNotContain("\tat ");
    }

    @Test
    void aBadMarginIsAUsageError() {
        CliRun compare = CliRun.of("compare", "a.json", "b.json", "--max-regression", "lots");
        assertThat(compare.exitCode()).isEqualTo(2);
        assertThat(compare.err()).contains("--max-regression");
    }
}
