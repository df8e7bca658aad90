package io.headroom.output.otlp;

import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramBuckets;

import java.util.ArrayList;
import java.util.List;

/**
 * One trend's counts as an OpenTelemetry exponential histogram (base {@code 2^(2^-scale)}; bucket {@code i} holds
 * {@code (base^i, base^(i+1)]}), cumulative over the run. It starts at {@link #MAX_SCALE} (buckets 0.27% wide, about
 * as fine as the trend's HDR histogram, 3 significant digits, tells values apart; Prometheus keeps native histograms
 * of scale 8 at most) and, like the SDK's own exponential aggregation, halves its scale whenever the values seen would
 * need more than {@link #MAX_BUCKETS} buckets (the SDK's default), merging neighbours in place. Since the counts are
 * cumulative, the range only grows and the scale only falls: each export is the finest scale that holds the run so
 * far in 160 buckets. Memory: one {@code long[160]} per series.
 *
 * <p>Not thread-safe: one thread (the engine's) adds and exports.
 */
final class ExponentialBuckets {
    /** The finest scale kept: Prometheus' native histograms go to schema 8. */
    static final int MAX_SCALE = 8;
    /** The most buckets one series holds (the SDK's default for an exponential histogram). */
    static final int MAX_BUCKETS = 160;
    /** The coarsest scale: base 2^1024 holds any double in two buckets. */
    private static final int MIN_SCALE = -10;

    private final long[] counts = new long[MAX_BUCKETS];
    private int scale = MAX_SCALE;
    /** The bucket index of {@code counts[0]}. */
    private int offset;
    /** The lowest and highest bucket index with a count; {@code lo > hi} while empty. */
    private int lo = 1;
    private int hi;
    private long zeroCount;

    /** Adds {@code count} values equal to {@code value} (≥ 0; 0 goes to the zero bucket). */
    void add(double value, long count) {
        if (count <= 0) return;
        if (!(value > 0)) {
            zeroCount += count;
            return;
        }
        int i = index(value, scale);
        if (lo > hi) {
            lo = hi = offset = i;
            counts[0] += count;
            return;
        }
        while (Math.max(hi, i) - Math.min(lo, i) + 1 > MAX_BUCKETS && scale > MIN_SCALE) {
            downscale();
            i = index(value, scale);
        }
        int newLo = Math.min(lo, i);
        int newHi = Math.max(hi, i);
        if (newLo < offset || newHi >= offset + MAX_BUCKETS) rebase(newLo);
        lo = newLo;
        hi = newHi;
        counts[i - offset] += count;
    }

    /** The bucket of {@code value} at {@code scale}: {@code ceil(log_base(value)) - 1}. */
    static int index(double value, int scale) {
        return (int) Math.ceil(Math.log(value) * Math.scalb(1 / Math.log(2), scale)) - 1;
    }

    /** Halves the scale: buckets 2i and 2i+1 become bucket i (OpenTelemetry's downscale, exact). */
    private void downscale() {
        long[] merged = new long[MAX_BUCKETS];
        int newOffset = lo >> 1; // >> floors, as downscaling asks for negative indices too
        for (int i = lo; i <= hi; i++) merged[(i >> 1) - newOffset] += counts[i - offset];
        System.arraycopy(merged, 0, counts, 0, MAX_BUCKETS);
        offset = newOffset;
        lo >>= 1;
        hi >>= 1;
        scale--;
    }

    /** Moves the counts so that {@code counts[0]} is bucket {@code newOffset}. */
    private void rebase(int newOffset) {
        long[] moved = new long[MAX_BUCKETS];
        for (int i = lo; i <= hi; i++) moved[i - newOffset] = counts[i - offset];
        System.arraycopy(moved, 0, counts, 0, MAX_BUCKETS);
        offset = newOffset;
    }

    long zeroCount() {
        return zeroCount;
    }

    /** The scale of the buckets now. */
    int scale() {
        return scale;
    }

    /** The positive buckets, from the lowest with a count to the highest; immutable. */
    ExponentialHistogramBuckets positive() {
        if (lo > hi) return ImmutableExponentialHistogramBuckets.create(scale, 0, List.of());
        List<Long> out = new ArrayList<>(hi - lo + 1);
        for (int i = lo; i <= hi; i++) out.add(counts[i - offset]);
        return ImmutableExponentialHistogramBuckets.create(scale, lo, out);
    }
}
