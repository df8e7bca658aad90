package io.headroom.core.metric;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicBucketCountsTest {
    @Test
    void drainedCountsEqualAHistogramThatRecordedTheSameValues() {
        AtomicBucketCounts counts = new AtomicBucketCounts();
        Histogram direct = new Histogram(AtomicBucketCounts.SIGNIFICANT_DIGITS);
        long[] edges = {0, 1, 1023, 1024, 2047, 2048, 2049, 4095, 4096, 1_000_000, TrendCell.MAX_TIME_MICROS,
                TrendCell.MAX_OTHER_SCALED, Long.MAX_VALUE / 2, Long.MAX_VALUE};
        for (long v : edges) {
            counts.increment(v);
            direct.recordValue(v);
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            // every binary order of magnitude, and dense low values
            long v = i % 2 == 0 ? random.nextLong(5_000) : random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            counts.increment(v);
            direct.recordValue(v);
        }
        Histogram drained = new Histogram(AtomicBucketCounts.SIGNIFICANT_DIGITS);
        double valueSum = counts.drainInto(drained);
        assertThat(drained).isEqualTo(direct);
        assertThat(drained.getTotalCount()).isEqualTo(direct.getTotalCount());
        // not close to: equal, so interval means match what getMean() gave before
        assertThat(valueSum / drained.getTotalCount()).isEqualTo(direct.getMean());
        assertThat(drained.getMaxValue()).isEqualTo(direct.getMaxValue());
        assertThat(drained.getMinValue()).isEqualTo(direct.getMinValue());
        assertThat(drained.getValueAtPercentile(99.9)).isEqualTo(direct.getValueAtPercentile(99.9));
    }

    @Test
    void aDrainLeavesNothingBehindAndTheNextCountsOnlyNewValues() {
        AtomicBucketCounts counts = new AtomicBucketCounts();
        for (int i = 0; i < 1000; i++) counts.increment(300);
        Histogram first = new Histogram(AtomicBucketCounts.SIGNIFICANT_DIGITS);
        assertThat(counts.drainInto(first)).isEqualTo(300.0 * 1000);
        assertThat(first.getTotalCount()).isEqualTo(1000);
        Histogram empty = new Histogram(AtomicBucketCounts.SIGNIFICANT_DIGITS);
        assertThat(counts.drainInto(empty)).isZero();
        assertThat(empty.getTotalCount()).isZero();
        counts.increment(7);
        counts.increment(1_000_000);
        Histogram second = new Histogram(AtomicBucketCounts.SIGNIFICANT_DIGITS);
        assertThat(counts.drainInto(second) / 2).isEqualTo(second.getMean());
        assertThat(second.getTotalCount()).isEqualTo(2);
        assertThat(second.getMinValue()).isEqualTo(7);
        assertThat(second.getMaxValue()).isEqualTo(second.highestEquivalentValue(1_000_000));
    }

    @Test
    void everyValueRecordedWhileDrainingLandsInExactlyOneInterval() throws Exception {
        AtomicBucketCounts counts = new AtomicBucketCounts();
        int writers = 4, perWriter = 200_000;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int seed = w;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perWriter; i++) counts.increment(((long) i * 7919 + seed) % 50_000);
            }));
        }
        Histogram total = new Histogram(AtomicBucketCounts.SIGNIFICANT_DIGITS);
        Histogram interval = new Histogram(AtomicBucketCounts.SIGNIFICANT_DIGITS);
        int drains = 0;
        while (threads.stream().anyMatch(Thread::isAlive) && drains < 100_000) {
            interval.reset();
            counts.drainInto(interval);
            total.add(interval);
            drains++;
        }
        for (Thread t : threads) t.join();
        interval.reset();
        counts.drainInto(interval);
        total.add(interval);

        Histogram expected = new Histogram(AtomicBucketCounts.SIGNIFICANT_DIGITS);
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < perWriter; i++) expected.recordValue(((long) i * 7919 + w) % 50_000);
        }
        assertThat(total.getTotalCount()).isEqualTo((long) writers * perWriter);
        assertThat(total).isEqualTo(expected);
    }

    @Test
    void memoryFollowsTheSpreadOfTheValuesNotTheirNumber() {
        AtomicBucketCounts counts = new AtomicBucketCounts();
        for (int i = 0; i < 1_000_000; i++) counts.increment(0);
        assertThat(counts.chunkBytes()).isEqualTo(8 * 1024);
        // 100 µs to 26 ms: bucket 0 (two chunks) and buckets 1 to 4
        for (long v = 100; v < 26_000; v += 7) counts.increment(v);
        assertThat(counts.chunkBytes()).isEqualTo(6 * 8 * 1024);
    }
}
