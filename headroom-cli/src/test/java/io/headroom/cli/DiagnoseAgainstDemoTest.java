package io.headroom.cli;

import io.headroom.analysis.diagnose.Diagnosis;
import io.headroom.analysis.diagnose.Finding;
import io.headroom.core.result.RunResult;
import io.headroom.analysis.diagnose.Rule;
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
        // A fixed 50 ms service time: the healthy tail stays under 2× even with tens of milliseconds of
        // scheduling jitter on a busy machine, so only a fault's tail stands out.
        demo = DemoServer.start(DemoConfig.defaults().withAllServiceTimes(ServiceTime.fixedMillis(50)));
    }

    @AfterEach
    void stopDemo() {
        demo.close();
    }

    private Path run() throws IOException {
        return run("""
                    executor: constant-vus
                    vus: 8
                    duration: 3s
                """);
    }

    private Path run(String executor) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: diagnose-me
                baseUrl: ${ENV:BASE_URL}
                scenarios:
                  api:
                %s
                    flow:
                      - get: /products?limit=5
                        name: products
                """.formatted(executor.stripTrailing()));
        Path json = dir.resolve("summary.json");
        CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--json", json.toString(), "--quiet");
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
        // 10 % of 300-450 requests: p95 lands on the spikes (p99 needs 1000 requests to be judged).
        demo.faults().setLatencySpikes(0.10, 300);
        Path summary = run();
        CliRun diagnose = CliRun.of("diagnose", summary.toString());
        System.out.println(diagnose.out());
        Finding tail = Diagnosis.of(JsonSummary.read(summary)).stream()
                .filter(f -> f.rule() == Rule.TAIL_LATENCY).findFirst().orElseThrow();
        assertThat(tail.severity()).as(diagnose.out()).isEqualTo(Severity.BAD);
        assertThat(diagnose.out()).contains("[bad] Tail latency");
    }

    @Test
    void theStallSwitchUnderAnArrivalRateGivesABadTail() throws IOException {
        // Open model: requests keep arriving during the 400 ms pauses and queue, as real users would.
        demo.faults().setStall(1000, 400);
        Path summary = run("""
                    executor: constant-arrival-rate
                    rate: 100
                    timeUnit: 1s
                    duration: 3s
                    preAllocatedVUs: 10
                    maxVUs: 60
                """);
        CliRun diagnose = CliRun.of("diagnose", summary.toString());
        System.out.println(diagnose.out());
        Finding tail = Diagnosis.of(JsonSummary.read(summary)).stream()
                .filter(f -> f.rule() == Rule.TAIL_LATENCY).findFirst().orElseThrow();
        assertThat(tail.severity()).as(diagnose.out()).isIn(Severity.WARNING, Severity.BAD);
        assertThat(tail.evidence()).as(diagnose.out()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("p95");
            assertThat(e.value()).isGreaterThan(200.0);
        });
    }

    @Test
    void tooFewVusForTheArrivalRateIsAVuShortageNotTheGenerator() throws IOException {
        // Two VUs of 50 ms can start at most 40 iterations a second; 150 are scheduled.
        Path summary = run("""
                    executor: constant-arrival-rate
                    rate: 150
                    timeUnit: 1s
                    duration: 2s
                    preAllocatedVUs: 2
                    maxVUs: 2
                """);
        CliRun diagnose = CliRun.of("diagnose", summary.toString());
        System.out.println(diagnose.out());
        RunResult result = JsonSummary.read(summary);
        List<Finding> findings = Diagnosis.of(result);
        // the plan's maxVUs against the target, on time: Little's law's warning, in the self-check's own words
        Finding shortage = findings.stream().filter(f -> f.rule() == Rule.LITTLES_LAW).findFirst().orElseThrow();
        assertThat(shortage.severity()).as(diagnose.out()).isEqualTo(Severity.WARNING);
        assertThat(shortage.title()).isEqualTo(result.generatorHealth().vuShortages().getFirst().message())
                .contains("every VU up to maxVUs was busy", "maxVUs is 2: raise maxVUs");
        // the generator is blamed only for what it dropped behind its schedule (none on a calm machine)
        assertThat(findings).filteredOn(f -> f.rule() == Rule.GENERATOR_OVERLOAD && f.title().contains("dropped"))
                .allSatisfy(f -> assertThat(f.title()).contains(result.generatorHealth().droppedBehindSchedule() + " iterations"));
    }

    @Test
    void theHtmlReportShowsTheFindings() throws IOException {
        demo.faults().setErrorRate(0.10);
        Path summary = run();
        Path html = dir.resolve("report.html");
        CliRun report = CliRun.of("report", summary.toString(), "--html", html.toString());
        assertThat(report.exitCode()).as(report.toString()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("<li class=\"critical\"><b>Error rate", "HTTP 500 (100 %)", "Next: ")
                .doesNotContain("id=\"no-findings\"");
    }
}
