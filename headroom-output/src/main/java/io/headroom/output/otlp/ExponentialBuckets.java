package io.headroom.output.otlp;

import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramBuckets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One trend's counts as an OpenTelemetry exponential histogram (base {@code 2^(2^-scale)}; bucket {@code i} holds
 * {@code (base^i, base^(i+1)]}), cumulative over the run. Counts are kept at {@link #MAX_SCALE} (buckets 0.27% wide,
 * as fine as the trend's HDR histogram, 3 significant digits, can tell values apart) and each export is downscaled to
 * the finest scale whose buckets span at most {@link #MAX_BUCKETS} (the SDK's default), as the SDK's own
 * exponential aggregation does. Prometheus keeps native histograms of scale 8 at most, so nothing finer is sent.
 *
 * <p>Not thread-safe: one thread (the engine's) adds and exports.
 */
final class ExponentialBuckets {
    /** The finest scale kept: Prometheus' native histograms go to schema 8. */
    static final int MAX_SCALE = 8;
    /** The most buckets one export carries (the SDK's default for an exponential histogram). */
    static final int MAX_BUCKETS = 160;
    private static final double SCALE_FACTOR = Math.scalb(1 / Math.log(2), MAX_SCALE);

    /** Bucket index at {@link #MAX_SCALE} → count; at most a few thousand entries (100 µs to 60 s is ~4,900). */
    private final TreeMap<Integer, Long> counts = new TreeMap<>();
    private long zeroCount;

    /** Adds {@code count} values equal to {@code value} (≥ 0; 0 goes to the zero bucket). */
    void add(double value, long count) {
        if (count <= 0) return;
        if (!(value > 0)) {
            zeroCount += count;
            return;
        }
        counts.merge(index(value), count, Long::sum);
    }

    /** The bucket of {@code value} at {@link #MAX_SCALE}: {@code ceil(log_base(value)) - 1}. */
    static int index(double value) {
        // exact powers of two sit on a bound: log2 is exact for them, so the ceiling is too
        return (int) Math.ceil(Math.log(value) * SCALE_FACTOR) - 1;
    }

    long zeroCount() {
        return zeroCount;
    }

    /** The scale of the next export: the finest at most {@link #MAX_SCALE} with at most {@link #MAX_BUCKETS} buckets. */
    int scale() {
        if (counts.isEmpty()) return MAX_SCALE;
        int lo = counts.firstKey();
        int hi = counts.lastKey();
        int scale = MAX_SCALE;
        while (scale > -10 && (hi >> (MAX_SCALE - scale)) - (lo >> (MAX_SCALE - scale)) + 1 > MAX_BUCKETS) scale--;
        return scale;
    }

    /** The positive buckets at {@code scale} (from {@link #scale()}); immutable. */
    ExponentialHistogramBuckets positive(int scale) {
        if (counts.isEmpty()) return ImmutableExponentialHistogramBuckets.create(scale, 0, List.of());
        int shift = MAX_SCALE - scale;
        int offset = counts.firstKey() >> shift;
        List<Long> out = new ArrayList<>((counts.lastKey() >> shift) - offset + 1);
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            int i = (e.getKey() >> shift) - offset; // >> floors, as downscaling asks for negative indices too
            while (out.size() <= i) out.add(0L);
            out.set(i, out.get(i) + e.getValue());
        }
        return ImmutableExponentialHistogramBuckets.create(scale, offset, out);
    }
}
