package io.headroom.core.engine;

import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.ScheduleLagCauses;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LagAttributionTest {
    private static final long MS = 1_000_000;

    @Test
    void aFreeVuMakesEveryDelayTheGenerators() {
        assertThat(LagAttribution.generatorCaused(0, 40 * MS, 41 * MS, true)).isTrue();
        assertThat(LagAttribution.generatorCaused(0, 0, 1, true)).isTrue();
    }

    @Test
    void waitingForANewVuIsTheTargetsUnlessTheSchedulerWasLaterStill() {
        // on time, then 3 ms to start the VU nobody was free for: the target held every VU
        assertThat(LagAttribution.generatorCaused(0, 50_000, 3 * MS, false)).isFalse();
        // 40 ms late itself (a pause), then 1 ms for the new VU: the generator's
        assertThat(LagAttribution.generatorCaused(0, 40 * MS, 41 * MS, false)).isTrue();
    }

    @Test
    void onlyIterationsWhoseLatencyWasMostlyTheGeneratorsLagFormTheTail() {
        LagAttribution a = new LagAttribution();
        a.iterationDone(40 * MS, 41 * MS);  // the generator's pause made this iteration slow
        a.iterationDone(200_000, 300_000);  // a normal hand-off (0.2 ms): not the tail
        a.iterationDone(5 * MS, 900 * MS);  // late, but the target took most of its 900 ms
        assertThat(a.tailMicros().getTotalCount()).isEqualTo(1);
    }

    @Test
    void theTailStartsWhereTheGeneratorsIterationsAreMostOfTheSlowest() {
        Histogram latency = new Histogram(3);
        Histogram tail = new Histogram(3);
        for (int i = 0; i < 9_990; i++) latency.recordValue(300); // 0.3 ms answers
        for (int i = 0; i < 10; i++) {
            latency.recordValue(250_000); // ten iterations 250 ms late: the generator's warm-up
            tail.recordValue(250_000);
        }
        assertThat(LagAttribution.tailFrom(latency, tail)).isEqualTo(99.99);
        for (int i = 0; i < 100; i++) latency.recordValue(300); // more answers do not move it below p(99.9)
        assertThat(LagAttribution.tailFrom(latency, tail)).isEqualTo(99.99);
        // the slowest single iteration is the target's: too few to judge alone; the 11 slowest of 10,101 (10 of them
        // the generator's) now reach p(99.9)
        latency.recordValue(400_000);
        assertThat(LagAttribution.tailFrom(latency, tail)).isEqualTo(99.9);
        // a hundred generator-delayed iterations reach down to p(99)
        for (int i = 0; i < 100; i++) {
            latency.recordValue(240_000);
            tail.recordValue(240_000);
        }
        assertThat(LagAttribution.tailFrom(latency, tail)).isEqualTo(99);
    }

    @Test
    void noTailWhenTheSlowestAreTheTargets() {
        Histogram latency = new Histogram(3);
        Histogram tail = new Histogram(3);
        for (int i = 0; i < 1000; i++) latency.recordValue(300);
        for (int i = 0; i < 50; i++) latency.recordValue(900_000); // the target paused 0.9 s
        latency.recordValue(20_000);
        tail.recordValue(20_000); // one generator hiccup, far below the target's pause
        assertThat(LagAttribution.tailFrom(latency, tail)).isNaN();
        assertThat(LagAttribution.tailFrom(latency, new Histogram(3))).isNaN();
    }

    @Test
    void theGeneratorsLagP99CountsTheTargetsLagAsZero() {
        Histogram generator = new Histogram(3);
        for (int i = 0; i < 100; i++) generator.recordValue(50_000);
        // 100 of 100 iterations: all the generator's
        assertThat(LagAttribution.generatorLagP99(100, generator)).isBetween(49_900L, 50_100L);
        // 100 of 10,000: the other 9,900 waited for VUs (or started on time): p99 is among them
        assertThat(LagAttribution.generatorLagP99(10_000, generator)).isZero();
        assertThat(LagAttribution.generatorLagP99(0, new Histogram(3))).isZero();
    }

    @Test
    void theSelfCheckJudgesOnlyTheGeneratorsOwnLag() {
        // 50 ms lag p99 overall, but every late start waited for a VU while the target held them all: valid
        ScheduleLagCauses targets = new ScheduleLagCauses(true, 0, 500, 0.2, 0, Double.NaN);
        assertThat(assess(50, 500, targets).invalid()).isFalse();
        // the same lag with a VU free: the generator's own, invalid, and the reason says which percentiles it decides
        ScheduleLagCauses own = new ScheduleLagCauses(true, 500, 0, 50, 500, 99.9);
        GeneratorHealth invalid = assess(50, 500, own);
        assertThat(invalid.invalid()).isTrue();
        assertThat(invalid.reasons()).singleElement().asString()
                .contains("500 of them with a VU free: the generator's own delay")
                .contains("p(99.9) and above are within the generator's own pauses: not the target's");
        // without the split (an older summary) the total lag is judged, as before
        assertThat(assess(50, 500, ScheduleLagCauses.NOT_MEASURED).invalid()).isTrue();
    }

    @Test
    void theTailNoteNamesThePercentile() {
        assertThat(new ScheduleLagCauses(true, 3, 0, 0, 3, 99.9).tailNote()).hasValueSatisfying(n ->
                assertThat(n).startsWith("p(99.9) and above are within the generator's own pauses: not the target's (3 iterations"));
        assertThat(new ScheduleLagCauses(true, 1, 0, 0, 0, Double.NaN).tailNote()).isEmpty();
    }

    private static GeneratorHealth assess(double lagP99, long late, ScheduleLagCauses causes) {
        return GeneratorHealth.assess(lagP99, late, 0.3, 0.2, 10, 0, 0, 0, 0, 0, 0, 10_000, 2, List.of(), causes);
    }
}
