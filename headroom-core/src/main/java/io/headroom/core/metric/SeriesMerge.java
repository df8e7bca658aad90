package io.headroom.core.metric;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

import java.util.List;
import java.util.Map;

/**
 * Merges several series of one metric (all cells of one kind) into one set of statistics: cumulative, over the
 * interval that closed last, or as an untagged interval aggregate. Trends merge exactly, by adding histograms.
 * Called by {@link MetricRegistry} under its lock only (the cells' interval-side state is guarded by it); never
 * on the recording path.
 */
final class SeriesMerge {
    private SeriesMerge() {}

    /**
     * The cumulative statistics of {@code cells} (non-empty, one kind): counters' rate per second over
     * {@code runSeconds}; gauges: the value set last, overall min and max; trends in a new packed histogram.
     */
    static SeriesStats cumulative(List<SeriesCell> cells, double runSeconds) {
        return switch (cells.getFirst()) {
            case CounterCell ignored -> {
                double sum = 0;
                for (SeriesCell c : cells) sum += ((CounterCell) c).cumulative();
                yield new SeriesStats.CounterStats(sum, runSeconds > 0 ? sum / runSeconds : 0);
            }
            case RateCell ignored -> {
                long passes = 0, fails = 0;
                for (SeriesCell c : cells) {
                    passes += ((RateCell) c).passes();
                    fails += ((RateCell) c).fails();
                }
                yield new SeriesStats.RateStats(passes, fails);
            }
            case GaugeCell ignored -> {
                GaugeCell latest = null;
                double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                for (SeriesCell c : cells) {
                    GaugeCell g = (GaugeCell) c;
                    if (latest == null || g.lastSetNanos() - latest.lastSetNanos() > 0) latest = g;
                    min = Math.min(min, g.min());
                    max = Math.max(max, g.max());
                }
                yield new SeriesStats.GaugeStats(latest.last(), min, max);
            }
            case TrendCell ignored -> {
                // Packed: a result keeps its histogram for as long as reports are written, so its size matters more
                // than the speed of adding into it (the cells' own cumulative histograms are plain, for fast adds).
                Histogram sum = new PackedHistogram(TrendCell.SIGNIFICANT_DIGITS);
                boolean known = true;
                double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, valueSum = 0;
                int exactCount = 0;
                for (SeriesCell c : cells) {
                    TrendCell t = (TrendCell) c;
                    sum.add(t.cumulative());
                    known &= t.exactStatsKnown();
                    min = Math.min(min, t.exactMin());
                    max = Math.max(max, t.exactMax());
                    valueSum += t.exactSum();
                    double[] values = t.exactValues();
                    exactCount = values == null || exactCount < 0 ? -1 : exactCount + values.length;
                }
                if (!known || sum.getTotalCount() == 0) yield trendStats(sum);
                List<Double> exact = List.of();
                if (exactCount > 0 && exactCount <= SeriesStats.TrendStats.MAX_EXACT_VALUES) {
                    double[] all = new double[exactCount];
                    int at = 0;
                    for (SeriesCell c : cells) {
                        double[] values = ((TrendCell) c).exactValues();
                        System.arraycopy(values, 0, all, at, values.length);
                        at += values.length;
                    }
                    java.util.Arrays.sort(all);
                    exact = java.util.Arrays.stream(all).boxed().toList();
                }
                yield trendStats(sum, min, max, valueSum, exact);
            }
        };
    }

    /**
     * The statistics of {@code cells} (non-empty, one kind) over the interval that closed last, which lasted
     * {@code intervalSeconds} (counters: the sum in it, with its rate per second; gauges: as {@link #cumulative}).
     */
    static SeriesStats lastInterval(List<SeriesCell> cells, double intervalSeconds, double runSeconds) {
        return switch (cells.getFirst()) {
            case CounterCell ignored -> {
                double sum = 0;
                for (SeriesCell c : cells) sum += ((CounterCell) c).lastInterval();
                yield new SeriesStats.CounterStats(sum, intervalSeconds > 0 ? sum / intervalSeconds : 0);
            }
            case RateCell ignored -> {
                long nonZero = 0, total = 0;
                for (SeriesCell c : cells) {
                    nonZero += ((RateCell) c).lastNonZero();
                    total += ((RateCell) c).lastTotal();
                }
                yield new SeriesStats.RateStats(nonZero, total - nonZero);
            }
            case GaugeCell ignored -> cumulative(cells, runSeconds);
            case TrendCell ignored -> {
                Histogram sum = new Histogram(TrendCell.SIGNIFICANT_DIGITS);
                for (SeriesCell c : cells) {
                    Histogram h = ((TrendCell) c).lastInterval();
                    if (h != null && h.getTotalCount() > 0) sum.add(h);
                }
                yield trendStats(sum);
            }
        };
    }

