package io.headroom.cli;

import io.headroom.analysis.diagnose.Diagnosis;
import io.headroom.analysis.diagnose.Finding;
import io.headroom.analysis.diagnose.Severity;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.demo.ServiceTime;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code headroom diagnose} on real runs against the demo shop, each fault switch giving its finding. */
// Alone: concurrent example runs on a small machine would change the latencies being judged.
@Isolated
class DiagnoseAgainstDemoTest {
    @TempDir
    Path dir;

    DemoServer demo;

    @BeforeEach
    void startDemo() throws IOException {
        // A fixed 5 ms service time: the healthy tail is narrow, so a fault's tail stands out.
        demo = DemoServer.start(DemoConfig.defaults().withAllServiceTimes(ServiceTime.fixedMillis(5)));
    }

    @AfterEach
    void stopDemo() {
        demo.close();
    }

    private Path run() throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: diagnose-me
                baseUrl: ${ENV:BASE_URL}
                scenarios:
                  api:
                    executor: constant-vus
                    vus: 4
                    duration: 2s
                    flow:
                      - get: /products?limit=5
                        name: products
                """);
        Path json = dir.resolve("summary.json");
        CliRun run = CliRun.of("run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--json", json.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return json;
    }

    @Test
    void aHealthyRunHasNoFindingAboveInfo() throws IOException {
        Path summary = run();
        CliRun diagnose = CliRun.of("diagnose", summary.toString());
        System.out.println(diagnose.out());
        assertThat(diagnose.exitCode()).as(diagnose.toString()).isZero();
        List<Finding> findings = Diagnosis.of(JsonSummary.read(summary));
        assertThat(findings).as(diagnose.out()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        assertThat(diagnose.out()).contains("(0 bad, 0 warnings)", "No failed requests");
    }

    @Test
    void theErrorRateSwitchGivesABadErrorRateWithTheDominantStatus() throws IOException {
        demo.faults().setErrorRate(0.10);
        Path summary = run();
        CliRun diagnose = CliRun.of("diagnose", summary.toString(), "--json");
        System.out.println(diagnose.out());
        assertThat(diagnose.exitCode()).as(diagnose.toString()).isZero();
        assertThat(diagnose.out()).contains("\"rule\": \"ErrorRate\", \"severity\": \"bad\"", "HTTP 500 (100 %)");
    }

    @Test
    void theLatencySpikeSwitchGivesABadTail() throws IOException {
        demo.faults().setLatencySpikes(0.03, 300);
        Path summary = run();
        CliRun diagnose = CliRun.of("diagnose", summary.toString());
        System.out.println(diagnose.out());
        Finding tail = Diagnosis.of(JsonSummary.read(summary)).stream()
                .filter(Finding.TailLatency.class::isInstance).findFirst().orElseThrow();
        assertThat(tail.severity()).as(diagnose.out()).isEqualTo(Severity.BAD);
        assertThat(diagnose.out()).contains("[bad] Tail latency");
    }
}
