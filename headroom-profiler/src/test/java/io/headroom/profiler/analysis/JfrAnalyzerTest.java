package io.headroom.profiler.analysis;

import io.headroom.profiler.Golden;
import io.headroom.profiler.analysis.ProfileReport.AllocationEntry;
import io.headroom.profiler.analysis.ProfileReport.ContendedMonitor;
import io.headroom.profiler.analysis.ProfileReport.HotMethod;
import io.headroom.profiler.analysis.ProfileReport.ParkSite;
import io.headroom.profiler.analysis.ProfileReport.ThreadCpu;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Analysis of the checked-in recording of {@link io.headroom.profiler.FixtureProgram}. */
class JfrAnalyzerTest {
    private static final String FIXTURE = "io.headroom.profiler.FixtureProgram.";
    private static Profile profile;

    @BeforeAll
    static void analyseFixture() throws IOException {
        profile = JfrAnalyzer.analyse(Golden.fixtureRecording());
    }

    @Test
    void collapsedStacksOfTheFixedRecordingMatchTheGoldenFile() throws IOException {
        Golden.assertMatches("fixture.collapsed", profile.cpuStacks().toText());
    }

    @Test
    void reportJsonOfTheFixedRecordingMatchesTheGoldenFile() throws IOException {
        Golden.assertMatches("fixture.profile.json", ProfileJson.toJson(profile.report()));
    }

    @Test
    void terminalSummaryOfTheFixedRecordingMatchesTheGoldenFile() throws IOException {
        Golden.assertMatches("fixture.summary.txt", ProfileSummary.render(profile.report()));
    }

    @Test
    void collapsedStacksRunFromTheThreadRootToTheSampledMethod() {
        assertThat(profile.cpuStacks().toText().lines())
                .anyMatch(line -> line.matches("java\\.lang\\.Thread\\.run;.*" + FIXTURE.replace(".", "\\.")
                        + "cpuWork;" + FIXTURE.replace(".", "\\.") + "sumOfSquares \\d+"));
        assertThat(profile.cpuStacks().totalSamples()).isEqualTo(profile.report().cpu().sampleCount());
    }

    @Test
    void hotMethodsNameTheFixtureCpuWorkAndCountSelfBelowTotal() {
        var cpu = profile.report().cpu();
        assertThat(cpu.topSelf()).extracting(HotMethod::method).contains(FIXTURE + "sumOfSquares");
        assertThat(cpu.topTotal().get(0).totalSamples()).isGreaterThanOrEqualTo(cpu.topSelf().get(0).selfSamples());
        assertThat(cpu.topTotal()).extracting(HotMethod::method).contains(FIXTURE + "cpuWork");
        HotMethod cpuWork = cpu.topTotal().stream().filter(m -> m.method().equals(FIXTURE + "cpuWork")).findFirst().orElseThrow();
        assertThat(cpuWork.totalSamples()).isGreaterThan(cpuWork.selfSamples());
        for (HotMethod m : cpu.topSelf()) {
            assertThat(m.selfSamples()).isLessThanOrEqualTo(m.totalSamples());
            assertThat(m.selfPercent()).isBetween(0.0, 100.0);
        }
        assertThat(cpu.topSelf()).isSortedAccordingTo((a, b) -> Long.compare(b.selfSamples(), a.selfSamples()));
        assertThat(cpu.topTotal()).isSortedAccordingTo((a, b) -> Long.compare(b.totalSamples(), a.totalSamples()));
    }

    @Test
    void allocationNamesArraysAsJavaTypesAndSitesAsMethods() {
        var allocation = profile.report().allocation();
        assertThat(allocation.sampleCount()).isPositive();
        assertThat(allocation.topTypes()).extracting(AllocationEntry::name).contains("byte[]").noneMatch(n -> n.startsWith("["));
        assertThat(allocation.topSites()).extracting(AllocationEntry::name).contains(FIXTURE + "allocate");
        long typeWeights = allocation.topTypes().stream().mapToLong(AllocationEntry::weightBytes).sum();
        assertThat(typeWeights).isLessThanOrEqualTo(allocation.totalWeightBytes()).isPositive();
        assertThat(allocation.topTypes()).isSortedAccordingTo((a, b) -> Long.compare(b.weightBytes(), a.weightBytes()));
    }

    @Test
    void gcPausesComeWithCollectorAndOrderedPercentiles() {
        var gc = profile.report().gc();
        assertThat(gc.collector()).isEqualTo("G1New + G1Old");
        assertThat(gc.pauseCount()).isPositive();
        assertThat(gc.p50PauseMillis()).isPositive().isLessThanOrEqualTo(gc.p99PauseMillis());
        assertThat(gc.p99PauseMillis()).isLessThanOrEqualTo(gc.maxPauseMillis());
        assertThat(gc.maxPauseMillis()).isLessThanOrEqualTo(gc.totalPauseMillis());
        assertThat(gc.byName()).isNotEmpty();
        assertThat(gc.byName().stream().mapToLong(ProfileReport.GcPauses::count).sum()).isEqualTo(gc.pauseCount());
    }

    @Test
    void contendedMonitorAndParkSiteAreTheFixturesOwn() {
        var locks = profile.report().locks();
        assertThat(locks.topMonitors()).extracting(ContendedMonitor::monitorClass)
                .contains("io.headroom.profiler.FixtureProgram$SharedLock");
        ContendedMonitor shared = locks.topMonitors().get(0);
        assertThat(shared.topSite()).isEqualTo(FIXTURE + "holdLock");
        // 10 ms is the recording's threshold: every recorded wait is at least that long.
        assertThat(shared.totalBlockedMillis()).isGreaterThanOrEqualTo(10.0 * shared.count());
        assertThat(locks.topParkSites()).extracting(ParkSite::site)
                .contains("java.util.concurrent.LinkedBlockingQueue.poll")
                .noneMatch(site -> site.startsWith("jdk.internal.misc.Unsafe") || site.startsWith("java.util.concurrent.locks."));
    }

    @Test
    void threadsAreListedWithCpuAndSamples() {
        var threads = profile.report().threads();
        assertThat(threads).extracting(ThreadCpu::threadName).contains("fixture-cpu", "fixture-alloc");
        ThreadCpu cpu = threads.stream().filter(t -> t.threadName().equals("fixture-cpu")).findFirst().orElseThrow();
        assertThat(cpu.executionSamples()).isPositive();
        assertThat(cpu.cpuLoadSamples()).isPositive();
        assertThat(cpu.averageUserPercent() + cpu.averageSystemPercent()).isPositive().isLessThanOrEqualTo(100.0);
    }

    @Test
    void recordingInfoNamesTheJvmAndTheProgram() {
        var info = profile.report().recording();
        assertThat(info.javaArguments()).contains("io.headroom.profiler.FixtureProgram");
        assertThat(info.jvmName()).isNotEmpty();
        assertThat(info.pid()).isPositive();
        assertThat(info.durationMillis()).isBetween(2_000L, 10_000L);
        assertThat(info.eventCount()).isGreaterThan(profile.report().cpu().sampleCount());
    }

    @Test
    void reportsAMissingFileAndAFileThatIsNotARecording(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> JfrAnalyzer.analyse(dir.resolve("absent.jfr"))).isInstanceOf(NoSuchFileException.class);
        Path text = Files.writeString(dir.resolve("notes.jfr"), "not a recording");
        assertThatThrownBy(() -> JfrAnalyzer.analyse(text)).isInstanceOf(IOException.class);
    }
}
