package io.headroom.profiler;

import io.headroom.profiler.analysis.Profile;
import io.headroom.profiler.analysis.ProfileJson;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.analysis.ProfileReport.IoEntry;
import io.headroom.profiler.analysis.ProfileReport.WaitTotal;
import io.headroom.profiler.flame.CollapsedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Off-CPU time: a JVM that waits on a socket, a pipe and a park shows those waits in the wall-clock flame
 * graph and the I/O summaries while its CPU graph barely has them; a pure CPU loop shows no socket time.
 * Shares with wide margins only: the machine is shared.
 */
class WallClockProfileTest {
    private static final String AWAIT_REPLY = "io.headroom.profiler.SlowPeer.awaitReply";

    @Test
    void aJvmWaitingOnASocketAndAPipeShowsTheWaitsInTheWallClockGraphAndTheIoSummary(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("slow.fifo");
        assumeThat(mkfifo(fifo)).as("mkfifo is available").isTrue();
        StringWriter console = new StringWriter();
        Profile profile;
        String context;
        String port;
        // Attached once the child is ready, so a slow JVM start does not eat the recording.
        try (ChildJvm child = ChildJvm.start(ChildJvm.command(SlowPeer.class, "60", fifo.toString()))) {
            profile = Profiler.run(new ProfileRequest(new ProfileSource.Attach(child.pid(), Duration.ofSeconds(4)),
                    dir.resolve("flame.html"), dir.resolve("profile.json"), null, null), new PrintWriter(console, true));
            context = console + "\n" + child.output();
            Matcher ready = Pattern.compile("ready (\\d+)").matcher(child.output());
            assertThat(ready.find()).as(context).isTrue();
            port = ready.group(1);
        }

        // Wall clock: the blocking reads under awaitReply are there, by their duration, topped by [socket read].
        long socketWaitMs = weight(profile.wallStacks(), f -> f.contains(AWAIT_REPLY) && f.getLast().equals("[socket read]"));
        long cpuMsInAwait = Math.round(weight(profile.cpuStacks(), f -> f.contains(AWAIT_REPLY))
                * profile.report().wallClock().cpuSamplePeriodMillis());
        assertThat(socketWaitMs).as(context).isGreaterThan(500);
        assertThat(socketWaitMs).as("off-CPU dwarfs on-CPU in awaitReply: " + context).isGreaterThan(5 * cpuMsInAwait);
        assertThat(weight(profile.wallStacks(), f -> f.getLast().equals("[file read]"))).as(context).isGreaterThan(200);
        assertThat(profile.report().wallClock().waits()).extracting(WaitTotal::kind)
                .contains("socket read", "file read", "parked", "sleeping");

        // CPU: the socket reads are not where the CPU went.
        long cpuSamples = profile.cpuStacks().totalSamples();
        assertThat(weight(profile.cpuStacks(), f -> f.contains(AWAIT_REPLY)))
                .as("CPU samples in awaitReply of " + cpuSamples).isLessThanOrEqualTo(Math.max(5, cpuSamples / 2));

        // I/O summaries: the loopback endpoint and the pipe, with counts, bytes and durations.
        IoEntry socket = profile.report().io().sockets().stream().filter(e -> e.name().endsWith(":" + port)).findFirst()
                .orElseThrow(() -> new AssertionError("no socket entry for port " + port + ": " + context));
        assertThat(socket.reads()).isGreaterThan(10);
        assertThat(socket.bytesRead()).isGreaterThan(10 * 256);
        assertThat(socket.readMillis()).isGreaterThan(500);
        assertThat(socket.maxReadMillis()).isPositive().isLessThanOrEqualTo(socket.readMillis());
        IoEntry pipe = profile.report().io().files().stream().filter(e -> e.name().equals(fifo.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("no file entry for " + fifo + ": " + context));
        assertThat(pipe.reads()).isGreaterThan(5);
        assertThat(pipe.bytesRead()).isGreaterThan(5 * 256);

        assertThat(console.toString()).contains("Wall clock  ", "Socket I/O (1 ms or longer)", "File I/O (1 ms or longer)",
                "Wall-clock flame graph: ");
        assertThat(Files.readString(dir.resolve("flame-wall.html")))
                .contains("<title>Wall-clock flame graph: pid ", "\"unit\":\"ms\"", "[socket read]");
        ProfileReport reread = ProfileJson.read(dir.resolve("profile.json"));
        assertThat(reread.io()).isEqualTo(profile.report().io());
        assertThat(reread.wallClock()).isEqualTo(profile.report().wallClock());
    }

    @Test
    void aPureCpuLoopHasNoSocketTime(@TempDir Path dir) throws Exception {
        StringWriter console = new StringWriter();
        Profile profile;
        try (ChildJvm child = ChildJvm.start(ChildJvm.command(HotLoop.class, "60"))) {
            profile = Profiler.run(ProfileRequest.of(new ProfileSource.Attach(child.pid(), Duration.ofSeconds(3))),
                    new PrintWriter(console, true));
        }

        long wall = profile.wallStacks().totalSamples();
        long socketMs = weight(profile.wallStacks(), f -> f.getLast().startsWith("[socket "));
        assertThat(socketMs).as(console.toString()).isLessThanOrEqualTo(wall / 100);
        assertThat(profile.report().io().sockets()).as(console.toString()).isEmpty();
        assertThat(weight(profile.wallStacks(), f -> f.contains("io.headroom.profiler.HotLoop.burnCpu")))
                .as("the loop's CPU samples are in the wall-clock graph too").isPositive();
    }

    /** The summed weight of the stacks whose frames (root first) match. */
    static long weight(CollapsedStacks stacks, Predicate<List<String>> frames) {
        long[] sum = {0};
        stacks.forEach((f, n) -> {
            if (frames.test(f)) sum[0] += n;
        });
        return sum[0];
    }

    private static boolean mkfifo(Path fifo) {
        try {
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            return p.waitFor() == 0 && Files.exists(fifo);
        } catch (Exception e) {
            return false;
        }
    }
}
