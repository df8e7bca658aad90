package io.headroom.report;

import io.headroom.core.engine.RunListener;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.threshold.ThresholdExpr;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.metric.IntervalPoint;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Live run metrics in the Prometheus text format, served by the official Prometheus Java client's HTTP
 * server while the run goes. Names follow k6's Prometheus output with a {@code headroom_} prefix:
 * counters as {@code headroom_http_reqs_total}, rates as {@code headroom_http_req_failed_rate} (over the run
 * so far), gauges as {@code headroom_vus}, trends as {@code headroom_http_req_duration_p95} (and
 * {@code _p50 _p99 _min _max _avg}) over the last second, built-in time trends in seconds. Labels are the
 * series' tags without {@code url} (one series per URL would explode cardinality; {@code name} stays),
 * values redacted; the run-wide aggregate of a metric is its series without labels (PromQL {@code {name=""}}),
 * so sum the labelled series or take the unlabelled one, never both. Every threshold is a gauge {@code headroom_threshold_limit} holding its bound (seconds
 * for time metrics, so it overlays its trend). Fed by the engine's once-a-second interval callback from
 * one thread; scrapes read an immutable snapshot published through a volatile field, so neither side locks.
 */
public final class PrometheusExporter implements RunListener, MultiCollector, AutoCloseable {
    /** The prefix of every exported name. */
    public static final String PREFIX = "headroom_";

    private static final Set<String> DROPPED_TAGS = Set.of("url");
    private static final Set<String> TIME_TRENDS = Set.of(BuiltinMetrics.HTTP_REQ_DURATION,
            BuiltinMetrics.HTTP_REQ_SERVICE_DURATION, BuiltinMetrics.HTTP_REQ_BLOCKED, BuiltinMetrics.HTTP_REQ_CONNECTING,
            BuiltinMetrics.HTTP_REQ_TLS_HANDSHAKING, BuiltinMetrics.HTTP_REQ_SENDING, BuiltinMetrics.HTTP_REQ_WAITING,
            BuiltinMetrics.HTTP_REQ_RECEIVING, BuiltinMetrics.ITERATION_DURATION, BuiltinMetrics.ITERATION_SERVICE_DURATION,
            BuiltinMetrics.SCHEDULE_LAG);
    private static final String[] TREND_STATS = {"min", "p50", "p95", "p99", "max", "avg"};

    private final HTTPServer server;
    private final List<MetricSnapshot> thresholdSnapshots;

    // Engine thread only.
    private final Map<Key, Double> counters = new LinkedHashMap<>();
    private final Map<Key, double[]> rates = new LinkedHashMap<>();
    private final Map<Key, Double> gauges = new LinkedHashMap<>();
    private final Map<Key, double[]> trends = new LinkedHashMap<>();
    private final Map<String, MetricKind> kinds = new TreeMap<>();

    private volatile MetricSnapshots published;

    private PrometheusExporter(InetSocketAddress address, List<ThresholdSpec> thresholds, UnaryOperator<String> redact)
            throws IOException {
        this.thresholdSnapshots = thresholdSnapshots(thresholds, redact);
        this.published = new MetricSnapshots(thresholdSnapshots);
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(this);
        this.server = HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                .registry(registry).buildAndStart();
    }

    /**
     * Starts serving {@code /metrics} on {@code address} (port 0 picks a free one) with the given thresholds'
     * limits; fails with an {@link IOException} when the address cannot be bound.
     */
    public static PrometheusExporter start(InetSocketAddress address, List<ThresholdSpec> thresholds) throws IOException {
        return start(address, thresholds, Redaction::text);
    }

