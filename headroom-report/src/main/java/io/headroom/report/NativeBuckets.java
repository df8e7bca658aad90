package io.headroom.report;

import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;

import java.util.Map;
import java.util.TreeMap;

/**
 * A trend's counts in Prometheus native-histogram buckets of {@link #SCHEMA} (each bound 2^(1/8) ≈ 1.09× the one
 * below it: a quantile within 9%), cumulative over the run: what remote-write sends where the receiver takes native
 * histograms. Bucket {@code i} holds the values in (2^((i-1)/8), 2^(i/8)]; values of at most {@link #ZERO_THRESHOLD}
 * count in the zero bucket. Not thread-safe (one series of {@link PrometheusSeries}).
 */
final class NativeBuckets {
    /** The resolution: 2^3 buckets per doubling, the Prometheus clients' default. */
    static final int SCHEMA = 3;
    /** The breadth of the zero bucket, the Go client's default (2^-128). */
    static final double ZERO_THRESHOLD = Math.scalb(1.0, -128);
    private static final int PER_OCTAVE = 1 << SCHEMA;
    /** The bounds of the fraction in [0.5, 1) within one octave, as the Go client searches them. */
    private static final double[] FRACTION_BOUNDS = fractionBounds();

    private final TreeMap<Integer, Long> counts = new TreeMap<>();
    private long zeroCount;

    /** Adds {@code n} values of {@code value} (in the exported unit). */
    void add(double value, long n) {
        if (value <= ZERO_THRESHOLD) {
            zeroCount += n;
            return;
        }
        counts.merge(index(value), n, Long::sum);
    }

    long zeroCount() {
        return zeroCount;
    }

    NativeHistogramBuckets positive() {
        NativeHistogramBuckets.Builder b = NativeHistogramBuckets.builder();
        for (Map.Entry<Integer, Long> e : counts.entrySet()) b.bucket(e.getKey(), e.getValue());
        return b.build();
    }

    /** The bucket of a positive finite value: value = fraction × 2^exp with fraction in [0.5, 1). */
    static int index(double value) {
        int exp = Math.getExponent(value) + 1;
        double fraction = value / Math.scalb(1.0, exp);
        int j = 0;
        while (j < PER_OCTAVE && FRACTION_BOUNDS[j] < fraction) j++;
        return j + (exp - 1) * PER_OCTAVE;
    }

    /** The upper bound of bucket {@code index}. */
    static double upperBound(int index) {
        return Math.pow(2, (double) index / PER_OCTAVE);
    }

    private static double[] fractionBounds() {
        double[] b = new double[PER_OCTAVE];
        for (int j = 0; j < PER_OCTAVE; j++) b[j] = Math.pow(2, (double) j / PER_OCTAVE) / 2;
        return b;
    }
}
