package io.headroom.analysis.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The two-proportion z-test (pooled standard error) with a Wald interval for the difference
 * {@code p2 − p1}; for error and check rates of two runs. Stateless and thread-safe.
 */
public final class ProportionTest {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private ProportionTest() {}

    /** The outcome: both rates, the two-sided p-value and the interval of {@code rate2 − rate1}. */
    public record Result(double rate1, double rate2, double pValue, Interval difference) {}

    /** Compares {@code x1} successes of {@code n1} trials with {@code x2} of {@code n2}; both n must be positive. */
    public static Result compare(long x1, long n1, long x2, long n2, double level) {
        if (n1 <= 0 || n2 <= 0) throw new IllegalArgumentException("both samples need trials");
        double p1 = (double) x1 / n1, p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double sePooled = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double pValue;
        if (sePooled == 0) pValue = p1 == p2 ? 1 : 0;
        else pValue = 2 * (1 - STANDARD_NORMAL.cumulativeProbability(Math.abs(p2 - p1) / sePooled));
        double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - level) / 2);
        double se = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        return new Result(p1, p2, pValue, new Interval(p2 - p1 - z * se, p2 - p1 + z * se, level));
    }
}
