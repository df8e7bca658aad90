package io.headroom.core.metric;

import io.headroom.core.time.NanoClock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The series store of one {@link MetricRegistry}: every metric's definition and cells by name and tag set, and
 * the series cap with its folding into {@link MetricRegistry#OTHER} series. Thread-safe; a series seen before is
 * one map lookup, lock-free and allocation-free but for its key; a new tag set takes the map's bin lock once.
 */
final class SeriesTable {
    /** The tags that vary per request without a {@code name:} and are folded first. */
    private static final Set<String> FOLDED_FIRST = Set.of("url", "name");

    private final NanoClock clock;
    private final int maxSeriesPerMetric;
    private final CopyOnWriteArrayList<String> cappedMetrics = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, MetricEntry> metrics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SeriesKey, SeriesCell> series = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /** A table holding the built-in metrics' definitions; {@code clock} is the gauges' clock. */
    SeriesTable(NanoClock clock, int maxSeriesPerMetric) {
        this.clock = clock;
        this.maxSeriesPerMetric = maxSeriesPerMetric;
        for (MetricDefinition builtin : MetricDefinition.builtins()) {
            metrics.put(builtin.name(), new MetricEntry(builtin, sequence.getAndIncrement()));
        }
    }

    record SeriesKey(String metric, Tags tags) {}

    /** One metric: its definition, its series in the order they were created, and its series cap state. */
    static final class MetricEntry {
        final MetricDefinition definition;
        final long sequence;
        final List<SeriesCell> cells = new CopyOnWriteArrayList<>();
        /** Series created from tag sets as recorded, and from folded ones; counted when created, under the map's bin lock. */
        final AtomicInteger ownSeries = new AtomicInteger();
        final AtomicInteger foldedSeries = new AtomicInteger();
        final AtomicBoolean capped = new AtomicBoolean();

        MetricEntry(MetricDefinition definition, long sequence) {
            this.definition = definition;
            this.sequence = sequence;
        }
    }

    /**
     * The series of {@code name} with {@code tags}, created on first use (a custom metric is defined by it), or its
     * fold once the metric reached its cap.
     *
     * @throws IllegalArgumentException when {@code name} is in use as another kind or value type
     */
    SeriesCell resolve(String name, MetricKind kind, ValueType valueType, Tags tags) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(tags, "tags");
        SeriesKey key = new SeriesKey(name, tags);
        SeriesCell cell = series.get(key);
        if (cell != null) {
            cell.definition.requireUsableAs(kind, valueType);
            return cell;
        }
        MetricEntry entry = metrics.computeIfAbsent(name,
                n -> new MetricEntry(new MetricDefinition(n, kind, valueType, false), sequence.getAndIncrement()));
        entry.definition.requireUsableAs(kind, valueType);
        // A capped metric claims no more own series (claims are never given back), so a new tag set goes straight to
        // its fold: no bin lock and no shared counter written by every VU per request of a URL with an id in it.
        if (entry.capped.get()) return folded(entry, name, tags);
        SeriesCell created = series.computeIfAbsent(key, k -> claim(entry.ownSeries, maxSeriesPerMetric) ? add(entry, tags) : null);
        return created != null ? created : folded(entry, name, tags);
    }

    /**
     * The series a new tag set of a capped metric is recorded in: its url and name {@link MetricRegistry#OTHER} while the metric
     * has room for folded series, else every value {@link MetricRegistry#OTHER}. Reached only by a new tag set, so the common
     * path (a series seen before) stays one map lookup.
     */
    private SeriesCell folded(MetricEntry entry, String name, Tags tags) {
        if (entry.capped.compareAndSet(false, true)) cappedMetrics.add(name);
        Tags urlAndName = tags;
        for (String key : FOLDED_FIRST) if (tags.get(key) != null) urlAndName = urlAndName.with(key, MetricRegistry.OTHER);
        if (urlAndName != tags) {
            SeriesKey key = new SeriesKey(name, urlAndName);
            SeriesCell cell = series.get(key);
            if (cell != null) return cell;
            Tags finalTags = urlAndName;
            cell = series.computeIfAbsent(key, k -> claim(entry.foldedSeries, MetricRegistry.MAX_FOLDED_SERIES_PER_METRIC) ? add(entry, finalTags) : null);
            if (cell != null) return cell;
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (String k : tags.asMap().keySet()) all.put(k, MetricRegistry.OTHER);
        Tags allOther = Tags.of(all);
        return series.computeIfAbsent(new SeriesKey(name, allOther), k -> add(entry, allOther));
    }

    /** Takes one of {@code limit} places; false when all are taken. */
    private static boolean claim(AtomicInteger count, int limit) {
        // Runs inside computeIfAbsent for a new key only; a failed claim is given back.
        if (count.incrementAndGet() <= limit) return true;
        count.decrementAndGet();
        return false;
    }

    private SeriesCell add(MetricEntry entry, Tags tags) {
        SeriesCell created = newCell(entry.definition, tags);
        entry.cells.add(created);
        return created;
    }

    private SeriesCell newCell(MetricDefinition definition, Tags tags) {
        long seq = sequence.getAndIncrement();
        return switch (definition.kind()) {
            case COUNTER -> new CounterCell(definition, tags, seq);
            case RATE -> new RateCell(definition, tags, seq);
            case GAUGE -> new GaugeCell(definition, tags, seq, clock);
            case TREND -> new TrendCell(definition, tags, seq);
        };
    }

    /** The metric named {@code name}; null when it is neither built in nor used so far. */
    MetricEntry entry(String name) {
        return metrics.get(name);
    }

    /** Every series of every metric, in no particular order. */
    Collection<SeriesCell> cells() {
        return series.values();
    }

    /** The number of series. */
    int size() {
        return series.size();
    }

    /** The metrics that reached their series cap, in the order they did; a snapshot. */
    List<String> cappedMetrics() {
        return List.copyOf(cappedMetrics);
    }

    /** Distinct tag sets a metric may have before new ones are folded. */
    int maxSeriesPerMetric() {
        return maxSeriesPerMetric;
    }

    /** Every metric, those with series in the order of their first series, then those without. */
    List<MetricEntry> orderedEntries() {
        List<MetricEntry> entries = new ArrayList<>(metrics.values());
        entries.sort(Comparator.comparingLong(e -> e.cells.isEmpty() ? Long.MAX_VALUE : e.cells.getFirst().sequence));
        return entries;
    }
}
