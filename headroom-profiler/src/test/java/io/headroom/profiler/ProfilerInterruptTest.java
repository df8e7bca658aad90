package io.headroom.profiler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.profiler.analysis.ProfileJson;
import io.headroom.profiler.analysis.ProfileReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C or SIGTERM while {@code headroom profile} records must not lose the recording: the profile of
 * what was recorded so far is analysed and written on the way out. Headroom runs in a child JVM here so
 * the test can signal it.
 */
class ProfilerInterruptTest {
    private static final Class<?>[] PROFILER_CLASSPATH = {ProfileMain.class, Profiler.class, ObjectMapper.class,
            com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class};

    @Test
    void sigtermDuringAnAttachedRecordingStillWritesTheProfile(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("profile.json");
        try (ChildJvm target = ChildJvm.start(ChildJvm.command(HotLoop.class, "60"));
             ChildJvm headroom = ChildJvm.start(ChildJvm.command(List.of(), ProfileMain.class, PROFILER_CLASSPATH,
                     "attach", json.toString(), Long.toString(target.pid())), "Recording pid")) {
            Thread.sleep(2_000);

            // SIGTERM, like Ctrl-C, runs the shutdown hooks. Through the handle: Process.destroy() would also close
            // the pipes and lose what the child prints while it finishes.
            headroom.process().toHandle().destroy();

            assertThat(headroom.waitFor(60)).as(headroom.output()).isTrue();
            assertThat(headroom.output()).contains("Interrupted: stopping the recording");
            ProfileReport report = ProfileJson.read(json);
            assertThat(report.cpu().topSelf().get(0).method()).as(headroom.output())
                    .isEqualTo("io.headroom.profiler.HotLoop.burnCpu");
            assertThat(target.process().isAlive()).as("the attached target keeps running").isTrue();
        }
    }

    @Test
    void sigtermDuringALaunchedRecordingStopsTheJvmAndWritesTheProfile(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("profile.json");
        List<String> args = new ArrayList<>(List.of("launch", json.toString()));
        args.addAll(ChildJvm.command(HotLoop.class, "60"));
        try (ChildJvm headroom = ChildJvm.start(ChildJvm.command(List.of(), ProfileMain.class, PROFILER_CLASSPATH,
                args.toArray(String[]::new)), "Started pid")) {
            long launchedPid = Long.parseLong(headroom.output().replaceAll("(?s).*Started pid (\\d+).*", "$1"));
            Thread.sleep(2_000);

            headroom.process().toHandle().destroy();

            assertThat(headroom.waitFor(60)).as(headroom.output()).isTrue();
            ProfileReport report = ProfileJson.read(json);
            assertThat(report.cpu().topSelf().get(0).method()).as(headroom.output())
                    .isEqualTo("io.headroom.profiler.HotLoop.burnCpu");
            assertThat(ProcessHandle.of(launchedPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the launched JVM was stopped").isFalse();
        }
    }
}
