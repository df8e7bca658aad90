package io.headroom.profiler;

import io.headroom.profiler.analysis.Profile;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.analysis.ProfileReport.AllocationEntry;
import io.headroom.profiler.analysis.ProfileReport.GcProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code headroom profile -- java ...}: launch a JVM with recording on. */
class ProfilerLaunchTest {

    @Test
    void analysesGcPausesOfALaunchedJvmThatAllocatesWhenItExits(@TempDir Path dir) throws Exception {
        List<String> command = ChildJvm.command(List.of("-Xmx48m", "-XX:+UseSerialGC"), Allocator.class,
                new Class<?>[] {Allocator.class}, "2");
        Path log = dir.resolve("child.log");
        StringWriter console = new StringWriter();

        Profile profile = Profiler.run(ProfileRequest.of(new ProfileSource.Launch(command, null, Redirect.to(log.toFile()))),
                new PrintWriter(console, true));

        GcProfile gc = profile.report().gc();
        String context = console + "\n" + Files.readString(log);
        assertThat(gc.pauseCount()).as(context).isGreaterThan(3);
        assertThat(gc.collector()).isEqualTo("DefNew + SerialOld");
        assertThat(gc.byName()).extracting(ProfileReport.GcPauses::name).contains("DefNew");
        assertThat(gc.p50PauseMillis()).isPositive().isLessThanOrEqualTo(gc.p99PauseMillis());
        assertThat(gc.p99PauseMillis()).isLessThanOrEqualTo(gc.maxPauseMillis());
        assertThat(gc.maxPauseMillis()).isLessThanOrEqualTo(gc.totalPauseMillis());
        assertThat(profile.report().allocation().topTypes()).first().extracting(AllocationEntry::name).isEqualTo("byte[]");
        assertThat(profile.report().allocation().topSites()).extracting(AllocationEntry::name)
                .contains("io.headroom.profiler.Allocator.allocateChunk");
        // Heap used after each collection, in time order: the series the leak rule fits.
        var heap = profile.report().heapAfterGc();
        assertThat(heap.points()).as(context).hasSizeGreaterThan(3);
        assertThat(heap.collections()).isGreaterThanOrEqualTo(heap.points().size());
        assertThat(heap.points()).isSortedAccordingTo(java.util.Comparator.comparingDouble(ProfileReport.HeapPoint::seconds));
        assertThat(heap.points()).allSatisfy(p -> assertThat(p.usedBytes()).isPositive().isLessThan(48L * 1024 * 1024));
        assertThat(console.toString()).contains("GC  DefNew + SerialOld: ").contains("until it exits")
                .contains("  heap after GC: ");
        assertThat(Files.readString(log)).contains("ready").doesNotContain("Started recording");
    }

    @Test
    void stopsTheLaunchedJvmAfterTheDurationAndStillGetsItsRecording(@TempDir Path dir) throws Exception {
        List<String> command = ChildJvm.command(HotLoop.class, "60");
        StringWriter console = new StringWriter();
        long before = System.nanoTime();

        Profile profile = Profiler.run(new ProfileRequest(
                        new ProfileSource.Launch(command, Duration.ofSeconds(2), Redirect.DISCARD),
                        dir.resolve("flame.html"), null, dir.resolve("stacks.txt"), null),
                new PrintWriter(console, true));

        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("did not wait for the 60 s program")
                .isLessThan(Duration.ofSeconds(40));
        assertThat(profile.report().cpu().topSelf()).first().as(console.toString())
                .extracting(ProfileReport.HotMethod::method).isEqualTo("io.headroom.profiler.HotLoop.burnCpu");
        assertThat(Files.readString(dir.resolve("stacks.txt"))).contains("io.headroom.profiler.HotLoop.burnCpu");
        assertThat(console.toString()).contains("for 2s, then it is stopped");
        assertThat(Files.readString(dir.resolve("flame.html")))
                .contains("<title>CPU flame graph: pid ").contains(" io.headroom.profiler.HotLoop 60</title>");
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(HotLoop.class.getName())).orElse(false))
                .filter(p -> p.parent().map(parent -> parent.pid() == ProcessHandle.current().pid()).orElse(false))
                .count()).as("the launched JVM is gone").isZero();
    }

    @Test
    void leavesNoTemporaryRecordingBehindWhenTheCommandIsRefused() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = temporaryRecordings(tmp);

        assertThatThrownBy(() -> Profiler.run(ProfileRequest.of(new ProfileSource.Launch(List.of("python3", "app.py"), null,
                Redirect.DISCARD)), new PrintWriter(new StringWriter(), true))).isInstanceOf(ProfilerException.class);

        assertThat(temporaryRecordings(tmp)).isEqualTo(before);
    }

    private static long temporaryRecordings(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("headroom-profile-")).count();
        }
    }

    @Test
    void putsTheRecordingOptionsRightAfterTheJavaLauncher() throws Exception {
        List<String> command = LaunchedJvm.recordingCommand(List.of("/opt/jdk/bin/java", "-Xmx1g", "-jar", "app.jar", "--port=1"),
                Path.of("/tmp/r.jfr"));

        assertThat(command.get(0)).isEqualTo("/opt/jdk/bin/java");
        assertThat(command.get(1)).startsWith("-XX:StartFlightRecording=")
                .contains("settings=profile", "dumponexit=true", "filename=/tmp/r.jfr", "jdk.ThreadCPULoad#period=1s");
        assertThat(command).contains("-XX:FlightRecorderOptions:stackdepth=256", "-Xlog:jfr+startup=error");
        assertThat(command.subList(command.size() - 4, command.size())).containsExactly("-Xmx1g", "-jar", "app.jar", "--port=1");
    }

    @Test
    void leavesTheUsersOwnFlightRecorderOptionsAlone() throws Exception {
        List<String> command = LaunchedJvm.recordingCommand(
                List.of("java", "-XX:FlightRecorderOptions:stackdepth=2048", "Main"), Path.of("/tmp/r.jfr"));

        assertThat(command).filteredOn(a -> a.startsWith("-XX:FlightRecorderOptions"))
                .containsExactly("-XX:FlightRecorderOptions:stackdepth=2048");
    }

    @Test
    void refusesACommandThatIsNotJava() {
        assertThatThrownBy(() -> LaunchedJvm.recordingCommand(List.of("./gradlew", "bootRun"), Path.of("/tmp/r.jfr")))
                .isInstanceOf(ProfilerException.class)
                .hasMessageContaining("the command must start with java (got './gradlew')")
                .hasMessageContaining("--pid");
        assertThatThrownBy(() -> LaunchedJvm.recordingCommand(List.of(), Path.of("/tmp/r.jfr")))
                .isInstanceOf(ProfilerException.class)
                .hasMessageContaining("no command");
    }

    @Test
    void explainsAJvmThatExitsWithoutARecording(@TempDir Path dir) {
        // An option the JVM rejects: it exits before JFR starts, so there is nothing to analyse.
        List<String> command = List.of(ChildJvm.javaExecutable(), "-XX:NoSuchOptionAnywhere", "-version");

        assertThatThrownBy(() -> Profiler.run(ProfileRequest.of(
                        new ProfileSource.Launch(command, null, Redirect.to(dir.resolve("log").toFile()))),
                new PrintWriter(new StringWriter(), true)))
                .isInstanceOf(ProfilerException.class)
                .hasMessageContaining("ended without writing its recording");
    }
}