    /**
     * As {@link #start(InetSocketAddress, List)}, the thresholds' selector and expression labels passed through
     * {@code redact} (e.g. {@link Redaction#texts}). Interval tags are redacted by built-in rules only: wrap the
     * exporter in {@link Redaction#live} for the plan's own redact names.
     */
    public static PrometheusExporter start(InetSocketAddress address, List<ThresholdSpec> thresholds,
                                           UnaryOperator<String> redact) throws IOException {
        return new PrometheusExporter(address, List.copyOf(thresholds), java.util.Objects.requireNonNull(redact, "redact"));
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    @Override
    public void onInterval(IntervalPoint point) {
        Map<Key, double[]> secondTrends = new LinkedHashMap<>();
        for (IntervalPoint.Series s : point.series()) {
            Key key = new Key(s.metric(), labels(s.tags().asMap()));
            kinds.putIfAbsent(s.metric(), s.kind());
            switch (s.kind()) {
                case COUNTER -> counters.merge(key, s.count(), Double::sum);
                case RATE -> {
                    double[] r = rates.computeIfAbsent(key, k -> new double[2]);
                    r[0] += s.sum();
                    r[1] += s.count();
                }
                case GAUGE -> gauges.put(key, s.last());
                case TREND -> {
                    if (s.count() <= 0) continue;
                    double scale = TIME_TRENDS.contains(s.metric()) ? 0.001 : 1;
                    double[] merged = secondTrends.get(key);
                    double[] now = {s.min() * scale, s.p50() * scale, s.p95() * scale, s.p99() * scale, s.max() * scale,
                            s.sum() * scale, s.count()};
                    if (merged == null) {
                        secondTrends.put(key, now);
                    } else {
                        // Several URLs under one name: an upper bound for the tail, a weighted median.
                        double total = merged[6] + now[6];
                        merged[1] = (merged[1] * merged[6] + now[1] * now[6]) / total;
                        merged[0] = Math.min(merged[0], now[0]);
                        for (int i = 2; i <= 4; i++) merged[i] = Math.max(merged[i], now[i]);
                        merged[5] += now[5];
                        merged[6] = total;
                    }
                }
            }
        }
        trends.putAll(secondTrends);
        published = snapshot();
    }

    @Override
    public MetricSnapshots collect() {
        return published;
    }

    @Override
    public void close() {
        server.close();
    }

    private MetricSnapshots snapshot() {
        List<MetricSnapshot> out = new ArrayList<>(thresholdSnapshots);
        Map<String, CounterSnapshot.Builder> counterFamilies = new TreeMap<>();
        counters.forEach((key, value) -> counterFamilies.computeIfAbsent(key.metric, m -> CounterSnapshot.builder()
                        .name(name(m)).help("Headroom counter " + m + " since the run started"))
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).labels(key.labels).build()));
        counterFamilies.values().forEach(b -> out.add(b.build()));

        Map<String, GaugeSnapshot.Builder> gaugeFamilies = new TreeMap<>();
        rates.forEach((key, r) -> gauge(gaugeFamilies, key.metric + "_rate", "Headroom rate " + key.metric
                + ": share of non-zero samples since the run started", key.labels, r[1] == 0 ? 0 : r[0] / r[1]));
        gauges.forEach((key, value) -> gauge(gaugeFamilies, key.metric, "Headroom gauge " + key.metric, key.labels, value));
        trends.forEach((key, t) -> {
            String unit = TIME_TRENDS.contains(key.metric) ? " in seconds" : "";
            double[] values = {t[0], t[1], t[2], t[3], t[4], t[6] == 0 ? 0 : t[5] / t[6]};
            for (int i = 0; i < TREND_STATS.length; i++) {
                gauge(gaugeFamilies, key.metric + "_" + TREND_STATS[i], "Headroom trend " + key.metric + " "
                        + TREND_STATS[i] + " over the last second" + unit, key.labels, values[i]);
            }
        });
        gaugeFamilies.values().forEach(b -> out.add(b.build()));
        return new MetricSnapshots(out);
    }

    private static void gauge(Map<String, GaugeSnapshot.Builder> families, String metric, String help, Labels labels,
                              double value) {
        families.computeIfAbsent(metric, m -> GaugeSnapshot.builder().name(name(m)).help(help))
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels).build());
    }

    private static List<MetricSnapshot> thresholdSnapshots(List<ThresholdSpec> thresholds, UnaryOperator<String> redact) {
        if (thresholds.isEmpty()) return List.of();
        GaugeSnapshot.Builder limits = GaugeSnapshot.builder().name(PREFIX + "threshold_limit")
                .help("The bound of each threshold expression, in its metric's unit (seconds for time trends)");
        Set<Labels> seen = new java.util.HashSet<>();
        for (ThresholdSpec t : thresholds) {
            ThresholdExpr expr = t.expr();
            String metric = t.metric();
            double bound = expr.bound();
            boolean time = TIME_TRENDS.contains(metric) && !(expr instanceof ThresholdExpr.Rate) && !(expr instanceof ThresholdExpr.Count);
            Labels labels = Labels.of("metric", metric, "selector", redact.apply(Redaction.text(t.selectorText())),
                    "aggregation", expr.aggregation(), "operator", expr.operator().symbol(), "threshold",
                    redact.apply(Redaction.text(t.exprText())));
            if (!seen.add(labels)) continue;
            limits.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(time ? bound / 1000 : bound)
                    .labels(labels).build());
        }
        return seen.isEmpty() ? List.of() : List.of(limits.build());
    }

    private static String name(String metric) {
        String sanitized = metric.replaceAll("[^a-zA-Z0-9_]", "_");
        return sanitized.startsWith(PREFIX) ? sanitized : PREFIX + sanitized;
    }

    private static Labels labels(Map<String, String> tags) {
        Map<String, String> kept = new TreeMap<>();
        tags.forEach((k, v) -> {
            if (DROPPED_TAGS.contains(k)) return;
            String name = k.replaceAll("[^a-zA-Z0-9_]", "_");
            if (name.isEmpty() || Character.isDigit(name.charAt(0)) || name.startsWith("__")) name = "tag_" + name;
            kept.put(name, Redaction.text(v));
        });
        return kept.isEmpty() ? Labels.EMPTY : Labels.of(new ArrayList<>(kept.keySet()), new ArrayList<>(kept.values()));
    }

    private record Key(String metric, Labels labels) {}
}
