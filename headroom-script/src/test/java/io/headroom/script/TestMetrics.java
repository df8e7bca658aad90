package io.headroom.script;

import io.headroom.core.metric.CounterSeries;
import io.headroom.core.metric.GaugeSeries;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.RateSeries;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.TrendSeries;
import io.headroom.core.metric.ValueType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Test-only metrics that keep every sample in maps, keyed by metric name and tags. */
public final class TestMetrics implements Metrics {
    /** Every sample of one series, in order. */
    public static final class Series {
        public final String name;
        public final Tags tags;
        public final char kind;
        public final List<Double> values = Collections.synchronizedList(new ArrayList<>());

        Series(String name, Tags tags, char kind) {
            this.name = name;
            this.tags = tags;
            this.kind = kind;
        }

        public double sum() {
            synchronized (values) {
                return values.stream().mapToDouble(Double::doubleValue).sum();
            }
        }

        public long count() {
            return values.size();
        }

        @Override
        public String toString() {
            return name + tags + "=" + values;
        }
    }

    private record Key(String name, Tags tags) {}

    private final Map<Key, Series> series = new ConcurrentHashMap<>();
    private final Map<String, Character> kinds = new ConcurrentHashMap<>();
    public final Map<Key, Integer> resolutions = new ConcurrentHashMap<>();

    private Series series(String name, Tags tags, char kind) {
        Character earlier = kinds.putIfAbsent(name, kind);
        if (earlier != null && earlier != kind) throw new IllegalArgumentException(name + " is already a " + earlier);
        resolutions.merge(new Key(name, tags), 1, Integer::sum);
        return series.computeIfAbsent(new Key(name, tags), k -> new Series(name, tags, kind));
    }

    @Override
    public CounterSeries counter(String name, ValueType valueType, Tags tags) {
        Series s = series(name, tags, 'c');
        return s.values::add;
    }

    @Override
    public RateSeries rate(String name, Tags tags) {
        Series s = series(name, tags, 'r');
        return nonZero -> s.values.add(nonZero ? 1.0 : 0.0);
    }

    @Override
    public TrendSeries trend(String name, ValueType valueType, Tags tags) {
        Series s = series(name, tags, 't');
        return s.values::add;
    }

    @Override
    public GaugeSeries gauge(String name, ValueType valueType, Tags tags) {
        Series s = series(name, tags, 'g');
        return s.values::add;
    }

    /** Every series of a metric. */
    public List<Series> all(String name) {
        return series.values().stream().filter(s -> s.name.equals(name)).collect(Collectors.toList());
    }

    /** Series of a metric whose tags include every key:value of {@code selector}. */
    public List<Series> matching(String name, String... selector) {
        Tags sel = Tags.of(selector);
        return all(name).stream().filter(s -> s.tags.matches(sel)).collect(Collectors.toList());
    }

    /** All samples of the matching series. */
    public List<Double> values(String name, String... selector) {
        List<Double> out = new ArrayList<>();
        for (Series s : matching(name, selector)) {
            synchronized (s.values) {
                out.addAll(s.values);
            }
        }
        return out;
    }

    public double sum(String name, String... selector) {
        return values(name, selector).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** How many times the series (name, tags) was resolved: the hot path should resolve once per combination. */
    public int resolutions(String name, Tags tags) {
        return resolutions.getOrDefault(new Key(name, tags), 0);
    }
}
