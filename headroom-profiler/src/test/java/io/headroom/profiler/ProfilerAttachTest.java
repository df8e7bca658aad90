package io.headroom.profiler;

import io.headroom.profiler.analysis.Profile;
import io.headroom.profiler.analysis.ProfileJson;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.analysis.ProfileReport.HotMethod;
import io.headroom.profiler.flame.CollapsedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code headroom profile --pid}: attach to a child JVM with a known hot method and find it. */
class ProfilerAttachTest {
    private static final String BURN_CPU = "io.headroom.profiler.HotLoop.burnCpu";

    @Test
    void findsTheHotMethodAtTheTopOfSelfTimeInARunningJvm(@TempDir Path dir) throws Exception {
        try (ChildJvm child = ChildJvm.start(ChildJvm.command(HotLoop.class, "60"))) {
            ProfileRequest request = new ProfileRequest(new ProfileSource.Attach(child.pid(), Duration.ofSeconds(3)),
                    dir.resolve("flame.html"), dir.resolve("profile.json"), dir.resolve("stacks.txt"),
                    dir.resolve("kept.jfr"));
            StringWriter console = new StringWriter();

            Profile profile = Profiler.run(request, new PrintWriter(console, true));

            ProfileReport report = profile.report();
            assertThat(report.cpu().sampleCount()).as(console.toString()).isGreaterThan(20);
            HotMethod top = report.cpu().topSelf().get(0);
            assertThat(top.method()).as(console.toString()).isEqualTo(BURN_CPU);
            assertThat(top.selfPercent()).isGreaterThan(50.0);
            assertThat(report.recording().pid()).isEqualTo(child.pid());
            assertThat(report.recording().javaArguments()).contains("io.headroom.profiler.HotLoop");
            // Headroom asks for per-thread CPU every second: a 3 s recording has it for the spinning thread.
            assertThat(report.threads()).anySatisfy(t -> {
                assertThat(t.threadName()).isEqualTo("main");
                assertThat(t.cpuLoadSamples()).isPositive();
            });

            assertThat(console.toString())
                    .contains("Recording pid " + child.pid())
                    .contains(BURN_CPU)
                    .contains("Flame graph: " + dir.resolve("flame.html"));
            assertThat(Files.readString(dir.resolve("flame.html"))).contains("burnCpu");
            assertThat(ProfileJson.read(dir.resolve("profile.json"))).isEqualTo(report);
            try (Reader in = Files.newBufferedReader(dir.resolve("stacks.txt"), StandardCharsets.UTF_8)) {
                assertThat(CollapsedStacks.parse(in).toText()).isEqualTo(profile.cpuStacks().toText());
            }
            assertThat(Files.size(dir.resolve("kept.jfr"))).isPositive();
            assertThat(child.process().isAlive()).as("the target keeps running after profiling").isTrue();
        }
    }

    @Test
    void explainsThatThereIsNoSuchProcess() {
        long unused = findUnusedPid();
        assertThatThrownBy(() -> AttachedRecording.start(unused, Duration.ofSeconds(5)))
                .isInstanceOf(ProfilerException.class)
                .hasMessageContaining("no running process with pid " + unused);
    }

    @Test
    void refusesToSignalAProcessThatIsNotAJvm() throws Exception {
        // A program that handles SIGQUIT (nginx shuts down gracefully on it) must not get the attach signal.
        Process shell = new ProcessBuilder("sh", "-c", "trap 'echo got-quit' QUIT; sleep 30 & wait").start();
        try {
            assertThat(AttachedRecording.looksLikeJvm(shell.pid())).isFalse();
            assertThatThrownBy(() -> AttachedRecording.start(shell.pid(), Duration.ofSeconds(5)))
                    .isInstanceOf(ProfilerException.class)
                    .hasMessageContaining("pid " + shell.pid() + " is not a Java process");
            assertThat(shell.isAlive()).isTrue();
            assertThat(new String(shell.getInputStream().readNBytes(shell.getInputStream().available())))
                    .doesNotContain("got-quit");
        } finally {
            shell.destroyForcibly();
            shell.waitFor();
        }
    }

    @Test
    void recognisesAJvmByItsPid() throws Exception {
        try (ChildJvm child = ChildJvm.start(ChildJvm.command(HotLoop.class, "30"))) {
            assertThat(AttachedRecording.looksLikeJvm(child.pid())).isTrue();
        }
    }

    @Test
    void recordsThisJvmWhenGivenItsOwnPid(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("self.jfr");
        try (AttachedRecording recording = AttachedRecording.start(ProcessHandle.current().pid(), Duration.ofSeconds(30))) {
            long end = System.nanoTime() + 500_000_000L;
            while (System.nanoTime() < end) HotLoop.sink += HotLoop.burnCpu(100_000);
            recording.stopAndWrite(jfr);
        }
        assertThat(Files.size(jfr)).isPositive();
        assertThat(io.headroom.profiler.analysis.JfrAnalyzer.analyse(jfr).report().recording().pid())
                .isEqualTo(ProcessHandle.current().pid());
    }

    private static long findUnusedPid() {
        long pid = 4_000_000; // above Linux's default pid_max (4194304 is the hard limit)
        while (ProcessHandle.of(pid).isPresent()) pid++;
        return pid;
    }
}
