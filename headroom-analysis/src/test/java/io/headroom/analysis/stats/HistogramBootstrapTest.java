package io.headroom.analysis.stats;

import io.headroom.analysis.SyntheticRun;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistogramBootstrapTest {
    @Test
    void intervalOfTwoSamplesOfOneDistributionContainsZero() {
        Histogram a = SyntheticRun.lognormalMillis(1, 5000, 20, 0.5);
        Histogram b = SyntheticRun.lognormalMillis(2, 5000, 20, 0.5);
        Interval ci = HistogramBootstrap.defaults().percentileDifference(a, b, 95, 0.95);
        assertThat(ci.low()).isNegative();
        assertThat(ci.high()).isPositive();
    }

    @Test
    void intervalOfAShiftedDistributionExcludesZeroAndCoversTheShift() {
        Histogram before = SyntheticRun.lognormalMillis(1, 5000, 20, 0.5);
        Histogram after = SyntheticRun.lognormalMillis(2, 5000, 30, 0.5);
        // True p95 of lognormal(median m, sigma 0.5) = m·exp(0.5·1.645); the shift is 10 ms of median.
        double trueShiftMicros = 10_000 * Math.exp(0.5 * 1.6449);
        Interval ci = HistogramBootstrap.defaults().percentileDifference(before, after, 95, 0.95);
        assertThat(ci.excludesZero()).isTrue();
        assertThat(ci.low()).isLessThan(trueShiftMicros * 1.15);
        assertThat(ci.high()).isGreaterThan(trueShiftMicros * 0.85);
    }

    @Test
    void falseAlarmsStayNearTheNominalRateAndWidthMatchesTheory() {
        // 40 pairs of equal distributions, 20 000 values each: intervals far too wide would never exclude
        // zero (and fail the width bound), far too narrow would exclude it often.
        HistogramBootstrap fast = new HistogramBootstrap(400, 7);
        int excluded = 0;
        double totalWidthMicros = 0;
        for (int i = 0; i < 40; i++) {
            Histogram a = SyntheticRun.lognormalMillis(100 + i, 20_000, 20, 0.5);
            Histogram b = SyntheticRun.lognormalMillis(900 + i, 20_000, 20, 0.5);
            Interval ci = fast.percentileDifference(a, b, 95, 0.95);
            if (ci.excludesZero()) excluded++;
            totalWidthMicros += ci.high() - ci.low();
        }
        assertThat(excluded).isLessThanOrEqualTo(8);
        // Theory: sd(p95) ≈ sqrt(.95·.05/n)/f(q) ≈ 0.52 ms at n = 20 000 → width of the difference ≈ 2.9 ms.
        double meanWidthMillis = totalWidthMicros / 40 / 1000;
        assertThat(meanWidthMillis).isBetween(1.5, 6.0);
    }

    @Test
    void sameSeedGivesTheSameInterval() {
        Histogram a = SyntheticRun.lognormalMillis(1, 2000, 20, 0.5);
        Histogram b = SyntheticRun.lognormalMillis(2, 2000, 25, 0.5);
        assertThat(HistogramBootstrap.defaults().percentileDifference(a, b, 99, 0.95))
                .isEqualTo(HistogramBootstrap.defaults().percentileDifference(a, b, 99, 0.95));
    }
}
