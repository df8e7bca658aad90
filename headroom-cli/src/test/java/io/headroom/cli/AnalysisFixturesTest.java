package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.analysis.diagnose.Diagnosis;
import io.headroom.analysis.diagnose.Finding;
import io.headroom.analysis.diagnose.Rule;
import io.headroom.analysis.diagnose.Severity;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's cases replayed through the real command line on recorded summaries of fault-injected demo runs
 * ({@code src/test/resources/fixtures/analysis/}, written by {@link AnalysisFixtureRecorder}): compare, diagnose and
 * capacity must give the right answer on each, and stay quiet where the premise does not hold.
 */
class AnalysisFixturesTest {
    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(AnalysisFixturesTest.class.getResource("/fixtures/analysis/" + name + ".json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void comparingWithAnInvalidRunWarnsInEveryOutputAndExits98NotRegression99() throws IOException {
        Path markdown = dir.resolve("diff.md");
        CliRun compare = CliRun.of("compare", fixture("steady-a").toString(), fixture("starved-slow").toString(),
                "--markdown", markdown.toString());
        assertThat(compare.exitCode()).as(compare.toString()).isEqualTo(98);
        assertThat(compare.out()).startsWith("WARNING: starved-slow.json is an INVALID RUN")
                .contains("iterations were dropped", "INVALID RUN: starved-slow.json is invalid");
        assertThat(Files.readString(markdown)).contains("> **WARNING:** starved-slow.json is an INVALID RUN", "**INVALID RUN: ");

        CliRun json = CliRun.of("compare", fixture("steady-a").toString(), fixture("starved-slow").toString(), "--json");
        assertThat(json.exitCode()).isEqualTo(98);
        JsonNode node = new ObjectMapper().readTree(json.out());
        assertThat(node.get("invalidRun").booleanValue()).isTrue();
        assertThat(node.get("invalid").get("after").get(0).textValue()).contains("iterations were dropped");
        assertThat(node.get("verdict").textValue()).startsWith("INVALID RUN: ");
        assertThat(json.err()).contains("headroom: WARNING: starved-slow.json is an INVALID RUN");

        // Accepted on purpose, the invalid run's regression gates again (the slower shop is a regression), still warned.
        CliRun accepted = CliRun.of("compare", fixture("steady-a").toString(), fixture("starved-slow").toString(),
                "--accept-invalid-run");
        assertThat(accepted.exitCode()).as(accepted.toString()).isEqualTo(99);
        assertThat(accepted.out()).contains("WARNING: starved-slow.json is an INVALID RUN", "REGRESSION: ");
    }

    @Test
    void twoValidRunsOfOnePlanHaveNoWarningAndNoInvalidExit() {
        CliRun compare = CliRun.of("compare", fixture("steady-a").toString(), fixture("steady-b").toString());
        assertThat(compare.exitCode()).as(compare.toString()).isIn(0, 99).isNotEqualTo(98);
        assertThat(compare.out()).doesNotContain("WARNING").doesNotContain("INVALID")
                .contains("Methods:", "bootstrap of log(after/before)");
    }

    @Test
    void summariesOfDifferentPlansAreRefusedUnlessAllowed() {
        CliRun refused = CliRun.of("compare", fixture("steady-a").toString(), fixture("other-plan").toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("are summaries of different plans", "\"compare-me\" (api: constant-arrival-rate)",
                "\"checkout-flow\" (checkout: constant-vus)", "--allow-different-plans").doesNotContain("\tat ");
        assertThat(refused.out()).isEmpty();

        CliRun allowed = CliRun.of("compare", fixture("steady-a").toString(), fixture("other-plan").toString(),
                "--allow-different-plans");
        assertThat(allowed.exitCode()).as(allowed.toString()).isIn(0, 99);
        assertThat(allowed.out()).startsWith("WARNING: different plans: before ran plan \"compare-me\"");
    }

    @Test
    void aSummaryComparedWithItselfHasNoPercentileIntervalBelowMinus100Percent() throws IOException {
        CliRun json = CliRun.of("compare", fixture("starved-slow").toString(), fixture("starved-slow").toString(), "--json",
                "--accept-invalid-run");
        JsonNode node = new ObjectMapper().readTree(json.out());
        for (JsonNode change : node.get("changes")) {
            if (!change.get("method").textValue().equals("bootstrap-log-ratio")) continue;
            double before = change.get("before").doubleValue();
            assertThat(change.get("difference").get("low").doubleValue() / before).as(change.toString()).isGreaterThan(-1);
            assertThat(change.get("regression").booleanValue()).isFalse();
        }
    }

    @Test
    void fortyMillisecondsAddedHalfWayIsADriftNotStability() throws IOException {
        // latency-step: 2 VUs for 24 s, the shop 40 ms slower from the 12th second (per-second p50 ~6 ms → ~46 ms).
        List<Finding> findings = Diagnosis.of(JsonSummary.read(fixture("latency-step")));
        Finding drift = findings.stream().filter(f -> f.rule() == Rule.LATENCY_DRIFT).findFirst().orElseThrow();
        assertThat(drift.severity()).as(drift.toString()).isEqualTo(Severity.BAD);
        assertThat(drift.title()).contains("drifts up", "significant").doesNotContain("stable");
        CliRun diagnose = CliRun.of("diagnose", fixture("latency-step").toString());
        assertThat(diagnose.out()).contains("[bad] Latency drifts up at constant load", "smallest detectable drift");
    }

    @Test
    void anArrivalRateRunHasNoPlateauNoGrowthByVusAndHonestLittleLabels() throws IOException {
        // arrival-rate-stall: ramping-arrival-rate 20 → 100/s, maxVUs 50 in the plan, a shop stalling 300 ms a second.
        List<Finding> findings = Diagnosis.of(JsonSummary.read(fixture("arrival-rate-stall")));
        assertThat(findings).noneMatch(f -> f.rule() == Rule.THROUGHPUT_PLATEAU || f.rule() == Rule.LATENCY_GROWTH);
        CliRun diagnose = CliRun.of("diagnose", fixture("arrival-rate-stall").toString());
        assertThat(diagnose.out()).contains("VUs allocated (peak) 27", "arrival rate ", " it/s").doesNotContain("maxVUs")
                .doesNotContain("capacity reached");
    }

    @Test
    void aRunRecordsItsEnvironmentAndCompareWarnsWhenThePlanWasEdited() throws IOException {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            String text = """
                    name: env
                    baseUrl: ${ENV:BASE_URL}
                    scenarios:
                      api: {executor: constant-vus, vus: 1, duration: 1s, flow: [{get: /health}]}
                    """;
            Files.writeString(plan, text);
            Path before = dir.resolve("before.json"), after = dir.resolve("after.json");
            CliRun first = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(),
                    "--json", before.toString(), "--quiet", "--tag", "version=1.4");
            assertThat(first.exitCode()).as(first.toString()).isZero();
            // The terminal shows the user's tag, not the environment (that is for compare and the files).
            assertThat(first.out()).contains("tag.version").doesNotContain("host.cpus").doesNotContain("plan.hash");
            Files.writeString(plan, text.replace("duration: 1s", "duration: 1s, gracefulStop: 2s"));
            assertThat(CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(),
                    "--json", after.toString(), "--quiet", "--tag", "version=1.5").exitCode()).isZero();
            var metadata = JsonSummary.read(before).info().metadata();
            assertThat(metadata).containsKeys("plan.hash", "headroom.version", "host.cpus", "jvm").containsEntry("tag.version", "1.4");
            assertThat(metadata.get("plan.hash")).hasSize(16);
            CliRun compare = CliRun.of("compare", before.toString(), after.toString());
            assertThat(compare.out()).as(compare.toString()).contains("WARNING: different environment: plan.hash ",
                    "WARNING: different environment: tag.version 1.4 → 1.5").doesNotContain("different plans");
            CliRun badTag = CliRun.of("run", plan.toString(), "--tag", "novalue");
            assertThat(badTag.exitCode()).isEqualTo(2);
            assertThat(badTag.err()).contains("--tag expects NAME=VALUE").doesNotContain("\tat ");
        }
    }
}
