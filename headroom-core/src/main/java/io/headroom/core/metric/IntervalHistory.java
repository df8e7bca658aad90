package io.headroom.core.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's interval points, kept for the whole run in bounded memory. Each point holds one {@link IntervalPoint.Series}
 * per series, so the history grows with run time × series: an hour of 23 series is 83,000 series-points (about 8 MB),
 * but a day of 8,000 (a thousand endpoints) would be 700 million. Past {@code maxSeriesPoints} the history is compacted:
 * every two neighbouring points become one that covers both (its offset is the later one's, so a reader that takes
 * an interval's length from the offsets, as every reader here does, still gets rates right), halving the resolution
 * of the whole history: 1 s, then 2 s, 4 s, ... Counts and sums of a merged interval are exact; min and max are
 * exact; its p50/p95/p99 are the larger of the two (a percentile of a union of two intervals lies between the two
 * intervals' percentiles, so this is an upper bound). The per-endpoint series ({@link IntervalPoint#endpoints()}) count
 * toward the budget and merge the same way. Not thread-safe: the engine's run thread adds to it.
 */
public final class IntervalHistory {
    /** The default budget: half a million series-points, about 50 MB at most. */
    public static final int DEFAULT_MAX_SERIES_POINTS = 500_000;

    private final int maxSeriesPoints;
    private List<IntervalPoint> points = new ArrayList<>();
    private long seriesPoints;
    private int compactions;

    /** @param maxSeriesPoints the most series-points kept before the history is compacted (at least 2) */
    public IntervalHistory(int maxSeriesPoints) {
        if (maxSeriesPoints < 2) throw new IllegalArgumentException("maxSeriesPoints must be at least 2");
        this.maxSeriesPoints = maxSeriesPoints;
    }

    public IntervalHistory() {
        this(DEFAULT_MAX_SERIES_POINTS);
    }

    /** Appends the interval that just closed, compacting the history first when it would pass its budget. */
    public void add(IntervalPoint point) {
        points.add(point);
        seriesPoints += size(point);
        while (seriesPoints > maxSeriesPoints && points.size() > 1) compact();
    }

    /** The points, oldest first; an unmodifiable copy. */
    public List<IntervalPoint> points() {
        return List.copyOf(points);
    }

    /** How many times the resolution was halved; 0 while every point is one interval. */
    public int compactions() {
        return compactions;
    }

    private void compact() {
        List<IntervalPoint> merged = new ArrayList<>(points.size() / 2 + 1);
        long total = 0;
        for (int i = 0; i < points.size(); i += 2) {
            IntervalPoint p = i + 1 < points.size() ? merge(points.get(i), points.get(i + 1)) : points.get(i);
            merged.add(p);
            total += size(p);
        }
        points = merged;
        seriesPoints = total;
        compactions++;
    }

    /** Series-points of a point: its series and its per-endpoint series. */
    private static int size(IntervalPoint p) {
        return p.series().size() + p.endpoints().size();
    }

    /** One point covering {@code earlier} and {@code later}: what the two intervals together saw. */
    static IntervalPoint merge(IntervalPoint earlier, IntervalPoint later) {
        return new IntervalPoint(later.offsetMillis(), merge(earlier.series(), later.series()),
                merge(earlier.endpoints(), later.endpoints()));
    }

    private static List<IntervalPoint.Series> merge(List<IntervalPoint.Series> earlier, List<IntervalPoint.Series> later) {
        Map<Key, IntervalPoint.Series> byKey = new LinkedHashMap<>();
        for (IntervalPoint.Series s : earlier) byKey.put(key(s), s);
        for (IntervalPoint.Series s : later) byKey.merge(key(s), s, IntervalHistory::merge);
        return new ArrayList<>(byKey.values());
    }

    static IntervalPoint.Series merge(IntervalPoint.Series a, IntervalPoint.Series b) {
        boolean distribution = a.kind() == MetricKind.TREND;
        // an empty trend interval has zeros for its distribution: it must not pull the min down
        boolean aSeen = !distribution || a.count() > 0;
        boolean bSeen = !distribution || b.count() > 0;
        double min = aSeen && bSeen ? Math.min(a.min(), b.min()) : aSeen ? a.min() : b.min();
        return new IntervalPoint.Series(a.metric(), a.kind(), a.tags(), a.count() + b.count(),
                a.kind() == MetricKind.GAUGE ? b.sum() : a.sum() + b.sum(), b.last(), min,
                Math.max(a.p50(), b.p50()), Math.max(a.p95(), b.p95()), Math.max(a.p99(), b.p99()),
                Math.max(a.max(), b.max()));
    }

    private record Key(String metric, Tags tags) {}

    private static Key key(IntervalPoint.Series s) {
        return new Key(s.metric(), s.tags());
    }
}
