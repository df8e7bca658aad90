package io.headroom.output.otlp;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.ValueType;
import io.headroom.core.threshold.ThresholdExpr;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.report.PrometheusSeries;
import io.headroom.report.Redaction;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A run's metrics in the OpenTelemetry data model, cumulative since the run started (the SDK's {@link MetricData}, as
 * its exporters take it). Names follow the pull endpoint and remote-write ({@code docs/prometheus.md}) so that a
 * Prometheus or Mimir OTLP receiver, which adds {@code _total} to monotonic sums and the unit's suffix, ends with the
 * same series names: counters are monotonic sums {@code headroom_<metric>} (unit {@code s} for time, {@code By} for
 * data: {@code headroom_data_sent} becomes {@code headroom_data_sent_bytes_total}); a rate is two monotonic sums,
 * {@code headroom_<metric>_nonzero} and {@code headroom_<metric>_samples}; gauges {@code headroom_<metric>}; trends
 * exponential histograms {@code headroom_<metric>} (seconds, unit {@code s}, for time trends) with the exact count, sum,
 * min and max; each threshold a gauge {@code headroom_threshold_limit}. Every point carries the series' tags (without
 * {@code url}, values redacted) and {@code testid}.
 *
 * <p>Built on the SDK's {@code internal.data} records (the immutable {@link MetricData} the SDK's own readers make),
 * which are not public API: the SDK's version is pinned in the build, and {@code OtlpOutputTest} decodes what they
 * encode to, so a change of them fails a test, not a user.
 *
 * <p>Not thread-safe: {@link #add} and {@link #metrics} from one thread (the engine's); the list returned is immutable.
 */
final class OtlpTotals {
    /** The tags no point carries: {@code url} would make one series per URL (as on the pull endpoint). */
    private static final Set<String> DROPPED_TAGS = Set.of("url");
    /** How many distinct tag sets the attribute cache keeps (the registry's own series limit bounds them first). */
    private static final int MAX_CACHED_ATTRIBUTES = 100_000;

    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final String testId;
    private final List<ThresholdSpec> thresholds;
    private final UnaryOperator<String> redact;
    private long startEpochNanos = -1;

    private final Map<Key, double[]> counters = new LinkedHashMap<>();
    private final Map<Key, long[]> rates = new LinkedHashMap<>();
    private final Map<Key, double[]> gauges = new LinkedHashMap<>();
    private final Map<Key, Trend> trends = new LinkedHashMap<>();
    private final Map<String, ValueType> valueTypes = new TreeMap<>();
    private final Map<Map<String, String>, Attributes> attributeCache = new LinkedHashMap<>();

    OtlpTotals(Resource resource, InstrumentationScopeInfo scope, String testId, List<ThresholdSpec> thresholds,
               UnaryOperator<String> redact) {
        this.resource = resource;
        this.scope = scope;
        this.testId = testId;
        this.thresholds = List.copyOf(thresholds);
        this.redact = redact;
    }

    /** Adds one interval's raw series; the first interval also fixes the run's start (its end minus its offset). */
    void add(IntervalSnapshot snapshot, long endedAtEpochMillis) {
        if (startEpochNanos < 0) startEpochNanos = (endedAtEpochMillis - snapshot.offsetMillis()) * 1_000_000L;
        for (IntervalSnapshot.SeriesSnapshot s : snapshot.series()) {
            valueTypes.putIfAbsent(s.metric(), s.valueType());
            Key key = new Key(s.metric(), attributes(s.tags()));
            switch (s) {
                case IntervalSnapshot.CounterSnapshot c -> counters.computeIfAbsent(key, k -> new double[1])[0] += c.sum();
                case IntervalSnapshot.RateSnapshot r -> {
                    long[] n = rates.computeIfAbsent(key, k -> new long[2]);
                    n[0] += r.nonZero();
                    n[1] += r.total();
                }
                case IntervalSnapshot.GaugeSnapshot g -> gauges.computeIfAbsent(key, k -> new double[1])[0] = g.last();
                case IntervalSnapshot.TrendSnapshot t -> {
                    Histogram h = t.histogram();
                    if (h.getTotalCount() == 0) continue;
                    trends.computeIfAbsent(key, k -> new Trend()).add(h, t, t.valueType() == ValueType.TIME);
                }
            }
        }
    }

    /** The run's totals at {@code atEpochMillis}, as the exporters take them; immutable. */
    List<MetricData> metrics(long atEpochMillis) {
        long now = atEpochMillis * 1_000_000L;
        long start = Math.max(0, Math.min(startEpochNanos, now));
        List<MetricData> out = new ArrayList<>();
        Map<String, List<LongPointData>> longSums = new TreeMap<>();
        Map<String, List<DoublePointData>> doubleSums = new TreeMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        counters.forEach((key, v) -> {
            ValueType type = valueTypes.get(key.metric);
            String name = name(key.metric);
            units.put(name, unit(type));
            double value = type == ValueType.TIME ? v[0] / 1000 : v[0];
            doubleSums.computeIfAbsent(name, n -> new ArrayList<>()).add(ImmutableDoublePointData.create(start, now, key.attributes, value));
        });
        rates.forEach((key, r) -> {
            longSums.computeIfAbsent(name(key.metric) + "_nonzero", n -> new ArrayList<>())
                    .add(ImmutableLongPointData.create(start, now, key.attributes, r[0]));
            longSums.computeIfAbsent(name(key.metric) + "_samples", n -> new ArrayList<>())
                    .add(ImmutableLongPointData.create(start, now, key.attributes, r[1]));
        });
        doubleSums.forEach((name, points) -> out.add(ImmutableMetricData.createDoubleSum(resource, scope, name,
                "Headroom counter since the run started", units.get(name),
                ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, points))));
        longSums.forEach((name, points) -> out.add(ImmutableMetricData.createLongSum(resource, scope, name,
                name.endsWith("_nonzero") ? "Headroom rate: its non-zero samples (failed requests, passed checks) since the run started"
                        : "Headroom rate: all its samples since the run started", "",
                ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, points))));

        Map<String, List<DoublePointData>> gaugePoints = new TreeMap<>();
        gauges.forEach((key, v) -> {
            ValueType type = valueTypes.get(key.metric);
            String name = name(key.metric);
            units.put(name, unit(type));
            double value = type == ValueType.TIME ? v[0] / 1000 : v[0];
            gaugePoints.computeIfAbsent(name, n -> new ArrayList<>()).add(ImmutableDoublePointData.create(start, now, key.attributes, value));
        });
        thresholdPoints(start, now).forEach(p -> gaugePoints.computeIfAbsent("headroom_threshold_limit", n -> new ArrayList<>()).add(p));
        gaugePoints.forEach((name, points) -> out.add(ImmutableMetricData.createDoubleGauge(resource, scope, name,
                name.equals("headroom_threshold_limit") ? "The bound of each threshold expression, in its metric's unit (seconds for time trends)"
                        : "Headroom gauge: its last value", units.getOrDefault(name, ""), ImmutableGaugeData.create(points))));

        Map<String, List<ExponentialHistogramPointData>> histograms = new TreeMap<>();
        trends.forEach((key, t) -> {
            String name = name(key.metric);
            units.put(name, unit(valueTypes.get(key.metric)));
            histograms.computeIfAbsent(name, n -> new ArrayList<>()).add(t.point(start, now, key.attributes));
        });
        histograms.forEach((name, points) -> out.add(ImmutableMetricData.createExponentialHistogram(resource, scope, name,
                "Headroom trend since the run started", units.get(name),
                ImmutableExponentialHistogramData.create(AggregationTemporality.CUMULATIVE, points))));
        return List.copyOf(out);
    }

    private List<DoublePointData> thresholdPoints(long start, long now) {
        List<DoublePointData> out = new ArrayList<>();
        Set<Attributes> seen = new HashSet<>();
        for (ThresholdSpec t : thresholds) {
            ThresholdExpr expr = t.expr();
            boolean time = PrometheusSeries.isTimeTrend(t.metric()) && expr.inMetricUnit();
            Attributes a = Attributes.builder().put("metric", t.metric())
                    .put("selector", redact.apply(Redaction.text(t.selectorText())))
                    .put("aggregation", expr.aggregation()).put("operator", expr.operator().symbol())
                    .put("threshold", redact.apply(Redaction.text(t.exprText()))).put("testid", testId).build();
            if (seen.add(a)) out.add(ImmutableDoublePointData.create(start, now, a, time ? expr.bound() / 1000 : expr.bound()));
        }
        return out;
    }

    /** UCUM units as OTLP asks ({@code s}, {@code By}); a Prometheus receiver turns them into name suffixes. */
    private static String unit(ValueType type) {
        return switch (type) {
            case TIME -> "s";
            case DATA -> "By";
            case DEFAULT -> "";
        };
    }

    private static String name(String metric) {
        String sanitized = metric.replaceAll("[^a-zA-Z0-9_]", "_");
        return sanitized.startsWith("headroom_") ? sanitized : "headroom_" + sanitized;
    }

    private Attributes attributes(Map<String, String> tags) {
        Attributes cached = attributeCache.get(tags);
        if (cached != null) return cached;
        AttributesBuilder b = Attributes.builder();
        tags.forEach((k, v) -> {
            if (!DROPPED_TAGS.contains(k)) b.put(k, Redaction.text(v));
        });
        Attributes a = b.put("testid", testId).build();
        if (attributeCache.size() < MAX_CACHED_ATTRIBUTES) attributeCache.put(tags, a);
        return a;
    }

    /** One trend's cumulative exponential histogram, exact count, sum, min and max (seconds for time trends). */
    private static final class Trend {
        private final ExponentialBuckets buckets = new ExponentialBuckets();
        private long count;
        private double sum;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        void add(Histogram h, IntervalSnapshot.TrendSnapshot t, boolean time) {
            double toUnit = time ? 1e6 : 1e3; // the histogram holds values × 1000 of the metric's unit (µs for ms)
            for (HistogramIterationValue v : h.recordedValues()) {
                buckets.add(h.lowestEquivalentValue(v.getValueIteratedTo()) / toUnit, v.getCountAddedInThisIterationStep());
            }
            long n = h.getTotalCount();
            double perUnit = time ? 1000 : 1; // the snapshot's exact sum, min and max are in ms for time trends
            double sumInUnit = Double.isNaN(t.sum()) ? h.getMean() * n / 1000 : t.sum();
            sum += sumInUnit / perUnit;
            count += n;
            min = Math.min(min, (Double.isNaN(t.min()) ? h.getMinValue() / 1000.0 : t.min()) / perUnit);
            max = Math.max(max, (Double.isNaN(t.max()) ? h.getMaxValue() / 1000.0 : t.max()) / perUnit);
        }

        ExponentialHistogramPointData point(long start, long now, Attributes attributes) {
            int scale = buckets.scale();
            return ImmutableExponentialHistogramPointData.create(scale, sum, buckets.zeroCount(), true, min, true, max,
                    buckets.positive(), ImmutableExponentialHistogramBuckets.create(scale, 0, List.of()), start, now,
                    attributes, List.of());
        }
    }

    private record Key(String metric, Attributes attributes) {}
}
