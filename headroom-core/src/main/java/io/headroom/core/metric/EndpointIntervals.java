package io.headroom.core.metric;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code http_req_duration} per endpoint in one interval ({@link IntervalPoint#endpoints()}): the interval histograms
 * of every series of an endpoint (its status codes, scenarios, groups ...) merged, so its p50/p95/p99 are the
 * endpoint's own. An endpoint is its {@code name} tag (its {@code url} without one) and its {@code method}. At most
 * {@link #MAX_ENDPOINTS} per interval, the busiest; the rest are left out of that interval only. Not thread-safe: one
 * builder per interval close.
 */
public final class EndpointIntervals {
    /** Endpoints kept per interval: the busiest in it. */
    public static final int MAX_ENDPOINTS = 50;
    /** The canonical order of an interval's endpoints: busiest first, then by tags. */
    public static final Comparator<IntervalPoint.Series> ORDER = Comparator
            .comparingDouble((IntervalPoint.Series s) -> -s.count()).thenComparing(s -> s.tags().toString());

    private final Map<Tags, Part> parts = new HashMap<>();

    /** One endpoint's parts so far; {@code histogram} is null while it has one part (whose percentiles are kept). */
    private static final class Part {
        IntervalPoint.Series first;
        Histogram firstHistogram;
        Histogram merged;
        double count, sum, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    }

    /** The endpoint of a series' tags: its name (its url without one) and method; null when it has neither name nor url. */
    public static Tags endpoint(Tags tags) {
        String name = tags.get("name");
        String key = "name";
        if (name == null) {
            name = tags.get("url");
            key = "url";
        }
        if (name == null) return null;
        String method = tags.get("method");
        return method == null ? Tags.of(key, name) : Tags.of(key, name, "method", method);
    }

    /**
     * Adds one tagged {@code http_req_duration} series of the interval and its interval histogram (the series'
     * values scaled by {@link SeriesStats.TrendStats#HISTOGRAM_SCALE}); series without samples or endpoint are skipped.
     */
    public void add(IntervalPoint.Series series, Histogram histogram) {
        if (series.count() <= 0 || histogram == null || histogram.getTotalCount() == 0) return;
        Tags key = endpoint(series.tags());
        if (key == null) return;
        Part p = parts.computeIfAbsent(key, k -> new Part());
        if (p.first == null) {
            p.first = series;
            p.firstHistogram = histogram;
        } else {
            if (p.merged == null) {
                p.merged = new Histogram(TrendCell.SIGNIFICANT_DIGITS);
                p.merged.add(p.firstHistogram);
            }
            p.merged.add(histogram);
        }
        p.count += series.count();
        p.sum += series.sum();
        p.min = Math.min(p.min, series.min());
        p.max = Math.max(p.max, series.max());
    }

    /** The endpoints added, at most {@link #MAX_ENDPOINTS}, in canonical order. */
    public List<IntervalPoint.Series> build() {
        List<IntervalPoint.Series> out = new ArrayList<>(parts.size());
        double scale = SeriesStats.TrendStats.HISTOGRAM_SCALE;
        parts.forEach((key, p) -> {
            if (p.merged == null) {
                IntervalPoint.Series s = p.first;
                out.add(new IntervalPoint.Series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, key, s.count(), s.sum(),
                        0, s.min(), s.p50(), s.p95(), s.p99(), s.max()));
            } else {
                Histogram h = p.merged;
                out.add(new IntervalPoint.Series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, key, p.count, p.sum, 0,
                        p.min, within(h.getValueAtPercentile(50) / scale, p), within(h.getValueAtPercentile(95) / scale, p),
                        within(h.getValueAtPercentile(99) / scale, p), p.max));
            }
        });
        return canonical(out);
    }

    /** A percentile of the merged histogram kept within the parts' exact min and max (the histogram rounds). */
    private static double within(double value, Part p) {
        return Math.max(p.min, Math.min(p.max, value));
    }

    /** {@code endpoints} in canonical order, the busiest {@link #MAX_ENDPOINTS} only; an unmodifiable copy. */
    public static List<IntervalPoint.Series> canonical(List<IntervalPoint.Series> endpoints) {
        if (endpoints.isEmpty()) return List.of();
        List<IntervalPoint.Series> sorted = new ArrayList<>(endpoints);
        sorted.sort(ORDER);
        return List.copyOf(sorted.size() > MAX_ENDPOINTS ? sorted.subList(0, MAX_ENDPOINTS) : sorted);
    }
}
