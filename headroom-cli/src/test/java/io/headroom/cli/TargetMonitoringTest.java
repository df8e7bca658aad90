package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.profiler.analysis.ProfileJson;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.target.TargetSeries;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --monitor-pid} against the demo shop running in a child JVM. */
class TargetMonitoringTest {
    @TempDir
    Path dir;

    private Path plan(String path, int ratePerSecond, String duration) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: watched
                baseUrl: ${ENV:BASE_URL}
                scenarios:
                  api:
                    executor: constant-arrival-rate
                    rate: %d
                    timeUnit: 1s
                    duration: %s
                    preAllocatedVUs: 10
                    maxVUs: 40
                    flow:
                      - get: %s
                        name: api
                """.formatted(ratePerSecond, duration, path));
        return plan;
    }

    private CliRun run(DemoChild demo, Path plan, String... extra) {
        String[] base = {"run", "--accept-invalid-run", plan.toString(), "-q", "-e", "BASE_URL=" + demo.baseUrl(),
                "--json", dir.resolve("summary.json").toString(), "--html", dir.resolve("report.html").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void monitorPidRecordsTheTargetsCpuAndMemoryEverySecond() throws Exception {
        try (DemoChild demo = DemoChild.start()) {
            CliRun run = run(demo, plan("/compute?n=200", 40, "4s"), "--monitor-pid", Long.toString(demo.pid()));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            RunResult summary = JsonSummary.read(dir.resolve("summary.json"));
            assertThat(summary.series()).extracting(s -> s.metric()).contains(TargetSeries.CPU,
                    TargetSeries.RSS, TargetSeries.THREADS, TargetSeries.OPEN_FILES);
            var cpu = TargetSeries.of(summary, TargetSeries.CPU);
            double peakCpu = cpu.stream().mapToDouble(TargetSeries.Point::value).max().orElse(0);
            double peakRss = TargetSeries.of(summary, TargetSeries.RSS).stream()
                    .mapToDouble(TargetSeries.Point::value).max().orElse(0);
            assertThat(cpu).hasSizeGreaterThanOrEqualTo(3);
            assertThat(peakCpu).as("the demo ranked the catalogue 40 times a second").isGreaterThan(1);
            assertThat(peakRss).isGreaterThan(20 * 1024 * 1024);
            assertThat(run.out()).contains("Target CPU at peak:", "Target memory at peak:");
            String html = Files.readString(dir.resolve("report.html"));
            assertThat(html).contains("<section id=\"target-resources\">", "id=\"target-cpu-chart\"", "Target CPU at peak:");
        }
    }

    @Test
    void aLeakSeenOnlyInResidentMemoryIsWeakEvidenceAndAHealthyRunIsNoLeak() throws Exception {
        CliRun leaky;
        try (DemoChild demo = DemoChild.start("--leak-kb-per-request", "128")) {
            leaky = run(demo, plan("/products/1", 50, "8s"), "--monitor-pid", Long.toString(demo.pid()));
        }
        CliRun healthy;
        try (DemoChild demo = DemoChild.start()) {
            healthy = run(demo, plan("/products/1", 50, "8s"), "--monitor-pid", Long.toString(demo.pid()));
        }

        assertThat(leaky.exitCode()).as(leaky.toString()).isZero();
        assertThat(leaky.out()).as(leaky.toString())
                .containsPattern("Resident memory grew: \\+\\d+ MB/hour, R² (0\\.\\d\\d|1\\.00); heap after GC not observed")
                .doesNotContain("Possible leak");
        assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
        assertThat(healthy.out()).as(healthy.toString()).doesNotContain("Possible leak").contains("No steady memory growth");
    }

    @Test
    void profilingTheTargetCollectsItsHeapAfterGcAndAShortRunIsInconclusive() throws Exception {
        CliRun leaky;
        try (DemoChild demo = DemoChild.start("--leak-kb-per-request", "128")) {
            leaky = run(demo, plan("/products/1", 50, "8s"), "--monitor-pid", Long.toString(demo.pid()),
                    "--profile-pid", Long.toString(demo.pid()));
        }

        assertThat(leaky.exitCode()).as(leaky.toString()).isZero();
        ProfileReport profile = ProfileJson.read(dir.resolve("profile.json"));
        List<ProfileReport.HeapPoint> heap = profile.heapAfterGc().points();
        // 128 KiB kept per request at 50 requests a second: 6 MiB a second that no collection frees.
        assertThat(heap).as(leaky.toString()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(heap.getLast().usedBytes()).as(heap.toString()).isGreaterThan(heap.getFirst().usedBytes() + 4L * 1024 * 1024);
        assertThat(leaky.out()).as(leaky.toString())
                .containsPattern("Leak check inconclusive: \\d+ collections over \\d+ s of heap after GC")
                .doesNotContain("Possible leak").doesNotContain("Resident memory grew");
    }

    @Test
    void monitorPidOfNoProcessIsAUsageError() throws Exception {
        CliRun run = CliRun.of("run", "--accept-invalid-run", plan("/health", 1, "1s").toString(), "-q", "-e", "BASE_URL=http://127.0.0.1:1",
                "--monitor-pid", Integer.toString(Integer.MAX_VALUE));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--monitor-pid: there is no running process with pid " + Integer.MAX_VALUE)
                .doesNotContain("Exception");
    }

    @Test
    void profilePidOfNoProcessIsAUsageError() throws Exception {
        CliRun run = CliRun.of("run", "--accept-invalid-run", plan("/health", 1, "1s").toString(), "-q", "-e", "BASE_URL=http://127.0.0.1:1",
                "--profile-pid", Integer.toString(Integer.MAX_VALUE));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--profile-pid: there is no running process with pid " + Integer.MAX_VALUE)
                .doesNotContain("Exception");
    }
}
