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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The fixed small heap of {@link DemoChild#start}, with attach refused: --monitor-pid sees resident memory only. */
    private static final List<String> NO_ATTACH = List.of("-Xms64m", "-Xmx512m", "-Xmn8m", "-XX:+UseSerialGC",
            "-XX:+DisableAttachMechanism");

    @Test
    void secondsOfResidentMemoryAloneAreTooShortToJudgeLeakyOrHealthy() throws Exception {
        CliRun leaky;
        try (DemoChild demo = DemoChild.startWith(NO_ATTACH, "--leak-kb-per-request", "128")) {
            leaky = run(demo, plan("/products/1", 50, "8s"), "--monitor-pid", Long.toString(demo.pid()));
        }
        String leakyHtml = Files.readString(dir.resolve("report.html"));
        CliRun healthy;
        try (DemoChild demo = DemoChild.startWith(NO_ATTACH)) {
            healthy = run(demo, plan("/products/1", 50, "8s"), "--monitor-pid", Long.toString(demo.pid()));
        }

        assertThat(leaky.exitCode()).as(leaky.toString()).isZero();
        // Eight seconds of resident memory alone judge nothing (issue 21: "+63,709 MB/hour" from 2 s): too short, and why
        // the heap was not read. Over minutes the same climb is weak evidence (TargetDiagnosisTest).
        assertThat(leaky.out()).as(leaky.toString()).contains("Memory growth: too short to judge")
                .doesNotContain("MB/hour").doesNotContain("Possible leak").doesNotContain("Leak check inconclusive");
        assertThat(leaky.err()).contains("heap after GC not sampled: could not attach:");
        assertThat(leakyHtml).contains("Memory growth: too short to judge", "Heap after GC not sampled: could not attach: ");
        assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
        // Eight seconds of a healthy target: no leak, and no verdict of "no growth" either.
        assertThat(healthy.out()).as(healthy.toString()).doesNotContain("Possible leak", "No steady memory growth")
                .contains("Memory growth: too short to judge");
    }

    @Test
    void monitorPidOnAJvmReadsItsHeapAfterGcOverJmxSoTheLeakCheckIsOnTheHeap() throws Exception {
        CliRun leaky;
        // A 64 MB heap with a 1 MB young generation: 32 KiB kept per request fills it every ~30 requests, so
        // collections come every second even when the loaded machine serves fewer requests than planned.
        List<String> smallHeap = List.of("-Xms64m", "-Xmx64m", "-Xmn1m", "-XX:+UseSerialGC");
        try (DemoChild demo = DemoChild.startWith(smallHeap, "--leak-kb-per-request", "32")) {
            leaky = run(demo, plan("/products/1", 50, "8s"), "--monitor-pid", Long.toString(demo.pid()));
            assertThat(leaky.exitCode()).as(leaky.toString()).isZero();
            String html = Files.readString(dir.resolve("report.html"));
            assertThat(html).contains("Heap after GC read over JMX from the monitored JVM (pid " + demo.pid());
        }

        // Polled once a second: up to a point a second of the run.
        Matcher m = Pattern.compile("Leak check inconclusive: (\\d+) collections over \\d+ s of heap after GC")
                .matcher(leaky.out());
        assertThat(m.find()).as(leaky.toString()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("heap-after-GC points").isGreaterThanOrEqualTo(3);
        assertThat(leaky.out()).doesNotContain("Resident memory grew").doesNotContain("No steady memory growth");
        assertThat(leaky.err()).doesNotContain("heap after GC not sampled");
    }

    @Test
    void monitorPidOnAProcessThatIsNoJvmFallsBackToResidentMemoryAndSaysWhy() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        CliRun run;
        try (DemoChild demo = DemoChild.start()) {
            run = run(demo, plan("/products/1", 20, "3s"), "--monitor-pid", Long.toString(sleep.pid()));
            assertThat(sleep.isAlive()).as("not signalled: SIGQUIT would have ended it").isTrue();
        } finally {
            sleep.destroyForcibly();
        }

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).contains("Memory growth: too short to judge")
                .doesNotContain("Leak check inconclusive").doesNotContain("Possible leak");
        assertThat(run.err()).contains("heap after GC not sampled: could not attach: pid " + sleep.pid()
                + " is not a Java process").doesNotContain("Exception");
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("Heap after GC not sampled: could not attach: pid " + sleep.pid() + " is not a Java process");
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
