package io.headroom.analysis.stats;

import org.hipparchus.stat.inference.TTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProportionAndMeanTestTest {
    @Test
    void tripledErrorRateOnAThousandRequestsIsSignificant() {
        // z = 0.02 / sqrt(0.02·0.98·(2/1000)) = 3.19 → two-sided p ≈ 0.0014.
        ProportionTest.Result r = ProportionTest.compare(10, 1000, 30, 1000, 0.95);
        assertThat(r.pValue()).isCloseTo(0.0014, within(0.0003));
        assertThat(r.difference().low()).isPositive();
        assertThat(r.difference().high()).isLessThan(0.04);
    }

    @Test
    void equalRatesAreNotSignificant() {
        ProportionTest.Result r = ProportionTest.compare(12, 1000, 12, 1000, 0.95);
        assertThat(r.pValue()).isEqualTo(1.0);
        assertThat(r.difference().excludesZero()).isFalse();
    }

    @Test
    void welchMatchesHipparchusTTest() {
        double[] a = {100, 104, 98, 101, 99, 103, 97};
        double[] b = {110, 108, 115, 109, 112};
        MeanTest.Result r = MeanTest.welch(a, b, 0.95);
        assertThat(r.pValue()).isCloseTo(new TTest().tTest(a, b), within(1e-9));
        assertThat(r.difference().low()).isPositive();
        assertThat(r.meanB() - r.meanA()).isBetween(r.difference().low(), r.difference().high());
    }
}
