package io.headroom.analysis.diagnose;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.target.TargetSeries;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

class TargetDiagnosisTest {

    private static RunResult run(int seconds, IntToDoubleFunction cpuPercent, IntToDoubleFunction rssBytes) {
        List<IntervalPoint> points = new ArrayList<>();
        for (int i = 1; i <= seconds; i++) {
            points.add(new IntervalPoint(i * 1000L, List.of(
                    gauge(TargetSeries.CPU, cpuPercent.applyAsDouble(i)),
                    gauge(TargetSeries.RSS, rssBytes.applyAsDouble(i)))));
        }
        RunInfo info = new RunInfo("t", Instant.EPOCH, Duration.ofSeconds(seconds), List.of(), Map.of());
        return new RunResult(info, RunOutcome.COMPLETED, List.of(), List.of(), List.of(), points);
    }

    private static IntervalPoint.Series gauge(String metric, double value) {
        return new IntervalPoint.Series(metric, MetricKind.GAUGE, Tags.empty(), 0, 0, value, value, 0, 0, 0, value);
    }

    private static Finding titled(List<Finding> findings, String prefix) {
        return findings.stream().filter(f -> f.title().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + prefix + " in " + findings));
    }

    @Test
    void cpuAtPeakIsHealthyUnder70WarningTo85AndBadAbove() {
        IntToDoubleFunction flat = i -> 100e6;
        assertThat(titled(TargetDiagnosis.of(run(5, i -> i == 3 ? 69 : 10, flat), 2, null, null), "Target CPU").severity())
                .isEqualTo(Severity.INFO);
        assertThat(titled(TargetDiagnosis.of(run(5, i -> i == 3 ? 80 : 10, flat), 2, null, null), "Target CPU").severity())
                .isEqualTo(Severity.WARNING);
        Finding bad = titled(TargetDiagnosis.of(run(5, i -> i == 3 ? 92 : 10, flat), 2, null, null), "Target CPU");
        assertThat(bad.severity()).isEqualTo(Severity.BAD);
        assertThat(bad.title()).isEqualTo("Target CPU at peak: 92 % (saturated, above 85 %: the target's CPU is the likely bottleneck)");
    }

    @Test
    void aSteadyClimbOfResidentMemoryAloneIsWeakEvidenceAndSaysSo() {
        // +1 MiB per second = +3600 MB/hour, exactly on the line, over 15 minutes: still no heap observed.
        List<Finding> soak = TargetDiagnosis.of(run(900, i -> 10, i -> 50 * 1048576.0 + i * 1048576.0), 2, null, null);

        Finding grew = titled(soak, "Resident memory grew");
        assertThat(grew.severity()).isEqualTo(Severity.INFO);
        assertThat(grew.title()).isEqualTo("Resident memory grew: +3600 MB/hour, R² 1.00; heap after GC not observed");
        assertThat(grew.detail()).contains("Weak evidence", "--profile-pid");
        assertThat(soak).extracting(Finding::title).noneMatch(t -> t.startsWith("Possible leak"));
    }

    /**
     * Heap used after GC as a collector makes it, one collection every {@code every} seconds over {@code seconds}:
     * young collections leave early-promoted objects behind (+{@code promotedPerGc} each) until an old collection
     * every {@code oldEvery} seconds brings the heap back to its live set, which grows by {@code leakPerSecond}.
     */
    static ProfileReport.HeapAfterGc heap(int seconds, int every, int oldEvery, double promotedPerGc, double leakPerSecond) {
        List<ProfileReport.HeapPoint> points = new ArrayList<>();
        double live = 40 * 1048576.0;
        for (int t = every; t <= seconds; t += every) {
            int sinceOld = t % oldEvery;
            double used = live + leakPerSecond * t + promotedPerGc * (sinceOld / every);
            points.add(new ProfileReport.HeapPoint(t, Math.round(used)));
        }
        return new ProfileReport.HeapAfterGc(points.size(), 256 * 1048576L, points);
    }

    static ProfileReport profileWith(ProfileReport.HeapAfterGc heap) {
        return new ProfileReport(new ProfileReport.RecordingInfo("", 0, "", "", 0, "", 0),
                new ProfileReport.CpuProfile(0, 0, new ProfileReport.ProcessCpu(0, 0, 0, 0, 0), List.of(), List.of()),
                new ProfileReport.AllocationProfile(0, 0, List.of(), List.of()),
                new ProfileReport.GcProfile("", 0, 0, 0, 0, 0, List.of()),
                new ProfileReport.LockProfile(List.of(), List.of()), ProfileReport.WallClockProfile.EMPTY,
                ProfileReport.IoProfile.EMPTY, heap, List.of(), List.of());
    }

    /** The healthy demo's shape: resident memory climbing (+14.9 GB/hour) while the heap expands, no leak in it. */
    private static final IntToDoubleFunction RSS_OF_AN_EXPANDING_HEAP = i -> 200e6 + i * 4.3e6;

    @Test
    void aClimbingFloorOfTheHeapAfterGcIsAPossibleLeakWarning() {
        // 100 KiB per second that no collection frees, under a young-collection sawtooth of 2 MiB steps.
        ProfileReport target = profileWith(heap(600, 2, 60, 2 * 1048576.0, 100 * 1024.0));

        List<Finding> findings = TargetDiagnosis.of(run(600, i -> 10, RSS_OF_AN_EXPANDING_HEAP), 2, target, null);

        Finding leak = titled(findings, "Possible leak");
        assertThat(leak.severity()).isEqualTo(Severity.WARNING);
        assertThat(leak.title()).isEqualTo("Possible leak: heap after GC +352 MB/hour, R² 1.00");
        assertThat(leak.detail()).contains("lowest heap used after GC in each fifth", "300 collections", "jcmd PID GC.heap_dump");
    }

    @Test
    void residentMemoryGrowingWhileTheHeapAfterGcReturnsToItsFloorIsNoLeak() {
        // The heap after young collections climbs (promotion) but every old collection takes it back: no leak.
        ProfileReport target = profileWith(heap(600, 2, 60, 2 * 1048576.0, 0));

        List<Finding> findings = TargetDiagnosis.of(run(600, i -> 10, RSS_OF_AN_EXPANDING_HEAP), 2, target, null);

        assertThat(findings).extracting(Finding::title).noneMatch(t -> t.startsWith("Possible leak"))
                .noneMatch(t -> t.startsWith("Resident memory grew"));
        Finding none = titled(findings, "No steady heap growth after GC");
        assertThat(none.severity()).isEqualTo(Severity.INFO);
        assertThat(none.detail()).contains("+0 MB/hour", "Meanwhile resident memory +14", "not used: it grows while a heap expands");
    }

    @Test
    void tooFewCollectionsOrTooShortASpanIsInconclusiveUnlessTheCheckAsksForLess() {
        // A real leak, but 30 s of it: 15 collections over 28 s.
        ProfileReport shortLeak = profileWith(heap(30, 2, 10, 2 * 1048576.0, 1024 * 1024.0));
        RunResult run = run(30, i -> 10, i -> 100e6 + i * 1e6);

        Finding inconclusive = titled(TargetDiagnosis.of(run, 2, shortLeak, null), "Leak check inconclusive");
        List<Finding> lenient = TargetDiagnosis.of(run, 2, shortLeak, null, new LeakCheck(10, 20));
        List<Finding> tooFew = TargetDiagnosis.of(run, 2, shortLeak, null, new LeakCheck(20, 20));

        assertThat(inconclusive.severity()).isEqualTo(Severity.INFO);
        assertThat(inconclusive.title()).isEqualTo("Leak check inconclusive: 15 collections over 28 s of heap after GC");
        assertThat(inconclusive.detail()).contains("at least 10 collections over at least 300 s");
        assertThat(titled(lenient, "Possible leak").severity()).isEqualTo(Severity.WARNING);
        assertThat(tooFew).extracting(Finding::title).anyMatch(t -> t.startsWith("Leak check inconclusive"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new LeakCheck(4, 10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortRunIsTooShortToJudgeAndNoSentenceOfNoGrowthCarriesAnHourlyRate() {
        // 20 s of memory that wobbles upward (the "No steady memory growth: +45,110 MB/hour"): too short.
        List<Finding> shortRun = TargetDiagnosis.of(run(20, i -> 10, i -> 100e6 + i * 2e6 + (i % 2 == 0 ? 9e6 : -9e6)), 2, null, null);
        Finding tooShort = titled(shortRun, "Memory growth: too short to judge");
        assertThat(tooShort.title()).isEqualTo("Memory growth: too short to judge (15 s of resident memory)");
        assertThat(tooShort.detail()).contains("at least 300 s", "MB over 15 s").doesNotContain("MB/hour");
        assertThat(shortRun).extracting(Finding::title).noneMatch(t -> t.startsWith("No steady memory growth"));
        // The same wobble over 400 s: judged, and its sentence says what the samples did, not an hourly rate.
        Finding judged = titled(TargetDiagnosis.of(run(400, i -> 10, i -> 100e6 + (i % 2 == 0 ? 9e6 : -9e6)), 2, null, null),
                "No steady memory growth");
        assertThat(judged.detail()).contains("the samples follow no line").doesNotContain("MB/hour", "too short");
    }

    @Test
    void noisyOrSmallGrowthIsNoLeak() {
        // Alternating up and down around a level: slope close to zero, poor fit.
        List<Finding> noisy = TargetDiagnosis.of(run(400, i -> 10, i -> 100e6 + (i % 2 == 0 ? 5e6 : -5e6)), 2, null, null);
        // Steady but tiny compared with the level.
        List<Finding> small = TargetDiagnosis.of(run(20, i -> 10, i -> 500e6 + i * 10_000.0), 2, null, null);
        // On the heap: a floor that wobbles by 1 % is no leak either.
        ProfileReport wobbly = profileWith(new ProfileReport.HeapAfterGc(400, 0, java.util.stream.IntStream.range(0, 400)
                .mapToObj(i -> new ProfileReport.HeapPoint(i, (long) (100e6 + (i % 7) * 1e6))).toList()));

        assertThat(noisy).extracting(Finding::title).noneMatch(t -> t.startsWith("Possible leak"))
                .noneMatch(t -> t.startsWith("Resident memory grew")).contains("No steady memory growth");
        assertThat(small).extracting(Finding::title).noneMatch(t -> t.startsWith("Possible leak"))
                .noneMatch(t -> t.startsWith("Resident memory grew"));
        assertThat(TargetDiagnosis.of(run(400, i -> 10, i -> 100e6), 2, wobbly, null)).extracting(Finding::title)
                .contains("No steady heap growth after GC").noneMatch(t -> t.startsWith("Possible leak"));
    }

    @Test
    void leastSquaresFitMatchesAHandComputedLine() {
        MemoryGrowth fit = MemoryGrowth.fit(List.of(new TargetSeries.Point(0, 1), new TargetSeries.Point(1, 3),
                new TargetSeries.Point(2, 2), new TargetSeries.Point(3, 4)));

        // x̄ = 1.5, ȳ = 2.5, Sxy = 4, Sxx = 5, Syy = 5: slope 0.8, R² = 4² / 25 = 0.64.
        assertThat(fit.slopeBytesPerSecond()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fit.rSquared()).isCloseTo(0.64, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(MemoryGrowth.fit(List.of(new TargetSeries.Point(0, 1), new TargetSeries.Point(1, 2)))).isNull();
    }

    @Test
    void problemsMetWhileWatchingComeFirstAsWarnings() {
        var observed = new io.headroom.profiler.target.ObservedTarget(42L, 2, null,
                new io.headroom.profiler.target.SteadyWindow(Duration.ofSeconds(1), Duration.ofSeconds(4)), null, null,
                List.of(new io.headroom.profiler.target.ObservedTarget.Problem("Target was not profiled", "attach refused")),
                List.of());

        List<Finding> findings = TargetDiagnosis.of(run(5, i -> 10, i -> 100e6), observed);

        assertThat(findings.get(0)).isEqualTo(Finding.described(Rule.TARGET_OBSERVATION, Severity.WARNING,
                "Target was not profiled", "attach refused"));
        assertThat(findings).extracting(Finding::rule).startsWith(Rule.TARGET_OBSERVATION, Rule.TARGET_CPU, Rule.TARGET_MEMORY);
    }

    private static io.headroom.profiler.target.ObservedTarget monitoredOnly(ProfileReport.HeapAfterGc heap, String heapProblem) {
        return new io.headroom.profiler.target.ObservedTarget(42L, 2, null,
                new io.headroom.profiler.target.SteadyWindow(Duration.ofSeconds(60), Duration.ofSeconds(570)), null, null,
                List.of(), List.of(), heap, heapProblem);
    }

    @Test
    void theHeapOfAMonitoredJvmReadOverJmxIsJudgedLikeAProfilesHeap() {
        var leaking = monitoredOnly(heap(600, 2, 60, 2 * 1048576.0, 100 * 1024.0), null);
        var healthy = monitoredOnly(heap(600, 2, 60, 2 * 1048576.0, 0), null);

        Finding leak = titled(TargetDiagnosis.of(run(600, i -> 10, RSS_OF_AN_EXPANDING_HEAP), leaking), "Possible leak");
        List<Finding> none = TargetDiagnosis.of(run(600, i -> 10, RSS_OF_AN_EXPANDING_HEAP), healthy);

        assertThat(leak.severity()).isEqualTo(Severity.WARNING);
        assertThat(leak.title()).isEqualTo("Possible leak: heap after GC +352 MB/hour, R² 1.00");
        assertThat(leak.detail()).contains("Heap after GC read over JMX from the monitored JVM (pid 42, --monitor-pid)");
        assertThat(none).extracting(Finding::title).contains("No steady heap growth after GC")
                .noneMatch(t -> t.startsWith("Possible leak")).noneMatch(t -> t.startsWith("Resident memory grew"));
    }

    @Test
    void aShortJmxSeriesIsInconclusiveWithoutAskingForProfiling() {
        Finding inconclusive = titled(TargetDiagnosis.of(run(30, i -> 10, i -> 100e6 + i * 1e6),
                monitoredOnly(heap(30, 2, 10, 2 * 1048576.0, 1024 * 1024.0), null)), "Leak check inconclusive");

        assertThat(inconclusive.title()).isEqualTo("Leak check inconclusive: 15 collections over 28 s of heap after GC");
        assertThat(inconclusive.detail()).contains("over at least 300 s of the run;", "Run longer (a soak run).",
                "read over JMX").doesNotContain("--profile-pid.");
    }

    @Test
    void withoutTheMonitoredHeapResidentMemoryStaysWeakEvidenceAndSaysWhy() {
        var notAJvm = monitoredOnly(null, "could not attach: pid 42 is not a Java process");

        Finding grew = titled(TargetDiagnosis.of(run(600, i -> 10, RSS_OF_AN_EXPANDING_HEAP), notAJvm), "Resident memory grew");
        Finding flat = titled(TargetDiagnosis.of(run(400, i -> 10, i -> 100e6), notAJvm), "No steady memory growth");

        assertThat(grew.severity()).isEqualTo(Severity.INFO);
        assertThat(grew.detail()).contains("Weak evidence of a leak",
                "Heap after GC not sampled: could not attach: pid 42 is not a Java process.");
        assertThat(flat.detail()).endsWith("Heap after GC not sampled: could not attach: pid 42 is not a Java process.");
    }

    @Test
    void aProfilesHeapAfterGcWinsOverTheMonitoredOne() {
        ProfileReport flatProfile = profileWith(heap(600, 2, 60, 2 * 1048576.0, 0));
        var leakingOverJmx = new TargetDiagnosis.HeapSource(heap(600, 2, 60, 2 * 1048576.0, 100 * 1024.0), 42L, null);
        ProfileReport emptyProfile = profileWith(ProfileReport.HeapAfterGc.EMPTY);

        List<Finding> both = TargetDiagnosis.of(run(600, i -> 10, RSS_OF_AN_EXPANDING_HEAP), 2, flatProfile, null,
                LeakCheck.DEFAULT, leakingOverJmx);
        List<Finding> recordingSawNoGc = TargetDiagnosis.of(run(600, i -> 10, RSS_OF_AN_EXPANDING_HEAP), 2, emptyProfile,
                null, LeakCheck.DEFAULT, leakingOverJmx);

        assertThat(titled(both, "No steady heap growth after GC").detail()).doesNotContain("JMX");
        assertThat(titled(recordingSawNoGc, "Possible leak").detail()).contains("read over JMX");
    }
}
