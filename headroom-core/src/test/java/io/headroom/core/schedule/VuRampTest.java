package io.headroom.core.schedule;

import io.headroom.core.plan.Stage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VuRampTest {
    private static final long MS = 1_000_000L;

    private static Stage stage(long millis, long target) {
        return new Stage(Duration.ofMillis(millis), target);
    }

    @Test
    void rampUpRoundsDownAndRampDownRoundsUpAsK6() {
        VuRamp ramp = new VuRamp(0, List.of(stage(10_000, 10), stage(10_000, 0)));
        assertThat(ramp.targetAt(0)).isZero();
        assertThat(ramp.targetAt(999 * MS)).isZero();
        assertThat(ramp.targetAt(1000 * MS)).isEqualTo(1);
        assertThat(ramp.targetAt(5500 * MS)).isEqualTo(5);
        assertThat(ramp.targetAt(10_000 * MS)).isEqualTo(10);
        // down: a VU leaves only once the line has passed below it
        assertThat(ramp.targetAt(10_500 * MS)).isEqualTo(10);
        assertThat(ramp.targetAt(11_000 * MS)).isEqualTo(9);
        assertThat(ramp.targetAt(19_999 * MS)).isEqualTo(1);
        assertThat(ramp.targetAt(20_000 * MS)).isZero();
        assertThat(ramp.maxTarget()).isEqualTo(10);
        assertThat(ramp.durationNanos()).isEqualTo(20_000 * MS);
    }

    @Test
    void holdsStartVusBeforeTheFirstChangeAndJumpsOnZeroLengthStages() {
        VuRamp ramp = new VuRamp(3, List.of(stage(1000, 3), stage(0, 8), stage(1000, 8)));
        assertThat(ramp.targetAt(999 * MS)).isEqualTo(3);
        assertThat(ramp.targetAt(1000 * MS)).isEqualTo(8);
        assertThat(ramp.targetAt(5000 * MS)).isEqualTo(8);
    }

    @Test
    void nextChangeIsExactlyWhenTheTargetChanges() {
        VuRamp ramp = new VuRamp(0, List.of(stage(3000, 4), stage(1000, 4), stage(2000, 0)));
        long offset = 0;
        long previous = ramp.targetAt(0);
        int changes = 0;
        while (offset < ramp.durationNanos()) {
            long next = ramp.nextChangeNanos(offset);
            assertThat(next).isGreaterThan(offset);
            // nothing changes strictly between offset and next
            assertThat(ramp.targetAt(next - 1)).isEqualTo(ramp.targetAt(offset));
            offset = next;
            if (ramp.targetAt(offset) != previous) changes++;
            previous = ramp.targetAt(offset);
        }
        assertThat(changes).isEqualTo(8);
        assertThat(ramp.nextChangeNanos(ramp.durationNanos())).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void longStagesWithManyVusDoNotOverflow() {
        VuRamp ramp = new VuRamp(0, List.of(new Stage(Duration.ofHours(48), 5_000_000)));
        assertThat(ramp.targetAt(Duration.ofHours(24).toNanos())).isEqualTo(2_500_000);
        assertThat(ramp.nextChangeNanos(Duration.ofHours(24).toNanos())).isGreaterThan(Duration.ofHours(24).toNanos());
    }
}
