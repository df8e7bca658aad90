package io.headroom.core.metric;

import org.HdrHistogram.Histogram;

/** The statistics of one series, by metric kind. */
public sealed interface SeriesStats {

    /** Total and total per second of run time. */
    record CounterStats(double count, double ratePerSecond) implements SeriesStats {}

    /** Last, smallest and largest value set. */
    record GaugeStats(double value, double min, double max) implements SeriesStats {}

    /** Non-zero ({@code passes}) and zero ({@code fails}) samples. */
    record RateStats(long passes, long fails) implements SeriesStats {
        /** passes / (passes + fails), or 0 with no samples. */
        public double rate() {
            long total = passes + fails;
            return total == 0 ? 0 : (double) passes / total;
        }
    }

    /**
     * A distribution in the metric's unit (milliseconds for time). {@code histogram} holds the values
     * multiplied by {@link #HISTOGRAM_SCALE} (so microseconds for time trends) and is the exact source
     * of every other field; do not modify it.
     */
    record TrendStats(long count, double min, double max, double avg, double med, double p90, double p95,
                      double p99, double p999, Histogram histogram) implements SeriesStats {
        /** Histogram value = metric value × 1000: microsecond resolution for millisecond trends. */
        public static final double HISTOGRAM_SCALE = 1000.0;

        /** The value at percentile {@code p} (0–100), in the metric's unit. */
        public double percentile(double p) {
            return count == 0 ? 0 : histogram.getValueAtPercentile(p) / HISTOGRAM_SCALE;
        }

        /** {@link #percentile} in k6's notation: {@code p(99)} is the 99th percentile, in the metric's unit. */
        public double p(double percentile) {
            return percentile(percentile);
        }
    }
}
