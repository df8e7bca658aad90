package io.headroom.core.metric;

import org.HdrHistogram.Histogram;

import java.util.List;

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
     * A distribution in the metric's unit (milliseconds for time). {@code count}, {@code min}, {@code max},
     * {@code sum} and so {@code avg} are exact, as k6's are (kept beside the histogram). {@code histogram} holds the
     * values multiplied by {@link #HISTOGRAM_SCALE} (so microseconds for time trends, 3 significant digits); do not
     * modify it. {@code exactValues} holds every value, sorted, while the series had at most
     * {@link #MAX_EXACT_VALUES} (empty otherwise): then percentiles are k6's, interpolated linearly between the
     * exact values; beyond, they come from the histogram. Immutable apart from the histogram's contract.
     *
     * @param exactValues never null; either empty or exactly {@code count} values in ascending order
     */
    record TrendStats(long count, double min, double max, double avg, double med, double p90, double p95,
                      double p99, double p999, Histogram histogram, double sum, List<Double> exactValues)
            implements SeriesStats {
        /** Histogram value = metric value × 1000: microsecond resolution for millisecond trends. */
        public static final double HISTOGRAM_SCALE = 1000.0;
        /** A series keeps its values (8 bytes each) up to this many, for k6's exact percentiles of small samples. */
        public static final int MAX_EXACT_VALUES = 256;

        public TrendStats {
            exactValues = exactValues == null ? List.of() : List.copyOf(exactValues);
            if (!exactValues.isEmpty() && exactValues.size() != count) {
                throw new IllegalArgumentException("exactValues has " + exactValues.size() + " values for a count of " + count);
            }
        }

        /** Statistics without exact values: the sum is {@code avg × count}. */
        public TrendStats(long count, double min, double max, double avg, double med, double p90, double p95,
                          double p99, double p999, Histogram histogram) {
            this(count, min, max, avg, med, p90, p95, p99, p999, histogram, avg * count, List.of());
        }

        /** The value at percentile {@code p} (0–100), in the metric's unit. */
        public double percentile(double p) {
            if (count == 0) return 0;
            if (!exactValues.isEmpty()) return k6Percentile(exactValues, p / 100);
            return histogram.getValueAtPercentile(p) / HISTOGRAM_SCALE;
        }

        /**
         * k6's percentile of sorted values (metrics/sink.go, TrendSink.P): the value at rank
         * {@code fraction × (n − 1)}, interpolated linearly between the two values around it.
         */
        static double k6Percentile(List<Double> sorted, double fraction) {
            int n = sorted.size();
            if (n == 1) return sorted.getFirst();
            double rank = fraction * (n - 1);
            double below = sorted.get((int) Math.floor(rank));
            double above = sorted.get((int) Math.ceil(rank));
            return below + (above - below) * (rank - Math.floor(rank));
        }

        /** {@link #percentile} in k6's notation: {@code p(99)} is the 99th percentile, in the metric's unit. */
        public double p(double percentile) {
            return percentile(percentile);
        }
    }
}
