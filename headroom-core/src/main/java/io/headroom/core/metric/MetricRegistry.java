package io.headroom.core.metric;

import io.headroom.core.time.NanoClock;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The metrics of one run: every tagged series of every metric, recorded lock-free from any number of VUs,
 * and folded once per interval ({@link #closeInterval()}) into cumulative state that thresholds
 * ({@link #aggregate}) and results ({@link #results()}) read. Built-in metrics have their k6 kinds; custom
 * metrics are defined by their first use. Recording methods are thread-safe and lock-free; the reading
 * methods are synchronized on the registry (taken only by the interval thread and readers, never by VUs) and
 * see the state as of the last closed interval.
 */
public final class MetricRegistry implements Metrics {
    /** Metrics that get an untagged aggregate over all their series in every {@link IntervalPoint}, for cheap charts. */
    public static final Set<String> INTERVAL_AGGREGATES = Set.of(BuiltinMetrics.HTTP_REQS, BuiltinMetrics.HTTP_REQ_DURATION,
            BuiltinMetrics.HTTP_REQ_FAILED, BuiltinMetrics.ITERATIONS, BuiltinMetrics.VUS);

    /** Distinct tag sets a metric gets by default before new ones are folded ({@link #OTHER}). */
    public static final int DEFAULT_MAX_SERIES_PER_METRIC = 1000;
    /** Further series of folded tag sets (url and name {@link #OTHER}, other tags kept) a capped metric may get. */
    public static final int MAX_FOLDED_SERIES_PER_METRIC = 100;
    /** The value that replaces a varying tag value once its metric has reached its series cap. */
    public static final String OTHER = "[other]";

    private final NanoClock clock;
    private final SeriesTable table;
    private final Map<String, Histogram> scratch = new ConcurrentHashMap<>();
    private final ErrorSampler errorSampler;
    /** The slowest requests per endpoint; bounded by {@link #MAX_EXEMPLAR_ENDPOINTS}. */
    private final ConcurrentHashMap<Tags, SlowestRequests> slowest = new ConcurrentHashMap<>();
    private final AtomicBoolean exemplarEndpointsCapped = new AtomicBoolean();

    // guarded by this
    private long epochNanos;
    private long lastCloseNanos;
    private long previousCloseNanos;

    /** A registry with {@link #DEFAULT_MAX_SERIES_PER_METRIC} series per metric. */
    public MetricRegistry(NanoClock clock) {
        this(clock, DEFAULT_MAX_SERIES_PER_METRIC);
    }

    /**
     * @param maxSeriesPerMetric distinct tag sets one metric may have; beyond it new tag sets are folded: their
     *                           {@code url} and {@code name} become {@link #OTHER} (up to
     *                           {@link #MAX_FOLDED_SERIES_PER_METRIC} such series), then every value does, so a
     *                           metric never holds more than {@code maxSeriesPerMetric + MAX_FOLDED_SERIES_PER_METRIC}
     *                           series plus one per set of tag names (a handful: with or without error_code, ...);
     *                           positive
     */
    public MetricRegistry(NanoClock clock, int maxSeriesPerMetric) {
        if (maxSeriesPerMetric <= 0) throw new IllegalArgumentException("maxSeriesPerMetric must be positive: " + maxSeriesPerMetric);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.table = new SeriesTable(clock, maxSeriesPerMetric);
        this.epochNanos = clock.nanoTime();
        this.lastCloseNanos = epochNanos;
        this.previousCloseNanos = epochNanos;
        this.errorSampler = new ErrorSampler(clock, epochNanos);
    }

    /** Error codes that get a sample; occurrences of further codes are not sampled (their metrics still count). */
    public static final int MAX_ERROR_CODES = 100;
    /** Longer first messages are cut to this many characters. */
    public static final int MAX_ERROR_MESSAGE_CHARS = 500;

    // ---- recording side (any thread) ----

    @Override
    public CounterSeries counter(String name, ValueType valueType, Tags tags) {
        return (CounterCell) table.resolve(name, MetricKind.COUNTER, valueType, tags);
    }

    @Override
    public RateSeries rate(String name, Tags tags) {
        return (RateCell) table.resolve(name, MetricKind.RATE, ValueType.DEFAULT, tags);
    }

    @Override
    public TrendSeries trend(String name, ValueType valueType, Tags tags) {
        return (TrendCell) table.resolve(name, MetricKind.TREND, valueType, tags);
    }

    @Override
    public GaugeSeries gauge(String name, ValueType valueType, Tags tags) {
        return (GaugeCell) table.resolve(name, MetricKind.GAUGE, valueType, tags);
    }

    /**
     * Counts one occurrence of {@code errorCode}, keeping {@code message} if it is the code's first. After
     * the first occurrence of a code this is a map lookup and an add: no allocation, no lock.
     */
    @Override
    public void errorSample(String errorCode, String message) {
        errorSampler.record(errorCode, message);
    }

    /** Endpoints that keep their slowest requests ({@link #slowestRequests}); further ones keep none. */
    public static final int MAX_EXEMPLAR_ENDPOINTS = DEFAULT_MAX_SERIES_PER_METRIC;

    /**
     * The slowest-requests handle of {@code endpoint}, created on first use; past {@link #MAX_EXEMPLAR_ENDPOINTS}
     * endpoints a new one gets {@link SlowestRequests#DISCARDING} and {@link #exemplarEndpointsCapped()} says so.
     */
    @Override
    public SlowestRequests slowestRequests(Tags endpoint) {
        SlowestRequests s = slowest.get(endpoint);
        if (s != null) return s;
        if (slowest.size() >= MAX_EXEMPLAR_ENDPOINTS) {
            exemplarEndpointsCapped.set(true);
            return SlowestRequests.DISCARDING;
        }
        return slowest.computeIfAbsent(endpoint, e -> new SlowestRequests(e, clock, Exemplar.PER_ENDPOINT));
    }

    /** True when some endpoint got no slowest-requests handle because {@link #MAX_EXEMPLAR_ENDPOINTS} were in use. */
    public boolean exemplarEndpointsCapped() {
        return exemplarEndpointsCapped.get();
    }

    /**
     * The slowest requests kept so far, by endpoint (in the order of their tags' text), slowest first within one;
     * start offsets count from the run start. Empty when no request carried a trace id.
     */
    public synchronized List<Exemplar> exemplars() {
        List<Exemplar> out = new ArrayList<>();
        slowest.values().stream().sorted(Comparator.comparing(s -> s.exemplarsEndpoint().toString()))
                .forEach(s -> out.addAll(s.exemplars(epochNanos)));
        return out;
    }

    /** The error samples recorded so far, ordered by code; empty when nothing failed. */
    public List<ErrorSample> errorSamples() {
        return errorSampler.samples();
    }

    /**
     * The metrics that reached their series cap, in the order they did; thread-safe, a snapshot. Their further tag
     * sets went into {@link #OTHER} series: typically a URL with an id in it and no {@code name:}.
     */
    public List<String> cappedMetrics() {
        return table.cappedMetrics();
    }

    /** Distinct tag sets a metric may have before new ones are folded. */
    public int maxSeriesPerMetric() {
        return table.maxSeriesPerMetric();
    }

    // ---- definitions ----

    /** The definition of {@code name}: a built-in, or a custom metric used so far; empty otherwise. */
    public Optional<MetricDefinition> definition(String name) {
        SeriesTable.MetricEntry entry = table.entry(name);
        return entry == null ? Optional.empty() : Optional.of(entry.definition);
    }

    // ---- interval side (one thread at a time) ----

    /** Restarts the clock of the run: interval offsets and counter rates count from now. */
    public synchronized void markRunStart() {
        epochNanos = clock.nanoTime();
        errorSampler.restart(epochNanos);
        lastCloseNanos = epochNanos;
        previousCloseNanos = epochNanos;
    }

    /** Nanoseconds from the run start to the last closed interval. */
    public synchronized long elapsedNanos() {
        return lastCloseNanos - epochNanos;
    }

    /** The length of the interval that closed last, in seconds. */
    public synchronized double lastIntervalSeconds() {
        return (lastCloseNanos - previousCloseNanos) / 1e9;
    }

    /** A closed interval: its statistics, and the raw mergeable snapshot when asked for. */
    public record ClosedInterval(IntervalPoint point, IntervalSnapshot snapshot) {}

    /**
     * Ends the current interval (normally once a second): swaps every trend's interval histogram, folds every
     * series into its cumulative state, and returns the interval's statistics: every series that had samples
     * in it (every gauge once set), plus for each metric of {@link #INTERVAL_AGGREGATES} an untagged series
     * aggregating all its series (which replaces a raw series with empty tags).
     */
    public IntervalPoint closeInterval() {
        return close(false).point();
    }

    /** As {@link #closeInterval()}, also encoding the interval's raw samples as a mergeable {@link IntervalSnapshot}. */
    public ClosedInterval closeIntervalWithSnapshot() {
        return close(true);
    }

    private synchronized ClosedInterval close(boolean withSnapshot) {
        long now = clock.nanoTime();
        long offsetMillis = (now - epochNanos) / 1_000_000;
        List<IntervalPoint.Series> points = new ArrayList<>();
        List<IntervalSnapshot.SeriesSnapshot> snapshots = withSnapshot ? new ArrayList<>() : null;
        EndpointIntervals endpoints = new EndpointIntervals();
        for (SeriesTable.MetricEntry entry : table.orderedEntries()) {
            boolean aggregated = INTERVAL_AGGREGATES.contains(entry.definition.name()) && !entry.cells.isEmpty();
            boolean duration = entry.definition.name().equals(BuiltinMetrics.HTTP_REQ_DURATION);
            int aggregateAt = points.size();
            for (SeriesCell cell : entry.cells) {
                cell.closeInterval();
                if (!cell.activeInLastInterval()) continue;
                if (withSnapshot) snapshots.add(cell.lastIntervalSnapshot());
                if (aggregated && cell.tags.isEmpty()) continue;
                IntervalPoint.Series series = cell.lastIntervalSeries();
                points.add(series);
                if (duration && cell instanceof TrendCell t) endpoints.add(series, t.lastInterval());
            }
            if (aggregated && entry.cells.stream().anyMatch(SeriesCell::observed)) {
                points.add(aggregateAt, SeriesMerge.lastIntervalAggregate(entry.definition, entry.cells, scratch));
            }
        }
        previousCloseNanos = lastCloseNanos;
        lastCloseNanos = now;
        IntervalPoint point = new IntervalPoint(offsetMillis, points, endpoints.build());
        return new ClosedInterval(point, withSnapshot ? new IntervalSnapshot(offsetMillis, snapshots) : null);
    }

    // ---- queries (as of the last closed interval) ----

    /**
     * The cumulative statistics of every observed series of {@code metric} whose tags contain all of
     * {@code selector}'s, merged (trends exactly, by adding histograms; counters' rate per second over the run so
     * far; gauges: the value set last, overall min and max). Empty when the metric is unknown or no such series
     * has a sample.
     */
    public synchronized Optional<SeriesStats> aggregate(String metric, Tags selector) {
        List<SeriesCell> cells = matching(metric, selector);
        return cells.isEmpty() ? Optional.empty() : Optional.of(SeriesMerge.cumulative(cells, runSeconds()));
    }

    /**
     * As {@link #aggregate}, over the interval that closed last only (counters: the sum in that interval, with
     * its rate per second). Empty when the metric is unknown or no matching series was ever observed.
     */
    public synchronized Optional<SeriesStats> aggregateLastInterval(String metric, Tags selector) {
        List<SeriesCell> cells = matching(metric, selector);
        if (cells.isEmpty()) return Optional.empty();
        double intervalSeconds = (lastCloseNanos - previousCloseNanos) / 1e9;
        return Optional.of(SeriesMerge.lastInterval(cells, intervalSeconds, runSeconds()));
    }

    private List<SeriesCell> matching(String metric, Tags selector) {
        SeriesTable.MetricEntry entry = table.entry(metric);
        if (entry == null) return List.of();
        List<SeriesCell> cells = new ArrayList<>();
        for (SeriesCell cell : entry.cells) {
            if (cell.observed() && cell.tags.matches(selector)) cells.add(cell);
        }
        return cells;
    }

    /** Seconds from the run start to the last closed interval: the time base of counters' cumulative rates. */
    private double runSeconds() {
        return (lastCloseNanos - epochNanos) / 1e9;
    }

    /**
     * The final statistics: for every metric with samples, first its untagged aggregate over all series, then
     * each observed series with non-empty tags, in the order they were first used. A raw series with empty tags
     * is folded into the aggregate rather than listed twice.
     */
    public synchronized List<SeriesResult> results() {
        List<SeriesResult> out = new ArrayList<>();
        double seconds = runSeconds();
        for (SeriesTable.MetricEntry entry : table.orderedEntries()) {
            List<SeriesCell> observed = entry.cells.stream().filter(SeriesCell::observed).toList();
            if (observed.isEmpty()) continue;
            MetricDefinition d = entry.definition;
            out.add(new SeriesResult(d.name(), d.kind(), d.valueType(), Tags.empty(), SeriesMerge.cumulative(observed, seconds)));
            for (SeriesCell cell : observed) {
                if (cell.tags.isEmpty()) continue;
                out.add(new SeriesResult(d.name(), d.kind(), d.valueType(), cell.tags, SeriesMerge.cumulative(List.of(cell), seconds)));
            }
        }
        return out;
    }

    /**
     * The checks, summed from the {@code checks} rate series by their {@code check} and {@code group} tags (no
     * group: ""), in the order they were first recorded.
     */
    public synchronized List<CheckResult> checkResults() {
        SeriesTable.MetricEntry entry = table.entry(BuiltinMetrics.CHECKS);
        Map<List<String>, long[]> sums = new LinkedHashMap<>();
        for (SeriesCell cell : entry.cells) {
            String name = cell.tags.get("check");
            if (name == null || !cell.observed()) continue;
            String group = Objects.requireNonNullElse(cell.tags.get("group"), "");
            long[] sum = sums.computeIfAbsent(List.of(name, group), k -> new long[2]);
            sum[0] += ((RateCell) cell).passes();
            sum[1] += ((RateCell) cell).fails();
        }
        List<CheckResult> out = new ArrayList<>();
        sums.forEach((key, sum) -> out.add(new CheckResult(key.get(0), key.get(1), sum[0], sum[1])));
        return out;
    }

    /** How many trend values fell outside the recordable range (negative, or above one hour for time trends) and were clamped. */
    public synchronized long clampedTrendValues() {
        long total = 0;
        for (SeriesCell cell : table.cells()) {
            if (cell instanceof TrendCell t) total += t.clampedValues();
        }
        return total;
    }

    /**
     * Adds a snapshot (e.g. from another generator, or merged from several) into the cumulative state, as if its
     * samples had been recorded here; it does not appear in interval points. Used by a coordinator to evaluate
     * thresholds and build results on merged data.
     */
    public synchronized void apply(IntervalSnapshot snapshot) {
        for (IntervalSnapshot.SeriesSnapshot s : snapshot.series()) {
            SeriesCell cell = table.resolve(s.metric(), s.kind(), s.valueType(), Tags.of(s.tags()));
            cell.apply(s);
        }
    }

    /** Series of this registry, for tests of this package. */
    int seriesCount() {
        return table.size();
    }

}
