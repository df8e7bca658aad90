package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real command line against the demo shop on loopback, where k6's threshold semantics change an exit code:
 * thresholds on selections without samples, and equality on a trend's exact statistics.
 */
class K6ThresholdParityTest {
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

    private CliRun run(String thresholds, Path json) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: parity
                baseUrl: ${ENV:BASE_URL}
                thresholds:
                %s
                scenarios:
                  shop:
                    executor: per-vu-iterations
                    vus: 1
                    iterations: 1
                    flow:
                      - get: /products?limit=5
                        name: products
                      - metric: {trend: basket_value, value: 70}
                      - metric: {trend: basket_value, value: 80}
                      - metric: {trend: basket_value, value: 90}
                """.formatted(thresholds.indent(2).stripTrailing()));
        return CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(),
                "--json", json.toString(), "--quiet");
    }

    @Test
    void aggregationsK6RejectsAreAnInvalidPlan() throws IOException {
        CliRun run = run("""
                http_req_duration: ["P(95)<500"]
                vus: ["max<10"]
                """, dir.resolve("never.json"));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("plan.yaml:4:24: thresholds.http_req_duration[0]: invalid threshold \"P(95)<500\": "
                        + "aggregation \"P\" must be lower case, as in k6: p(N)")
                .contains("plan.yaml:5:9: thresholds.vus[0]: \"max<10\" does not apply to a gauge metric; use value")
                .doesNotContain("\tat ");
        assertThat(demo.stats().totalRequests()).as("an invalid plan sends nothing").isZero();
    }

    @Test
    void thresholdsOnSubMetricsWithoutSamplesFailTheRunAsInK6() throws IOException {
        Path json = dir.resolve("nodata.json");
        CliRun run = run("""
                http_req_duration{name:nosuch}: ["med>39"]
                http_reqs{name:nosuch}: ["count>0"]
                """, json);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(99);
        assertThat(run.out()).contains("✗ 'med>39' med=0s (no data — no sample matched this selector)")
                .contains("✗ 'count>0' count=0 (no data — no sample matched this selector)");
        RunResult result = JsonSummary.read(json);
        assertThat(result.thresholds()).extracting(ThresholdResult::verdict)
                .containsExactly(new ThresholdVerdict.Crossed(0, true), new ThresholdVerdict.Crossed(0, true));
    }

    @Test
    void subMetricsWithSamplesAndEmptyOnesThatHoldOnZeroPass() throws IOException {
        Path json = dir.resolve("data.json");
        CliRun run = run("""
                http_req_duration{name:products}: ["med>0"]
                http_reqs{name:products}: ["count==1"]
                http_req_duration{name:nosuch}: ["p(95)<500"]
                http_req_failed{name:nosuch}: ["rate>0.5"]
                """, json);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        // the demo's 200s are expected responses: k6's sub-row of http_req_duration is there
        assertThat(run.out()).containsPattern("\n    http_req_duration\\.+: avg=[^\n]+\n      \\{expected_response:true\\}\\.+: avg=");
        RunResult result = JsonSummary.read(json);
        assertThat(result.thresholds()).extracting(t -> t.verdict().noData()).containsExactly(false, false, true, true);
        // a rate without samples has no value to compare: k6 skips it, and so it holds
        assertThat(result.thresholds().getLast().verdict()).isInstanceOf(ThresholdVerdict.NoData.class);
        assertThat(run.out()).contains("'rate>0.5' no data — no sample matched this selector; not evaluated, counts as held");
    }

    @Test
    void equalityHoldsOnATrendsExactStatistics() throws IOException {
        Path json = dir.resolve("exact.json");
        CliRun run = run("""
                basket_value: ["min==70", "max==90", "avg==80", "med==80", "p(90)==88", "p(100)==90"]
                """, json);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("✓ 'avg==80' avg=80");
        assertThat(Files.readString(json)).contains("\"values\": [ 70, 80, 90 ]", "\"sum\": 240");
    }

    @Test
    void equalityThatDoesNotHoldOnExactStatisticsFails() throws IOException {
        CliRun run = run("""
                basket_value: ["avg==80.001", "min==70"]
                """, dir.resolve("inexact.json"));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(99);
        assertThat(run.out()).contains("✗ 'avg==80.001' avg=80").contains("✓ 'min==70' min=70");
    }
}
