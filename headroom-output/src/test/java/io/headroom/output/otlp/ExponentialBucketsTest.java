package io.headroom.output.otlp;

import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The exponential histogram's buckets: OpenTelemetry's index rule and the in-place downscale to at most 160 buckets. */
class ExponentialBucketsTest {
    @Test
    void aValueFallsInTheBucketWhoseUpperBoundIsItsOwnOrTheNextAbove() {
        // (base^i, base^(i+1)]: 1 is the upper bound of bucket -1, 2 that of bucket 2^8 - 1
        assertThat(ExponentialBuckets.index(1.0, 8)).isEqualTo(-1);
        assertThat(ExponentialBuckets.index(2.0, 8)).isEqualTo(255);
        assertThat(ExponentialBuckets.index(2.001, 8)).isEqualTo(256);
        assertThat(ExponentialBuckets.index(0.3, 0)).as("(0.25, 0.5] at scale 0").isEqualTo(-2);
        double base = Math.pow(2, 1 / 256.0);
        for (double v : new double[]{0.0001, 0.0123, 0.4, 3.7, 59.9}) {
            int i = ExponentialBuckets.index(v, 8);
            assertThat(Math.pow(base, i)).as("lower bound of %s", v).isLessThan(v);
            assertThat(Math.pow(base, i + 1)).as("upper bound of %s", v).isGreaterThanOrEqualTo(v * (1 - 1e-12));
        }
    }

    @Test
    void aNarrowRangeKeepsTheFinestScale() {
        ExponentialBuckets narrow = new ExponentialBuckets();
        narrow.add(0.010, 3);
        narrow.add(0.011, 2);
        assertThat(narrow.scale()).isEqualTo(ExponentialBuckets.MAX_SCALE);
        assertThat(narrow.positive().getTotalCount()).isEqualTo(5);
    }

    /**
     * Against a reference: every value's bucket at scale 8 in a map, downscaled at the end to the finest scale that
     * fits 160 buckets. Adding in any order, with downscales and rebases on the way, gives the same buckets.
     */
    @Test
    void downscalingInPlaceGivesTheReferencesBucketsAtTheFinestScaleThatFits() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            ExponentialBuckets buckets = new ExponentialBuckets();
            TreeMap<Integer, Long> atEight = new TreeMap<>();
            double spread = 0.1 + random.nextDouble() * 4; // from a narrow to a very wide trend
            for (int n = 0; n < 500; n++) {
                double v = Math.exp(random.nextGaussian() * spread - 3);
                long count = 1 + random.nextInt(5);
                buckets.add(v, count);
                atEight.merge(ExponentialBuckets.index(v, 8), count, Long::sum);
            }
            int scale = 8;
            while ((atEight.lastKey() >> (8 - scale)) - (atEight.firstKey() >> (8 - scale)) + 1 > ExponentialBuckets.MAX_BUCKETS) scale--;
            TreeMap<Integer, Long> expected = new TreeMap<>();
            int shift = 8 - scale;
            atEight.forEach((i, c) -> expected.merge(i >> shift, c, Long::sum));

            ExponentialHistogramBuckets got = buckets.positive();
            assertThat(buckets.scale()).as("trial %d, spread %s", trial, spread).isEqualTo(scale);
            assertThat(got.getBucketCounts()).hasSizeLessThanOrEqualTo(ExponentialBuckets.MAX_BUCKETS);
            assertThat(got.getOffset()).isEqualTo(expected.firstKey());
            List<Long> counts = got.getBucketCounts();
            for (int i = 0; i < counts.size(); i++) {
                assertThat(counts.get(i)).as("bucket %d", got.getOffset() + i).isEqualTo(expected.getOrDefault(got.getOffset() + i, 0L));
            }
        }
    }

    @Test
    void zeroGoesToTheZeroBucket() {
        ExponentialBuckets b = new ExponentialBuckets();
        b.add(0, 4);
        b.add(0.5, 1);
        assertThat(b.zeroCount()).isEqualTo(4);
        assertThat(b.positive().getTotalCount()).isEqualTo(1);
    }
}
