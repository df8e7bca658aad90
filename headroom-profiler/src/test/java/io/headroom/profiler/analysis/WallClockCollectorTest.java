package io.headroom.profiler.analysis;

import io.headroom.profiler.Golden;
import io.headroom.profiler.flame.CollapsedStacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WallClockCollectorTest {

    @Test
    void readsJfrPeriodSettings() {
        assertThat(WallClockCollector.periodMillis("10 ms")).isEqualTo(10);
        assertThat(WallClockCollector.periodMillis("20ms")).isEqualTo(20);
        assertThat(WallClockCollector.periodMillis("1 s")).isEqualTo(1000);
        assertThat(WallClockCollector.periodMillis("500 us")).isEqualTo(0.5);
        assertThat(WallClockCollector.periodMillis("everyChunk")).isZero();
        assertThat(WallClockCollector.periodMillis("off")).isZero();
        assertThat(WallClockCollector.periodMillis("")).isZero();
    }

    @Test
    void theFixtureWallClockIsItsCpuSamplesTimesThePeriodPlusItsWaits() throws Exception {
        Profile profile = JfrAnalyzer.analyse(Golden.fixtureRecording());
        var wall = profile.report().wallClock();

        // The sampling period set in fixture.jfc, as the recording reports it.
        assertThat(wall.cpuSamplePeriodMillis()).isEqualTo(expectedPeriod());
        assertThat(wall.onCpuMillis()).isEqualTo(profile.report().cpu().sampleCount() * wall.cpuSamplePeriodMillis());
        long[] waitMs = {0};
        long[] cpuMs = {0};
        profile.wallStacks().forEach((frames, ms) -> {
            if (frames.getLast().startsWith("[")) waitMs[0] += ms;
            else cpuMs[0] += ms;
        });
        assertThat((double) cpuMs[0]).isCloseTo(wall.onCpuMillis(), org.assertj.core.data.Offset.offset(wall.onCpuMillis() * 0.01 + 5));
        assertThat((double) waitMs[0]).isCloseTo(wall.waitingMillis(), org.assertj.core.data.Offset.offset(wall.waitingMillis() * 0.02 + 5));
        // The parks under LinkedBlockingQueue.poll and the monitor blocks under holdLock, each topped by their kind.
        assertThat(weight(profile.wallStacks(), "io.headroom.profiler.FixtureProgram.waitOnQueue", "[parked]"))
                .isGreaterThan(2000);
        assertThat(weight(profile.wallStacks(), "io.headroom.profiler.FixtureProgram.holdLock", "[monitor blocked]"))
                .isGreaterThan(2000);
    }

    private static double expectedPeriod() throws Exception {
        String jfc = new String(Golden.class.getResourceAsStream("fixture.jfc").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        var m = java.util.regex.Pattern.compile("jdk\\.ExecutionSample\">.*?name=\"period\"[^>]*>([^<]+)<", java.util.regex.Pattern.DOTALL)
                .matcher(jfc);
        return m.find() ? WallClockCollector.periodMillis(m.group(1)) : WallClockCollector.DEFAULT_PERIOD_MILLIS;
    }

    private static long weight(CollapsedStacks stacks, String frame, String leaf) {
        long[] sum = {0};
        stacks.forEach((frames, ms) -> {
            if (frames.contains(frame) && frames.getLast().equals(leaf)) sum[0] += ms;
        });
        return sum[0];
    }
}
