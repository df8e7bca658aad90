package io.headroom.core.metric;

import org.HdrHistogram.Histogram;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The raw samples of one interval of one generator, for distributed runs: counter sums, rate counts, gauge
 * values and each trend's interval histogram in HdrHistogram's compressed encoding (base64). Snapshots are
 * serialisable (Java serialisation, or as plain records of strings and numbers) and {@link #merge merge}
 * exactly: merging the snapshots of several generators gives what one registry recording every sample would
 * have given. Immutable; thread-safe.
 */
public record IntervalSnapshot(long offsetMillis, List<SeriesSnapshot> series) implements Serializable {
    private static final long serialVersionUID = 1L;

    public IntervalSnapshot {
        series = List.copyOf(series);
    }

    /** One series during the interval; {@code tags} is sorted by key. */
    public sealed interface SeriesSnapshot extends Serializable {
        String metric();

        MetricKind kind();

        ValueType valueType();

        Map<String, String> tags();
    }

    /** The sum added to a counter. */
    public record CounterSnapshot(String metric, ValueType valueType, Map<String, String> tags, double sum)
            implements SeriesSnapshot {
        private static final long serialVersionUID = 1L;

        public CounterSnapshot {
            tags = sorted(tags);
        }

        public MetricKind kind() {
            return MetricKind.COUNTER;
        }
    }

    /** Non-zero samples and all samples of a rate. */
    public record RateSnapshot(String metric, Map<String, String> tags, long nonZero, long total) implements SeriesSnapshot {
        private static final long serialVersionUID = 1L;

        public RateSnapshot {
            tags = sorted(tags);
        }

        public MetricKind kind() {
            return MetricKind.RATE;
        }

        public ValueType valueType() {
            return ValueType.DEFAULT;
        }
    }

    /** A gauge's last value and its min and max during the interval. */
    public record GaugeSnapshot(String metric, ValueType valueType, Map<String, String> tags, double last, double min,
                                double max) implements SeriesSnapshot {
        private static final long serialVersionUID = 1L;

        public GaugeSnapshot {
            tags = sorted(tags);
        }

        public MetricKind kind() {
            return MetricKind.GAUGE;
        }
    }

    /**
     * A trend's interval histogram (values × 1000, HdrHistogram compressed encoding, base64), how many of its
     * values were clamped into range, and the exact min, max and sum of its values in the metric's unit (+∞, −∞
     * and 0 for an empty interval; NaN when not known, and then the histogram's stand in).
     */
    public record TrendSnapshot(String metric, ValueType valueType, Map<String, String> tags, String histogramBase64,
                                long clamped, double min, double max, double sum) implements SeriesSnapshot {
        private static final long serialVersionUID = 2L;

        public TrendSnapshot {
            tags = sorted(tags);
            Objects.requireNonNull(histogramBase64, "histogramBase64");
        }

        /** A snapshot without exact min, max and sum (NaN). */
        public TrendSnapshot(String metric, ValueType valueType, Map<String, String> tags, String histogramBase64, long clamped) {
            this(metric, valueType, tags, histogramBase64, clamped, Double.NaN, Double.NaN, Double.NaN);
        }

        public MetricKind kind() {
            return MetricKind.TREND;
        }

        /** A fresh decoded copy of the histogram. */
        public Histogram histogram() {
            return HistogramCodec.decode(histogramBase64);
        }
    }

    /**
     * Merges snapshots series by series (same metric and tags): counters and rates add, trend histograms add
     * (exact), gauges take the smallest min, the largest max and the last value of the last snapshot (in argument
     * order) that has the series. The offset is the largest. A metric with different kinds or value types in two
     * snapshots is an {@link IllegalArgumentException}.
     */
    public static IntervalSnapshot merge(IntervalSnapshot... snapshots) {
        return merge(List.of(snapshots));
    }

    /** As {@link #merge(IntervalSnapshot...)}. */
    public static IntervalSnapshot merge(List<IntervalSnapshot> snapshots) {
        long offset = 0;
        Map<String, MetricKind> kinds = new TreeMap<>();
        Map<List<Object>, SeriesSnapshot> merged = new LinkedHashMap<>();
        for (IntervalSnapshot snapshot : snapshots) {
            offset = Math.max(offset, snapshot.offsetMillis());
            for (SeriesSnapshot s : snapshot.series()) {
                MetricKind known = kinds.putIfAbsent(s.metric(), s.kind());
                if (known != null && known != s.kind()) {
                    throw new IllegalArgumentException("metric \"" + s.metric() + "\" is a " + known.name().toLowerCase()
                            + " in one snapshot and a " + s.kind().name().toLowerCase() + " in another");
                }
                merged.merge(List.of(s.metric(), s.tags()), s, IntervalSnapshot::mergeSeries);
            }
        }
        return new IntervalSnapshot(offset, new ArrayList<>(merged.values()));
    }

    private static SeriesSnapshot mergeSeries(SeriesSnapshot a, SeriesSnapshot b) {
        if (a.valueType() != b.valueType()) {
            throw new IllegalArgumentException("metric \"" + a.metric() + "\" holds " + a.valueType() + " values in one snapshot and "
                    + b.valueType() + " in another");
        }
        return switch (a) {
            case CounterSnapshot c -> new CounterSnapshot(c.metric(), c.valueType(), c.tags(), c.sum() + ((CounterSnapshot) b).sum());
            case RateSnapshot r -> {
                var o = (RateSnapshot) b;
                yield new RateSnapshot(r.metric(), r.tags(), r.nonZero() + o.nonZero(), r.total() + o.total());
            }
            case GaugeSnapshot g -> {
                var o = (GaugeSnapshot) b;
                yield new GaugeSnapshot(g.metric(), g.valueType(), g.tags(), o.last(), Math.min(g.min(), o.min()),
                        Math.max(g.max(), o.max()));
            }
            case TrendSnapshot t -> {
                var o = (TrendSnapshot) b;
                Histogram sum = t.histogram();
                sum.add(o.histogram());
                // NaN (unknown) stays unknown: Math.min, Math.max and + all propagate it
                yield new TrendSnapshot(t.metric(), t.valueType(), t.tags(), HistogramCodec.encode(sum), t.clamped() + o.clamped(),
                        Math.min(t.min(), o.min()), Math.max(t.max(), o.max()), t.sum() + o.sum());
            }
        };
    }

    private static Map<String, String> sorted(Map<String, String> tags) {
        SortedMap<String, String> copy = new TreeMap<>(Objects.requireNonNull(tags, "tags"));
        return Collections.unmodifiableSortedMap(copy);
    }
}
