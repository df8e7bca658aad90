package io.headroom.analysis.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.hipparchus.random.RandomDataGenerator;

import java.util.Arrays;

/**
 * Bootstrap confidence intervals for the difference of a percentile between two HDR histograms
 * (after − before, in histogram units), by the percentile method. A resample of n values drawn with
 * replacement from a histogram has as its k-th smallest value {@code F⁻¹(U₍ₖ₎)}, where {@code F} is the
 * histogram's cumulative distribution and {@code U₍ₖ₎ ~ Beta(k, n−k+1)} is the k-th order statistic of n
 * uniforms; so each resample's percentile costs one Beta draw and one binary search instead of n draws,
 * and the bootstrap is exact at any sample size. Requests of one run are not independent (a GC pause or
 * a stall slows a whole second of them), so each side can be given a design effect (Kish): the
 * resample size becomes {@code n / designEffect}, the effective number of independent values, which
 * widens the interval as much as the clustering demands. Deterministic for a given seed; stateless and
 * thread-safe.
 */
public final class HistogramBootstrap {
    private final int resamples;
    private final long seed;

    public HistogramBootstrap(int resamples, long seed) {
        if (resamples < 100) throw new IllegalArgumentException("resamples must be >= 100, got " + resamples);
        this.resamples = resamples;
        this.seed = seed;
    }

    /** 2000 resamples, seed 1. */
    public static HistogramBootstrap defaults() {
        return new HistogramBootstrap(2000, 1);
    }

    /**
     * The confidence interval of {@code percentile(after) − percentile(before)} at {@code level}, in
     * histogram units. Both histograms must hold at least one value.
     */
    public Interval percentileDifference(Histogram before, Histogram after, double percentile, double level) {
        return percentileDifference(before, 1, after, 1, percentile, level);
    }

    /**
     * As {@link #percentileDifference(Histogram, Histogram, double, double)}, with each side's design
     * effect (≥ 1; 1 = independent values), see {@link DesignEffect}.
     */
    public Interval percentileDifference(Histogram before, double designEffectBefore, Histogram after,
                                         double designEffectAfter, double percentile, double level) {
        return resampled(before, designEffectBefore, after, designEffectAfter, percentile, level, false);
    }

    /**
     * The confidence interval of {@code ln(percentile(after) / percentile(before))} at {@code level}: the
     * effect on the log-ratio scale, where a latency's resampling spread is about symmetric and whose
     * back-transform {@code exp(bound) − 1} can never fall below −100 %. Values under one histogram unit
     * count as one. Both histograms must hold at least one value.
     */
    public Interval percentileLogRatio(Histogram before, double designEffectBefore, Histogram after,
                                       double designEffectAfter, double percentile, double level) {
        return resampled(before, designEffectBefore, after, designEffectAfter, percentile, level, true);
    }

    private Interval resampled(Histogram before, double designEffectBefore, Histogram after, double designEffectAfter,
                               double percentile, double level, boolean logRatio) {
        Distribution b = Distribution.of(before, designEffectBefore);
        Distribution a = Distribution.of(after, designEffectAfter);
        RandomDataGenerator rng = new RandomDataGenerator(seed);
        double[] diffs = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            double va = a.resamplePercentile(rng, percentile), vb = b.resamplePercentile(rng, percentile);
            diffs[i] = logRatio ? Math.log(Math.max(1, va)) - Math.log(Math.max(1, vb)) : va - vb;
        }
        Arrays.sort(diffs);
        double alpha = (1 - level) / 2;
        return new Interval(quantile(diffs, alpha), quantile(diffs, 1 - alpha), level);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** A histogram's distinct values and cumulative counts, and the effective sample size of a resample. */
    private record Distribution(long[] values, long[] cumulative, long total, long effective) {
        static Distribution of(Histogram h, double designEffect) {
            int distinct = 0;
            for (HistogramIterationValue ignored : h.recordedValues()) distinct++;
            long[] values = new long[distinct];
            long[] cumulative = new long[distinct];
            int i = 0;
            long running = 0;
            for (HistogramIterationValue v : h.recordedValues()) {
                running += v.getCountAtValueIteratedTo();
                values[i] = h.highestEquivalentValue(v.getValueIteratedTo());
                cumulative[i++] = running;
            }
            if (running == 0) throw new IllegalArgumentException("empty histogram");
            long effective = Math.max(1, Math.round(running / Math.max(1, designEffect)));
            return new Distribution(values, cumulative, running, effective);
        }

        double resamplePercentile(RandomDataGenerator rng, double percentile) {
            // Same rank rule as HdrHistogram: the k-th smallest of m = effective draws, k = ceil(p/100 · m).
            long m = effective;
            long k = Math.max(1, (long) Math.ceil(percentile / 100.0 * m));
            double u = m == 1 ? rng.nextDouble() : rng.nextBeta(k, m - k + 1);
            long needed = Math.max(1, (long) Math.ceil(u * total));
            int idx = Arrays.binarySearch(cumulative, needed);
            if (idx < 0) idx = -idx - 1;
            return values[Math.min(idx, values.length - 1)];
        }
    }
}
