package io.headroom.profiler.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GcCollectorTest {

    @Test
    void nearestRankPercentilesPickARecordedPause() {
        long[] pauses = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100};

        assertThat(GcCollector.nearestRank(pauses, 50)).isEqualTo(5);
        assertThat(GcCollector.nearestRank(pauses, 99)).isEqualTo(100);
        assertThat(GcCollector.nearestRank(pauses, 100)).isEqualTo(100);
        assertThat(GcCollector.nearestRank(new long[] {7}, 50)).isEqualTo(7);
        assertThat(GcCollector.nearestRank(new long[0], 99)).isZero();
    }

    @Test
    void noCollectionsGiveZerosAndNoCollectorName() {
        ProfileReport.GcProfile gc = new GcCollector().result();

        assertThat(gc.pauseCount()).isZero();
        assertThat(gc.collector()).isEmpty();
        assertThat(gc.maxPauseMillis()).isZero();
        assertThat(gc.byName()).isEmpty();
    }
}