    /**
     * The untagged series of {@code definition} over the interval that closed last, aggregating all its
     * {@code cells} (at least one observed). Trends add into a histogram per metric kept in {@code scratch} and
     * reused every interval.
     */
    static IntervalPoint.Series lastIntervalAggregate(MetricDefinition definition, List<SeriesCell> cells,
                                                      Map<String, Histogram> scratch) {
        String metric = definition.name();
        switch (definition.kind()) {
            case COUNTER -> {
                double sum = 0;
                for (SeriesCell c : cells) sum += ((CounterCell) c).lastInterval();
                return new IntervalPoint.Series(metric, MetricKind.COUNTER, Tags.empty(), sum, 0, 0, 0, 0, 0, 0, 0);
            }
            case RATE -> {
                long nonZero = 0, total = 0;
                for (SeriesCell c : cells) {
                    nonZero += ((RateCell) c).lastNonZero();
                    total += ((RateCell) c).lastTotal();
                }
                return new IntervalPoint.Series(metric, MetricKind.RATE, Tags.empty(), total, nonZero, 0, 0, 0, 0, 0, 0);
            }
            case GAUGE -> {
                GaugeCell latest = null;
                double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                for (SeriesCell c : cells) {
                    GaugeCell g = (GaugeCell) c;
                    if (!g.observed()) continue;
                    if (latest == null || g.lastSetNanos() - latest.lastSetNanos() > 0) latest = g;
                    min = Math.min(min, g.lastIntervalMin());
                    max = Math.max(max, g.lastIntervalMax());
                }
                return new IntervalPoint.Series(metric, MetricKind.GAUGE, Tags.empty(), 0, 0, latest.last(), min, 0, 0, 0, max);
            }
            case TREND -> {
                Histogram sum = scratch.computeIfAbsent(metric, m -> new Histogram(TrendCell.SIGNIFICANT_DIGITS));
                sum.reset();
                for (SeriesCell c : cells) {
                    Histogram h = ((TrendCell) c).lastInterval();
                    if (h != null && h.getTotalCount() > 0) sum.add(h);
                }
                return TrendCell.intervalSeries(metric, Tags.empty(), sum);
            }
        }
        throw new AssertionError(definition.kind());
    }

    /**
     * The statistics of a histogram of values × 1000 with the exact {@code min}, {@code max} and {@code sum} of its
     * values, and all of them sorted ({@code exact}, of the histogram's count) or none; percentiles from
     * {@code exact} when given (k6's interpolation), else from the histogram, which is kept (not copied).
     */
    static SeriesStats.TrendStats trendStats(Histogram h, double min, double max, double sum, List<Double> exact) {
        long count = h.getTotalCount();
        if (count == 0) return trendStats(h);
        List<Double> values = exact.size() == count ? exact : List.of();
        var partial = new SeriesStats.TrendStats(count, min, max, sum / count, 0, 0, 0, 0, 0, h, sum, values);
        return new SeriesStats.TrendStats(count, min, max, sum / count, partial.percentile(50), partial.percentile(90),
                partial.percentile(95), partial.percentile(99), partial.percentile(99.9), h, sum, values);
    }

    /** The statistics of a histogram of values × 1000; the histogram is kept (not copied) in the result. */
    static SeriesStats.TrendStats trendStats(Histogram h) {
        long count = h.getTotalCount();
        if (count == 0) return new SeriesStats.TrendStats(0, 0, 0, 0, 0, 0, 0, 0, 0, h);
        double scale = SeriesStats.TrendStats.HISTOGRAM_SCALE;
        return new SeriesStats.TrendStats(count, h.getMinValue() / scale, h.getMaxValue() / scale, h.getMean() / scale,
                h.getValueAtPercentile(50) / scale, h.getValueAtPercentile(90) / scale, h.getValueAtPercentile(95) / scale,
                h.getValueAtPercentile(99) / scale, h.getValueAtPercentile(99.9) / scale, h);
    }
}
