package io.headroom.output.stream;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.ValueType;
import org.HdrHistogram.Histogram;

/**
 * One series' interval as the numbers the streamed formats write: the {@code value} of k6's point (counter: the
 * second's sum; gauge: its last value; rate: the share of non-zero samples; trend: the mean) and the second's
 * aggregate beside it. Trend statistics in the metric's unit (ms for time), from the interval's HDR histogram
 * (3 significant digits) and its exact min, max and sum. Immutable.
 *
 * @param value     k6's {@code value}
 * @param count     samples in the second (counter and gauge: NaN; rate: all samples)
 * @param nonZero   a rate's non-zero samples (else NaN)
 * @param min       the smallest sample (NaN where not kept)
 * @param max       the largest sample (NaN where not kept)
 * @param sum       the sum of samples (a counter's value; NaN for gauges and rates)
 * @param p50       trend percentiles (else NaN)
 */
record IntervalValues(double value, double count, double nonZero, double min, double max, double sum, double p50,
                      double p90, double p95, double p99) {
    private static final double NONE = Double.NaN;

    static IntervalValues of(IntervalSnapshot.SeriesSnapshot s) {
        return switch (s) {
            case IntervalSnapshot.CounterSnapshot c -> new IntervalValues(c.sum(), NONE, NONE, NONE, NONE, c.sum(), NONE, NONE, NONE, NONE);
            case IntervalSnapshot.GaugeSnapshot g -> new IntervalValues(g.last(), NONE, NONE, g.min(), g.max(), NONE, NONE, NONE, NONE, NONE);
            case IntervalSnapshot.RateSnapshot r -> new IntervalValues(r.total() == 0 ? 0 : (double) r.nonZero() / r.total(),
                    r.total(), r.nonZero(), NONE, NONE, NONE, NONE, NONE, NONE, NONE);
            case IntervalSnapshot.TrendSnapshot t -> trend(t);
        };
    }

    /** k6's {@code contains}: time, data or default. */
    static String contains(ValueType type) {
        return switch (type) {
            case TIME -> "time";
            case DATA -> "data";
            case DEFAULT -> "default";
        };
    }

    private static IntervalValues trend(IntervalSnapshot.TrendSnapshot t) {
        Histogram h = t.histogram();
        long n = h.getTotalCount();
        if (n == 0) return new IntervalValues(0, 0, NONE, NONE, NONE, 0, NONE, NONE, NONE, NONE);
        double sum = Double.isNaN(t.sum()) ? h.getMean() * n / 1000 : t.sum();
        double min = Double.isNaN(t.min()) ? h.getMinValue() / 1000.0 : t.min();
        double max = Double.isNaN(t.max()) ? h.getMaxValue() / 1000.0 : t.max();
        return new IntervalValues(sum / n, n, NONE, min, max, sum, p(h, 50, min, max), p(h, 90, min, max),
                p(h, 95, min, max), p(h, 99, min, max));
    }

    /** Within the exact min and max: HDR's bucket may end a little above the largest value it holds. */
    private static double p(Histogram h, double percentile, double min, double max) {
        return Math.min(max, Math.max(min, h.getValueAtPercentile(percentile) / 1000.0));
    }
}
