package io.headroom.core.metric;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link IntervalPoint} of an {@link IntervalSnapshot}: what {@link MetricRegistry#closeInterval()} would have
 * returned for the same samples (every series, and for each metric of {@link MetricRegistry#INTERVAL_AGGREGATES} an
 * untagged aggregate in place of a raw untagged series). A distributed run's coordinator builds its per-second
 * history from merged snapshots with it. Stateless and thread-safe.
 */
public final class SnapshotPoints {
    private SnapshotPoints() {}

    /** The interval statistics of {@code snapshot}, at its offset. */
    public static IntervalPoint of(IntervalSnapshot snapshot) {
        Map<String, List<IntervalSnapshot.SeriesSnapshot>> byMetric = new LinkedHashMap<>();
        for (IntervalSnapshot.SeriesSnapshot s : snapshot.series()) {
            byMetric.computeIfAbsent(s.metric(), m -> new ArrayList<>()).add(s);
        }
        List<IntervalPoint.Series> points = new ArrayList<>();
        EndpointIntervals endpoints = new EndpointIntervals();
        byMetric.forEach((metric, series) -> {
            boolean aggregated = MetricRegistry.INTERVAL_AGGREGATES.contains(metric);
            if (aggregated) points.add(aggregate(metric, series));
            for (IntervalSnapshot.SeriesSnapshot s : series) {
                if (aggregated && s.tags().isEmpty()) continue;
                IntervalPoint.Series point = point(s);
                points.add(point);
                if (metric.equals(BuiltinMetrics.HTTP_REQ_DURATION) && s instanceof IntervalSnapshot.TrendSnapshot t) {
                    endpoints.add(point, t.histogram());
                }
            }
        });
        return new IntervalPoint(snapshot.offsetMillis(), points, endpoints.build());
    }

    private static IntervalPoint.Series point(IntervalSnapshot.SeriesSnapshot snapshot) {
        Tags tags = Tags.of(snapshot.tags());
        return switch (snapshot) {
            case IntervalSnapshot.CounterSnapshot c ->
                    new IntervalPoint.Series(c.metric(), MetricKind.COUNTER, tags, c.sum(), 0, 0, 0, 0, 0, 0, 0);
            case IntervalSnapshot.RateSnapshot r ->
                    new IntervalPoint.Series(r.metric(), MetricKind.RATE, tags, r.total(), r.nonZero(), 0, 0, 0, 0, 0, 0);
            case IntervalSnapshot.GaugeSnapshot g ->
                    new IntervalPoint.Series(g.metric(), MetricKind.GAUGE, tags, 0, 0, g.last(), g.min(), 0, 0, 0, g.max());
            case IntervalSnapshot.TrendSnapshot t -> TrendCell.intervalSeries(t.metric(), tags, t.histogram());
        };
    }

    private static IntervalPoint.Series aggregate(String metric, List<IntervalSnapshot.SeriesSnapshot> series) {
        if (series.size() == 1 && series.getFirst().tags().isEmpty()) return point(series.getFirst());
        IntervalSnapshot.SeriesSnapshot first = series.getFirst();
        Tags none = Tags.empty();
        switch (first.kind()) {
            case COUNTER -> {
                double sum = 0;
                for (var s : series) sum += ((IntervalSnapshot.CounterSnapshot) s).sum();
                return new IntervalPoint.Series(metric, MetricKind.COUNTER, none, sum, 0, 0, 0, 0, 0, 0, 0);
            }
            case RATE -> {
                long nonZero = 0, total = 0;
                for (var s : series) {
                    nonZero += ((IntervalSnapshot.RateSnapshot) s).nonZero();
                    total += ((IntervalSnapshot.RateSnapshot) s).total();
                }
                return new IntervalPoint.Series(metric, MetricKind.RATE, none, total, nonZero, 0, 0, 0, 0, 0, 0);
            }
            case GAUGE -> {
                var last = (IntervalSnapshot.GaugeSnapshot) series.getLast();
                double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                for (var s : series) {
                    min = Math.min(min, ((IntervalSnapshot.GaugeSnapshot) s).min());
                    max = Math.max(max, ((IntervalSnapshot.GaugeSnapshot) s).max());
                }
                return new IntervalPoint.Series(metric, MetricKind.GAUGE, none, 0, 0, last.last(), min, 0, 0, 0, max);
            }
            case TREND -> {
                Histogram sum = new Histogram(TrendCell.SIGNIFICANT_DIGITS);
                for (var s : series) sum.add(((IntervalSnapshot.TrendSnapshot) s).histogram());
                return TrendCell.intervalSeries(metric, none, sum);
            }
        }
        throw new AssertionError(first.kind());
    }
}
