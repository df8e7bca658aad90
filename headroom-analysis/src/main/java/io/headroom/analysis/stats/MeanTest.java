package io.headroom.analysis.stats;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Welch's t-test (unequal variances, Welch–Satterthwaite degrees of freedom) with the interval of
 * {@code mean(b) − mean(a)}; for per-second throughput of two runs. Stateless and thread-safe.
 */
public final class MeanTest {
    private MeanTest() {}

    /**
     * Both means, the two-sided p-value, the interval of {@code meanB − meanA}, its standard error and the
     * Welch–Satterthwaite degrees of freedom (infinite when the standard error is 0).
     */
    public record Result(double meanA, double meanB, double pValue, Interval difference, double standardError,
                         double degreesOfFreedom) {
        /**
         * The smallest true difference {@code |meanB − meanA|} this test detects with probability {@code power}
         * at its interval's level: {@code (t₁₋α/₂ + t_power) × SE} on the same degrees of freedom.
         */
        public double detectableDifference(double power) {
            if (standardError == 0) return 0;
            TDistribution t = new TDistribution(degreesOfFreedom);
            return (t.inverseCumulativeProbability(1 - (1 - difference.level()) / 2) + t.inverseCumulativeProbability(power))
                    * standardError;
        }
    }

    /** Needs at least two values in each sample. */
    public static Result welch(double[] a, double[] b, double level) {
        if (a.length < 2 || b.length < 2) throw new IllegalArgumentException("each sample needs at least two values");
        double ma = mean(a), mb = mean(b);
        double va = variance(a, ma) / a.length, vb = variance(b, mb) / b.length;
        double se = Math.sqrt(va + vb);
        double diff = mb - ma;
        if (se == 0) {
            return new Result(ma, mb, diff == 0 ? 1 : 0, new Interval(diff, diff, level), 0, Double.POSITIVE_INFINITY);
        }
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        TDistribution t = new TDistribution(df);
        double pValue = 2 * (1 - t.cumulativeProbability(Math.abs(diff) / se));
        double q = t.inverseCumulativeProbability(1 - (1 - level) / 2);
        return new Result(ma, mb, pValue, new Interval(diff - q * se, diff + q * se, level), se, df);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) s += (v - mean) * (v - mean);
        return s / (x.length - 1);
    }
}
