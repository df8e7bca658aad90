package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.ValueType;
import io.headroom.core.threshold.ThresholdExpr;
import io.headroom.core.threshold.ThresholdSpec;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A run's metrics in the Prometheus data model (the official Java client's snapshots), cumulative since the run
 * started: what the pull endpoint ({@link PrometheusExporter}) serves and what {@code --out prometheus-rw} pushes, so
 * both have one naming scheme. Every value is cumulative over the run, and every series is one raw series of the
 * run (its tags without {@code url}, which would explode cardinality; values redacted): there is no run-wide
 * aggregate beside the labelled series, so {@code sum()} over any name never double counts. Names
 * ({@code docs/prometheus.md}): counters {@code headroom_<metric>_total} ({@code _bytes_total} for data);
 * rates as two counters, {@code headroom_<metric>_nonzero_total} and {@code headroom_<metric>_samples_total};
 * gauges {@code headroom_<metric>}; trends as classic histograms ({@code _bucket{le}}, {@code _sum},
 * {@code _count}) in seconds for time trends ({@code headroom_http_req_duration_seconds}) over the fixed
 * {@link #TIME_BUCKETS_SECONDS}, other trends over {@link #OTHER_BUCKETS}, bucket counts taken from the trend's
 * HDR histogram (3 significant digits: a value within 0.1% of a bound may count on either side of it). Every
 * threshold is a gauge {@code headroom_threshold_limit} holding its bound (seconds for time metrics).
 *
 * <p>Not thread-safe: {@link #add} and {@link #snapshot} are called from one thread (the engine's once-a-second
 * progress thread); the {@link MetricSnapshots} returned are immutable and may be handed to any thread.
 */
public final class PrometheusSeries {
    private static final double[] MANTISSAS = {1, 1.5, 2, 3, 4, 5, 7};

    /**
     * The upper bounds (seconds) of every time trend's buckets, besides {@code +Inf}: 1, 1.5, 2, 3, 4, 5 and 7 per
     * decade from 100 µs to 7 s, then 10, 15, 20, 30 and 60 s; neighbours differ by at most 1.5×.
     */
    public static final List<Double> TIME_BUCKETS_SECONDS = List.copyOf(buckets(-4, 0, 10, 15, 20, 30, 60));
    /** The upper bounds of every other trend's buckets (in its own unit), besides {@code +Inf}: 1, 2, 5 per decade, 0.001 to 5e9. */
    public static final List<Double> OTHER_BUCKETS = List.copyOf(otherBuckets());

    private static final Set<String> DROPPED_TAGS = Set.of("url");

    private final List<MetricSnapshot> thresholdSnapshots;
    private final boolean nativeHistograms;

    /**
     * Totals with the given thresholds' limits, their selector and expression labels passed through {@code redact}
     * (e.g. {@link Redaction#texts}); trends as classic histograms only.
     */
    public PrometheusSeries(List<ThresholdSpec> thresholds, UnaryOperator<String> redact) {
        this(thresholds, redact, false);
    }

    /**
     * As {@link #PrometheusSeries(List, UnaryOperator)}; with {@code nativeHistograms} each trend's data point holds
     * native-histogram buckets (schema {@value NativeBuckets#SCHEMA}) beside its classic ones, for remote-write.
     * The pull endpoint keeps them off: a Prometheus that negotiates protobuf would otherwise keep only the native
     * ones and the dashboard's {@code _bucket} queries would find nothing.
     */
    public PrometheusSeries(List<ThresholdSpec> thresholds, UnaryOperator<String> redact, boolean nativeHistograms) {
        this.thresholdSnapshots = thresholdSnapshots(List.copyOf(thresholds), Objects.requireNonNull(redact, "redact"));
        this.nativeHistograms = nativeHistograms;
    }

    /** The thresholds' limits alone, before any interval was added. */
    public MetricSnapshots thresholdsOnly() {
        return new MetricSnapshots(thresholdSnapshots);
    }

    // Engine thread only.
    private final Map<Key, double[]> counters = new LinkedHashMap<>();
    private final Map<Key, long[]> rates = new LinkedHashMap<>();
    private final Map<Key, double[]> gauges = new LinkedHashMap<>();
    private final Map<Key, Buckets> trends = new LinkedHashMap<>();
    private final Map<String, ValueType> valueTypes = new TreeMap<>();
    private final Map<Map<String, String>, Labels> labelCache = new LinkedHashMap<>();

    /** Adds one interval's raw series to the run's totals. */
    public void add(IntervalSnapshot snapshot) {
        for (IntervalSnapshot.SeriesSnapshot s : snapshot.series()) {
            valueTypes.putIfAbsent(s.metric(), s.valueType());
            Key key = new Key(s.metric(), labels(s.tags()));
            switch (s) {
                case IntervalSnapshot.CounterSnapshot c -> counters.computeIfAbsent(key, k -> new double[1])[0] += c.sum();
                case IntervalSnapshot.RateSnapshot r -> {
                    long[] counts = rates.computeIfAbsent(key, k -> new long[2]);
                    counts[0] += r.nonZero();
                    counts[1] += r.total();
                }
                case IntervalSnapshot.GaugeSnapshot g -> gauges.computeIfAbsent(key, k -> new double[1])[0] = g.last();
                case IntervalSnapshot.TrendSnapshot t -> {
                    Histogram h = t.histogram();
                    if (h.getTotalCount() == 0) continue;
                    boolean time = t.valueType() == ValueType.TIME;
                    trends.computeIfAbsent(key, k -> new Buckets(time ? TIME_BUCKETS_SECONDS : OTHER_BUCKETS, nativeHistograms))
                            .add(h, t.sum(), time);
                }
            }
        }
    }

    /** The run's totals so far, the thresholds' limits first; immutable. */
    public MetricSnapshots snapshot() {
        return snapshot(List.of());
    }

    /**
     * As {@link #snapshot()}, each {@code headroom_http_req_duration_seconds} point carrying as exemplars the
     * {@code slowest} requests of its endpoint (its {@code name} and {@code method}), each with its {@code trace_id}
     * and its duration in seconds: the OpenMetrics text format writes each on the bucket that holds it, so Grafana
     * links a latency panel's slow bucket to the trace.
     */
    public MetricSnapshots snapshot(List<io.headroom.core.metric.Exemplar> slowest) {
        List<MetricSnapshot> out = new ArrayList<>(thresholdSnapshots);
        Map<String, CounterSnapshot.Builder> counterFamilies = new TreeMap<>();
        counters.forEach((key, value) -> {
            ValueType type = valueTypes.get(key.metric);
            double v = type == ValueType.TIME ? value[0] / 1000 : value[0];
            counter(counterFamilies, name(key.metric) + unitSuffix(type), "Headroom counter " + key.metric
                    + " since the run started" + unitText(type), unit(type), key.labels, v);
        });
        rates.forEach((key, r) -> {
            counter(counterFamilies, name(key.metric) + "_nonzero", "Headroom rate " + key.metric
                    + ": its non-zero samples (failed requests, passed checks) since the run started", null, key.labels, r[0]);
            counter(counterFamilies, name(key.metric) + "_samples", "Headroom rate " + key.metric
                    + ": all its samples since the run started", null, key.labels, r[1]);
        });
        counterFamilies.values().forEach(b -> out.add(b.build()));

        Map<String, GaugeSnapshot.Builder> gaugeFamilies = new TreeMap<>();
        gauges.forEach((key, value) -> {
            ValueType type = valueTypes.get(key.metric);
            String name = name(key.metric) + unitSuffix(type);
            double v = type == ValueType.TIME ? value[0] / 1000 : value[0];
            gaugeFamilies.computeIfAbsent(name, n -> unit(GaugeSnapshot.builder().name(n)
                            .help("Headroom gauge " + key.metric + ": its last value" + unitText(type)), unit(type)))
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(v).labels(key.labels).build());
        });
        gaugeFamilies.values().forEach(b -> out.add(b.build()));

        Map<String, HistogramSnapshot.Builder> histogramFamilies = new TreeMap<>();
        trends.forEach((key, b) -> {
            ValueType type = valueTypes.get(key.metric);
            String name = name(key.metric) + (type == ValueType.TIME ? "_seconds" : "");
            histogramFamilies.computeIfAbsent(name, n -> unit(HistogramSnapshot.builder().name(n).help("Headroom trend "
                            + key.metric + " since the run started" + (type == ValueType.TIME ? ", in seconds" : "")),
                            type == ValueType.TIME ? Unit.SECONDS : null))
                    .dataPoint(b.snapshot(key.labels, key.metric.equals(BuiltinMetrics.HTTP_REQ_DURATION)
                            ? exemplars(key.labels, slowest) : io.prometheus.metrics.model.snapshots.Exemplars.EMPTY));
        });
        histogramFamilies.values().forEach(b -> out.add(b.build()));
        return new MetricSnapshots(out);
    }

    /** The exemplars of the endpoint {@code labels} belong to (its name and method), values in seconds. */
    private static io.prometheus.metrics.model.snapshots.Exemplars exemplars(Labels labels,
                                                                              List<io.headroom.core.metric.Exemplar> slowest) {
        if (slowest.isEmpty()) return io.prometheus.metrics.model.snapshots.Exemplars.EMPTY;
        List<io.prometheus.metrics.model.snapshots.Exemplar> out = new ArrayList<>();
        for (io.headroom.core.metric.Exemplar e : slowest) {
            if (!Objects.equals(labels.get("name"), redacted(e.endpoint().get("name")))
                    || !Objects.equals(labels.get("method"), redacted(e.endpoint().get("method")))) continue;
            out.add(io.prometheus.metrics.model.snapshots.Exemplar.builder().value(e.durationMillis() / 1000)
                    .traceId(e.traceId()).build());
        }
        return out.isEmpty() ? io.prometheus.metrics.model.snapshots.Exemplars.EMPTY
                : io.prometheus.metrics.model.snapshots.Exemplars.of(out);
    }

    private static String redacted(String value) {
        return value == null ? null : Redaction.text(value);
    }

    private static <B extends MetricSnapshot.Builder<B>> B unit(B builder, Unit unit) {
        return unit == null ? builder : builder.unit(unit);
    }

    private static void counter(Map<String, CounterSnapshot.Builder> families, String name, String help, Unit unit,
                                Labels labels, double value) {
        families.computeIfAbsent(name, n -> unit(CounterSnapshot.builder().name(n).help(help), unit))
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).labels(labels).build());
    }

    private static String unitSuffix(ValueType type) {
        return switch (type) {
            case TIME -> "_seconds";
            case DATA -> "_bytes";
            case DEFAULT -> "";
        };
    }

    private static String unitText(ValueType type) {
        return switch (type) {
            case TIME -> ", in seconds";
            case DATA -> ", in bytes";
            case DEFAULT -> "";
        };
    }

    private static Unit unit(ValueType type) {
        return switch (type) {
            case TIME -> Unit.SECONDS;
            case DATA -> Unit.BYTES;
            case DEFAULT -> null;
        };
    }

    private static List<MetricSnapshot> thresholdSnapshots(List<ThresholdSpec> thresholds, UnaryOperator<String> redact) {
        if (thresholds.isEmpty()) return List.of();
        GaugeSnapshot.Builder limits = GaugeSnapshot.builder().name(PrometheusExporter.PREFIX + "threshold_limit")
                .help("The bound of each threshold expression, in its metric's unit (seconds for time trends)");
        Set<Labels> seen = new HashSet<>();
        for (ThresholdSpec t : thresholds) {
            ThresholdExpr expr = t.expr();
            String metric = t.metric();
            double bound = expr.bound();
            boolean time = isTimeTrend(metric) && expr.inMetricUnit();
            Labels labels = Labels.of("metric", metric, "selector", redact.apply(Redaction.text(t.selectorText())),
                    "aggregation", expr.aggregation(), "operator", expr.operator().symbol(), "threshold",
                    redact.apply(Redaction.text(t.exprText())));
            if (!seen.add(labels)) continue;
            limits.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(time ? bound / 1000 : bound)
                    .labels(labels).build());
        }
        return seen.isEmpty() ? List.of() : List.of(limits.build());
    }

    /** True for the built-in time trends, for threshold bounds (a custom trend's value type is not known before it records); also OTLP's. */
    public static boolean isTimeTrend(String metric) {
        return switch (metric) {
            case BuiltinMetrics.HTTP_REQ_DURATION, BuiltinMetrics.HTTP_REQ_SERVICE_DURATION, BuiltinMetrics.HTTP_REQ_BLOCKED,
                 BuiltinMetrics.HTTP_REQ_CONNECTING, BuiltinMetrics.HTTP_REQ_TLS_HANDSHAKING, BuiltinMetrics.HTTP_REQ_SENDING,
                 BuiltinMetrics.HTTP_REQ_WAITING, BuiltinMetrics.HTTP_REQ_RECEIVING, BuiltinMetrics.ITERATION_DURATION,
                 BuiltinMetrics.ITERATION_SERVICE_DURATION, BuiltinMetrics.SCHEDULE_LAG, BuiltinMetrics.GROUP_DURATION -> true;
            default -> false;
        };
    }

    private static String name(String metric) {
        String sanitized = metric.replaceAll("[^a-zA-Z0-9_]", "_");
        return sanitized.startsWith(PrometheusExporter.PREFIX) ? sanitized : PrometheusExporter.PREFIX + sanitized;
    }

    private Labels labels(Map<String, String> tags) {
        Labels cached = labelCache.get(tags);
        if (cached != null) return cached;
        Map<String, String> kept = new TreeMap<>();
        tags.forEach((k, v) -> {
            if (DROPPED_TAGS.contains(k)) return;
            String name = k.replaceAll("[^a-zA-Z0-9_]", "_");
            if (name.isEmpty() || Character.isDigit(name.charAt(0)) || name.startsWith("__")) name = "tag_" + name;
            kept.put(name, Redaction.text(v));
        });
        Labels labels = kept.isEmpty() ? Labels.EMPTY : Labels.of(new ArrayList<>(kept.keySet()), new ArrayList<>(kept.values()));
        if (labelCache.size() < 100_000) labelCache.put(tags, labels);
        return labels;
    }

    private static List<Double> buckets(int fromDecade, int toDecade, double... tail) {
        List<Double> out = new ArrayList<>();
        for (int d = fromDecade; d <= toDecade; d++) {
            for (double m : MANTISSAS) out.add(Double.parseDouble(m + "E" + d)); // parsed, so 0.0003 is exactly "0.0003"
        }
        for (double t : tail) out.add(t);
        return out;
    }

    private static List<Double> otherBuckets() {
        List<Double> out = new ArrayList<>();
        for (int d = -3; d <= 9; d++) {
            for (int m : new int[]{1, 2, 5}) out.add(Double.parseDouble(m + "E" + d));
        }
        return out;
    }

    /** The run's counts per bucket (not cumulative; the last is +Inf), their sum and count, in seconds for time trends. */
    private static final class Buckets {
        private final double[] bounds;
        /** The bounds in the histogram's unit (values × 1000: µs for time trends). */
        private final long[] rawBounds;
        private final long[] counts;
        /** Null unless native histograms were asked for. */
        private final NativeBuckets nativeBuckets;
        private double sum;
        private long count;

        Buckets(List<Double> bounds, boolean nativeHistograms) {
            this.bounds = bounds.stream().mapToDouble(Double::doubleValue).toArray();
            this.rawBounds = new long[this.bounds.length];
            this.counts = new long[this.bounds.length + 1];
            this.nativeBuckets = nativeHistograms ? new NativeBuckets() : null;
        }

        void add(Histogram h, double exactSumInUnit, boolean time) {
            if (rawBounds[0] == 0) {
                double toRaw = time ? 1e6 : 1e3; // seconds → µs; the unit → values × 1000
                for (int i = 0; i < bounds.length; i++) rawBounds[i] = Math.round(bounds[i] * toRaw);
            }
            for (HistogramIterationValue v : h.recordedValues()) {
                long raw = h.lowestEquivalentValue(v.getValueIteratedTo());
                int i = Arrays.binarySearch(rawBounds, raw);
                counts[i >= 0 ? i : -i - 1] += v.getCountAddedInThisIterationStep();
                if (nativeBuckets != null) nativeBuckets.add(raw / (time ? 1e6 : 1e3), v.getCountAddedInThisIterationStep());
            }
            long n = h.getTotalCount();
            double sumInUnit = Double.isNaN(exactSumInUnit) ? h.getMean() * n / 1000 : exactSumInUnit;
            sum += time ? sumInUnit / 1000 : sumInUnit;
            count += n;
        }

        HistogramSnapshot.HistogramDataPointSnapshot snapshot(Labels labels, io.prometheus.metrics.model.snapshots.Exemplars exemplars) {
            ClassicHistogramBuckets.Builder b = ClassicHistogramBuckets.builder();
            for (int i = 0; i < bounds.length; i++) b.bucket(bounds[i], counts[i]);
            b.bucket(Double.POSITIVE_INFINITY, counts[bounds.length]);
            HistogramSnapshot.HistogramDataPointSnapshot.Builder point = HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(b.build()).sum(sum).labels(labels).exemplars(exemplars);
            if (nativeBuckets != null) {
                point.nativeSchema(NativeBuckets.SCHEMA).nativeZeroThreshold(NativeBuckets.ZERO_THRESHOLD)
                        .nativeZeroCount(nativeBuckets.zeroCount()).nativeBucketsForPositiveValues(nativeBuckets.positive());
            }
            return point.build();
        }
    }

    private record Key(String metric, Labels labels) {}
}
