package io.headroom.report;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.GaugeStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Views of a {@link RunResult}'s series for reports: the aggregate of a metric and exact merges of the
 * tagged series a selector picks. Trends merge through their HDR histograms, so merged percentiles
 * are exact, never averages of percentiles.
 */
final class Aggregates {
    private Aggregates() {}

    /** Metric names in the order they first appear in the result. */
    static List<String> metricNames(RunResult result) {
        Set<String> names = new LinkedHashSet<>();
        for (SeriesResult s : result.series()) names.add(s.metric());
        return List.copyOf(names);
    }

    /** The untagged aggregate of {@code metric}, or the merge of all its series when the result lacks one. */
    static Optional<SeriesResult> aggregate(RunResult result, String metric) {
        for (SeriesResult s : result.series()) {
            if (s.metric().equals(metric) && s.tags().isEmpty()) return Optional.of(s);
        }
        return select(result, metric, Tags.empty());
    }

    /**
     * The merge of the tagged series of {@code metric} whose tags contain every entry of {@code selector};
     * the untagged aggregate is left out so that nothing is counted twice. Empty when none matches, or
     * when several gauges match (a gauge's last value does not merge).
     */
    static Optional<SeriesResult> select(RunResult result, String metric, Tags selector) {
        List<SeriesResult> matched = new ArrayList<>();
        for (SeriesResult s : result.series()) {
            if (s.metric().equals(metric) && !s.tags().isEmpty() && s.tags().matches(selector)) matched.add(s);
        }
        if (matched.isEmpty()) return Optional.empty();
        SeriesResult first = matched.get(0);
        if (matched.size() == 1) {
            return Optional.of(new SeriesResult(metric, first.kind(), first.valueType(), selector, first.stats()));
        }
        return merge(first.kind(), matched.stream().map(SeriesResult::stats).toList())
                .map(stats -> new SeriesResult(metric, first.kind(), first.valueType(), selector, stats));
    }

    /** Merges stats of one kind; empty for gauges (and for mixed kinds, which a valid result never has). */
    static Optional<SeriesStats> merge(MetricKind kind, List<SeriesStats> parts) {
        if (parts.size() == 1) return Optional.of(parts.get(0));
        switch (kind) {
            case COUNTER -> {
                double count = 0, perSecond = 0;
                for (SeriesStats p : parts) {
                    if (!(p instanceof CounterStats c)) return Optional.empty();
                    count += c.count();
                    perSecond += c.ratePerSecond();
                }
                return Optional.of(new CounterStats(count, perSecond));
            }
            case RATE -> {
                long passes = 0, fails = 0;
                for (SeriesStats p : parts) {
                    if (!(p instanceof RateStats r)) return Optional.empty();
                    passes += r.passes();
                    fails += r.fails();
                }
                return Optional.of(new RateStats(passes, fails));
            }
            case TREND -> {
                List<TrendStats> trends = new ArrayList<>();
                for (SeriesStats p : parts) {
                    if (!(p instanceof TrendStats t)) return Optional.empty();
                    trends.add(t);
                }
                return Optional.of(mergeTrends(trends));
            }
            case GAUGE -> {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Merges trends: count, min, max and mean from the parts' own fields (exact), percentiles from the
     * sum of their histograms. A part without a histogram makes the percentiles NaN rather than wrong.
     */
    static TrendStats mergeTrends(List<TrendStats> parts) {
        long count = 0;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        Histogram merged = null;
        boolean histogramsComplete = true;
        List<Double> values = new ArrayList<>();
        boolean valuesComplete = true;
        for (TrendStats t : parts) {
            if (t.count() == 0) continue;
            count += t.count();
            min = Math.min(min, t.min());
            max = Math.max(max, t.max());
            sum += t.sum();
            valuesComplete &= !t.exactValues().isEmpty() && count <= TrendStats.MAX_EXACT_VALUES;
            if (valuesComplete) values.addAll(t.exactValues());
            if (t.histogram() == null) {
                histogramsComplete = false;
            } else {
                if (merged == null) merged = new Histogram(t.histogram().getNumberOfSignificantValueDigits());
                merged.add(t.histogram());
            }
        }
        if (count == 0) {
            Histogram empty = parts.stream().map(TrendStats::histogram).filter(h -> h != null).findFirst()
                    .map(h -> new Histogram(h.getNumberOfSignificantValueDigits())).orElse(new Histogram(3));
            return new TrendStats(0, 0, 0, 0, 0, 0, 0, 0, 0, empty);
        }
        if (!histogramsComplete) merged = null;
        if (valuesComplete) {
            // every value is known: k6's percentiles, as the run itself reported them for each part
            values.sort(null);
            var exact = new TrendStats(count, min, max, sum / count, 0, 0, 0, 0, 0, merged, sum, values);
            return new TrendStats(count, min, max, sum / count, exact.percentile(50), exact.percentile(90),
                    exact.percentile(95), exact.percentile(99), exact.percentile(99.9), merged, sum, values);
        }
        return new TrendStats(count, min, max, sum / count, pct(merged, 50), pct(merged, 90), pct(merged, 95),
                pct(merged, 99), pct(merged, 99.9), merged, sum, List.of());
    }

    private static double pct(Histogram histogram, double percentile) {
        return histogram == null ? Double.NaN : histogram.getValueAtPercentile(percentile) / TrendStats.HISTOGRAM_SCALE;
    }
}
