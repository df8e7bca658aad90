package io.headroom.cli;

import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.ScenarioProgress;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.report.PrometheusExporter;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code --prometheus [HOST:]PORT}: serve live metrics during the run, and ({@link OutOption}) {@code --out} to push
 * or stream them; a picocli mixin of {@code run}.
 */
final class LiveMetricsOption {
    static final String DEFAULT_HOST = "127.0.0.1";
    /** The longest --prometheus-linger: a CI job must not hang for long after its run. */
    static final java.time.Duration MAX_LINGER = java.time.Duration.ofMinutes(10);

    @Option(names = "--prometheus", paramLabel = "[HOST:]PORT", converter = AddressConverter.class,
            description = "Serve live metrics in the Prometheus text format on http://HOST:PORT/metrics during the run"
                    + " (host defaults to 127.0.0.1, e.g. --prometheus 9464).")
    InetSocketAddress prometheus;

    @Option(names = "--prometheus-linger", paramLabel = "DURATION", converter = LingerConverter.class,
            description = "With --prometheus: keep serving the run's final values for DURATION after it ends (default 0s),"
                    + " so a scraper sees the final totals; the summary follows. At most 10m.")
    java.time.Duration linger = java.time.Duration.ZERO;

    @picocli.CommandLine.Mixin
    OutOption out = new OutOption();

    /** The {@code --out} outputs asked for (none by default). */
    OutOption out() {
        return out;
    }

    /** The exporter when asked for, else null; a usage error when the address is malformed or taken. */
    PrometheusExporter start(List<ThresholdSpec> thresholds, UnaryOperator<String> redact, PrintWriter err) {
        if (prometheus == null) return null;
        InetSocketAddress address = prometheus;
        try {
            PrometheusExporter exporter = PrometheusExporter.start(address, thresholds, redact).lingerOnClose(linger);
            err.println("headroom: Prometheus metrics on http://" + address.getAddress().getHostAddress() + ":"
                    + exporter.port() + "/metrics");
            err.flush();
            return exporter;
        } catch (IOException e) {
            throw new UsageException("--prometheus: cannot listen on " + address.getAddress().getHostAddress() + ":"
                    + address.getPort() + ": " + e.getMessage());
        }
    }

    static InetSocketAddress parse(String text) {
        String value = text.strip();
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? DEFAULT_HOST : value.substring(0, colon);
        if (host.isEmpty()) host = DEFAULT_HOST;
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("--prometheus: expected [HOST:]PORT such as 127.0.0.1:9464, got '" + text + "'");
        }
        if (port < 0 || port > 65535) throw new UsageException("--prometheus: port must be 0-65535, got " + port);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UsageException("--prometheus: unknown host '" + host + "'");
        }
    }

    /** Parses the option when the command line is parsed, so a bad address fails before anything runs. */
    static final class AddressConverter implements picocli.CommandLine.ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            try {
                return parse(value);
            } catch (UsageException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage().replaceFirst("^--prometheus: ", ""));
            }
        }
    }

    /** A k6-style duration from 0s to {@link #MAX_LINGER}, checked when the command line is parsed. */
    static final class LingerConverter implements picocli.CommandLine.ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            java.time.Duration d = new DurationConverter().convert(value);
            if (d.isNegative() || d.compareTo(MAX_LINGER) > 0) {
                throw new picocli.CommandLine.TypeConversionException("must be between 0s and 10m, got " + d.toSeconds() + "s");
            }
            return d;
        }
    }

    /** Both listeners, {@code first} before {@code second}, on the engine's one progress thread. */
    static RunListener both(RunListener first, RunListener second) {
        if (second == null) return first;
        return new RunListener() {
            @Override
            public void onProgress(List<ScenarioProgress> scenarios) {
                first.onProgress(scenarios);
                second.onProgress(scenarios);
            }

            @Override
            public void onInterval(IntervalPoint point) {
                first.onInterval(point);
                second.onInterval(point);
            }

            @Override
            public boolean wantsIntervalSnapshots() {
                return first.wantsIntervalSnapshots() || second.wantsIntervalSnapshots();
            }

            @Override
            public void onIntervalSnapshot(io.headroom.core.metric.IntervalSnapshot snapshot) {
                if (first.wantsIntervalSnapshots()) first.onIntervalSnapshot(snapshot);
                if (second.wantsIntervalSnapshots()) second.onIntervalSnapshot(snapshot);
            }

            @Override
            public void onExemplars(List<io.headroom.core.metric.Exemplar> slowest) {
                if (first.wantsIntervalSnapshots()) first.onExemplars(slowest);
                if (second.wantsIntervalSnapshots()) second.onExemplars(slowest);
            }

            @Override
            public void onAbort(String reason) {
                first.onAbort(reason);
                second.onAbort(reason);
            }

            @Override
            public void onWarning(String message) {
                first.onWarning(message);
                second.onWarning(message);
            }
        };
    }
}
