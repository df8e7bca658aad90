package io.headroom.report;

import io.headroom.core.engine.RunListener;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.threshold.ThresholdSpec;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Live run metrics in the Prometheus text format, served by the official Prometheus Java client's HTTP
 * server while the run goes: the totals of {@link PrometheusSeries} (its Javadoc and {@code docs/prometheus.md}
 * give the names), which {@code --out prometheus-rw} pushes too.
 *
 * <p>Fed by the engine's once-a-second {@link #onIntervalSnapshot} from one thread; scrapes read an immutable
 * snapshot published through a volatile field, so neither side locks.
 */
public final class PrometheusExporter implements RunListener, MultiCollector, AutoCloseable {
    /** The prefix of every exported name. */
    public static final String PREFIX = "headroom_";

    /**
     * The upper bounds (seconds) of every time trend's buckets, besides {@code +Inf}: 1, 1.5, 2, 3, 4, 5 and 7 per
     * decade from 100 µs to 7 s, then 10, 15, 20, 30 and 60 s; neighbours differ by at most 1.5×.
     */
    public static final List<Double> TIME_BUCKETS_SECONDS = PrometheusSeries.TIME_BUCKETS_SECONDS;
    /** The upper bounds of every other trend's buckets (in its own unit), besides {@code +Inf}: 1, 2, 5 per decade, 0.001 to 5e9. */
    public static final List<Double> OTHER_BUCKETS = PrometheusSeries.OTHER_BUCKETS;

    private final HTTPServer server;
    /** Engine thread only. */
    private final PrometheusSeries series;

    private volatile MetricSnapshots published;
    /** Engine thread only: the last slowest requests, re-attached to every later snapshot. */
    private List<io.headroom.core.metric.Exemplar> slowest = List.of();
    private volatile java.time.Duration linger = java.time.Duration.ZERO;

    private PrometheusExporter(InetSocketAddress address, List<ThresholdSpec> thresholds, UnaryOperator<String> redact)
            throws IOException {
        this.series = new PrometheusSeries(thresholds, redact);
        this.published = series.thresholdsOnly();
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
        return new PrometheusExporter(address, List.copyOf(thresholds), Objects.requireNonNull(redact, "redact"));
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    @Override
    public boolean wantsIntervalSnapshots() {
        return true;
    }

    @Override
    public void onIntervalSnapshot(IntervalSnapshot snapshot) {
        series.add(snapshot);
        published = series.snapshot(slowest);
    }

    /**
     * Keeps the slowest requests' trace ids as exemplars of {@code headroom_http_req_duration_seconds} (OpenMetrics),
     * published with the next {@link #onIntervalSnapshot} (the engine sends them right before it).
     */
    @Override
    public void onExemplars(List<io.headroom.core.metric.Exemplar> slowest) {
        this.slowest = List.copyOf(slowest);
    }

    @Override
    public MetricSnapshots collect() {
        return published;
    }

    /**
     * Makes {@link #close()} keep serving the last published values for {@code linger} first (0 for none), so a
     * scraper whose interval ends after the run still sees its final totals; returns this.
     */
    public PrometheusExporter lingerOnClose(java.time.Duration linger) {
        if (linger.isNegative()) throw new IllegalArgumentException("linger must not be negative: " + linger);
        this.linger = linger;
        return this;
    }

    /** Stops the server, after the {@link #lingerOnClose linger} (an interrupt ends the wait early). */
    @Override
    public void close() {
        try {
            if (!linger.isZero()) Thread.sleep(linger);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
    }
}
