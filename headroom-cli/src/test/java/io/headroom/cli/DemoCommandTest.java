package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code headroom demo} end to end, shortened with the plan's own knobs. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoPrintsTheSummaryAndWritesSummaryJsonWhereItSays() throws Exception {
        Path out = dir.resolve("results");
        CliRun run = CliRun.of("demo", "--out", out.toString(), "--quiet",
                "-e", "DEMO_DURATION=3s", "-e", "DEMO_HOLD=1s", "-e", "DEMO_RATE=20");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Demo shop started on http://127.0.0.1:", "http_req_duration", "checks",
                "Results are in " + out.toAbsolutePath().normalize());
        Path summary = out.resolve("summary.json");
        assertThat(summary).exists();
        RunResult result = JsonSummary.read(summary);
        assertThat(result.info().scenarios()).extracting(RunResult -> RunResult.name())
                .containsExactlyInAnyOrder("browsers", "shoppers");
        assertThat(Files.size(summary)).isPositive();
        Path report = out.resolve("report.html");
        assertThat(Files.readString(report)).startsWith("<!DOCTYPE html>").contains("demo-quickstart");
        assertThat(run.out()).contains("Open the report: " + report.toAbsolutePath().normalize().toUri());
    }
}
