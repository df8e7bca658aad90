package io.headroom.output.otlp;

import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The exponential histogram's buckets: OpenTelemetry's index rule and the downscale to at most 160 buckets. */
class ExponentialBucketsTest {
    @Test
    void aValueFallsInTheBucketWhoseUpperBoundIsItsOwnOrTheNextAbove() {
        // (base^i, base^(i+1)]: 1 is the upper bound of bucket -1, 2 that of bucket 2^8 - 1
        assertThat(ExponentialBuckets.index(1.0)).isEqualTo(-1);
        assertThat(ExponentialBuckets.index(2.0)).isEqualTo(255);
        assertThat(ExponentialBuckets.index(2.001)).isEqualTo(256);
        double base = Math.pow(2, 1 / 256.0);
        for (double v : new double[]{0.0001, 0.0123, 0.4, 3.7, 59.9}) {
            int i = ExponentialBuckets.index(v);
            assertThat(Math.pow(base, i)).as("lower bound of %s", v).isLessThan(v);
            assertThat(Math.pow(base, i + 1)).as("upper bound of %s", v).isGreaterThanOrEqualTo(v * (1 - 1e-12));
        }
    }

    @Test
    void aNarrowRangeKeepsTheFinestScaleAndAWideOneIsDownscaledToAtMost160Buckets() {
        ExponentialBuckets narrow = new ExponentialBuckets();
        narrow.add(0.010, 3);
        narrow.add(0.011, 2);
        assertThat(narrow.scale()).isEqualTo(ExponentialBuckets.MAX_SCALE);

        ExponentialBuckets wide = new ExponentialBuckets();
        long total = 0;
        for (double v = 0.0001; v < 60; v *= 1.01) {
            wide.add(v, 1);
            total++;
        }
        wide.add(0, 4);
        int scale = wide.scale();
        assertThat(scale).isLessThan(ExponentialBuckets.MAX_SCALE);
        ExponentialHistogramBuckets b = wide.positive(scale);
        assertThat(b.getBucketCounts()).hasSizeLessThanOrEqualTo(ExponentialBuckets.MAX_BUCKETS);
        assertThat(wide.positive(scale + 1).getBucketCounts()).as("one scale finer is too many").hasSizeGreaterThan(ExponentialBuckets.MAX_BUCKETS);
        assertThat(b.getTotalCount()).isEqualTo(total);
        assertThat(wide.zeroCount()).isEqualTo(4);
        // 60 s still falls in the last bucket at the coarser scale
        double base = Math.pow(2, Math.pow(2, -scale));
        assertThat(Math.pow(base, b.getOffset() + b.getBucketCounts().size())).isGreaterThanOrEqualTo(59.9);
    }
}
