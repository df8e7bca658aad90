package io.headroom.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultSettingsTest {
    private static final long MS = 1_000_000L;

    @Test
    void pauseKCoversTheLastPMillisOfEachCycle() {
        FaultSettings stall = FaultSettings.NONE.withStall(1_000, 300); // pauses [700, 1000), [1700, 2000), ...

        assertThat(stall.pauseEndNanos(0)).isZero();
        assertThat(stall.pauseEndNanos(699 * MS)).isEqualTo(699 * MS);
        assertThat(stall.pauseEndNanos(700 * MS)).isEqualTo(1_000 * MS);
        assertThat(stall.pauseEndNanos(999 * MS)).isEqualTo(1_000 * MS);
        assertThat(stall.pauseEndNanos(1_000 * MS)).isEqualTo(1_000 * MS);
        assertThat(stall.pauseEndNanos(1_750 * MS)).isEqualTo(2_000 * MS);
        assertThat(stall.pauseEndNanos(5_000 * MS + 700 * MS + 1)).isEqualTo(6_000 * MS);
        assertThat(stall.stalledAt(700 * MS)).isTrue();
        assertThat(stall.stalledAt(1_000 * MS)).isFalse();
    }

    @Test
    void withoutStallNothingIsPaused() {
        assertThat(FaultSettings.NONE.pauseEndNanos(123 * MS)).isEqualTo(123 * MS);
        assertThat(FaultSettings.NONE.withStall(1_000, 300).withoutStall().stallEnabled()).isFalse();
        assertThat(FaultSettings.NONE.servingFraction()).isEqualTo(1.0);
        assertThat(FaultSettings.NONE.withStall(1_000, 300).servingFraction()).isEqualTo(0.7);
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> FaultSettings.NONE.withErrorRate(1.01)).hasMessageContaining("errorRate");
        assertThatThrownBy(() -> FaultSettings.NONE.withErrorRate(Double.NaN)).hasMessageContaining("errorRate");
        assertThatThrownBy(() -> FaultSettings.NONE.withLatencySpikes(-0.1, 10)).hasMessageContaining("spikeRate");
        assertThatThrownBy(() -> FaultSettings.NONE.withAddedLatencyMillis(-1)).hasMessageContaining("addedLatencyMillis");
        assertThatThrownBy(() -> FaultSettings.NONE.withStall(1_000, 1_000)).hasMessageContaining("stallPauseMillis");
        assertThatThrownBy(() -> FaultSettings.NONE.withStall(1_000, 0)).hasMessageContaining("stallPauseMillis");
        assertThatThrownBy(() -> FaultSettings.NONE.withStall(0, 10)).hasMessageContaining("stallPauseMillis");
    }

    @Test
    void meanExtraMillisCountsAddedLatencyAndExpectedSpike() {
        FaultSettings faults = FaultSettings.NONE.withAddedLatencyMillis(3).withLatencySpikes(0.1, 50);
        assertThat(faults.meanExtraMillis()).isEqualTo(8.0);
    }
}
