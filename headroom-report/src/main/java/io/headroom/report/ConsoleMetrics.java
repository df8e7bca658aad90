package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricDefinition;
import io.headroom.core.metric.ValueType;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.GaugeStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.threshold.ThresholdSelector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The console summary's METRICS section, k6's layout: every metric with a dotted name column, trends as
 * {@code avg= min= med= max= p(90)= p(95)= p(99)=}, grouped HTTP, EXECUTION, NETWORK, CUSTOM. One rendering
 * per instance; not thread-safe.
 */
final class ConsoleMetrics {
    private static final String INDENT = "    ";
    /** The metric name column with its dots, as wide as k6's for the built-in names. */
    private static final int MIN_NAME_COLUMN = 31;
    private static final Set<String> EXECUTION_METRICS = Set.of(BuiltinMetrics.ITERATIONS,
            BuiltinMetrics.ITERATION_DURATION, BuiltinMetrics.ITERATION_SERVICE_DURATION,
            BuiltinMetrics.DROPPED_ITERATIONS, BuiltinMetrics.VUS, BuiltinMetrics.VUS_MAX, BuiltinMetrics.SCHEDULE_LAG);
    private static final Set<String> NETWORK_METRICS = Set.of(BuiltinMetrics.DATA_SENT, BuiltinMetrics.DATA_RECEIVED);
    private static final ThresholdSelector EXPECTED_RESPONSE =
            new ThresholdSelector(BuiltinMetrics.HTTP_REQ_DURATION, io.headroom.core.metric.Tags.of("expected_response", "true"));

    private final RunResult result;
    private final Ansi ansi;
    private final StringBuilder out;
    private final List<String> trendStats;
    private final int maxColumns;

    ConsoleMetrics(RunResult result, Ansi ansi, StringBuilder out) {
        this(result, ansi, out, TrendColumns.DEFAULT);
    }

    /** {@code trendColumns}: the statistics each trend row shows ({@code --summary-trend-stats}). */
    ConsoleMetrics(RunResult result, Ansi ansi, StringBuilder out, TrendColumns trendColumns) {
        this(result, ansi, out, trendColumns, 0);
    }

    /** {@code maxColumns}: the widest a line may be (0: no limit); values wrap between fields, aligned. */
    ConsoleMetrics(RunResult result, Ansi ansi, StringBuilder out, TrendColumns trendColumns, int maxColumns) {
        this.result = result;
        this.ansi = ansi;
        this.out = out;
        this.trendStats = trendColumns.columns();
        this.maxColumns = maxColumns;
    }

    /**
     * True for a service-time metric equal, in every statistic shown, to the metric it shadows: in a closed model
     * latency counts from the actual start, so the two are the same numbers and only one is printed (the JSON
     * summary keeps both). They differ in an open model, where http_req_duration counts from the intended start.
     */
    private boolean repeatsItsBase(String metric) {
        String base = metric.equals(BuiltinMetrics.HTTP_REQ_SERVICE_DURATION) ? BuiltinMetrics.HTTP_REQ_DURATION
                : metric.equals(BuiltinMetrics.ITERATION_SERVICE_DURATION) ? BuiltinMetrics.ITERATION_DURATION : null;
        if (base == null) return false;
        if (result.thresholds().stream().anyMatch(t -> t.spec().selector().metric().equals(metric))) return false;
        var service = Aggregates.aggregate(result, metric);
        var shadowed = Aggregates.aggregate(result, base);
        if (service.isEmpty() || shadowed.isEmpty()) return false;
        if (!(service.get().stats() instanceof TrendStats s) || !(shadowed.get().stats() instanceof TrendStats b)) return false;
        return s.count() == b.count()
                && java.util.Arrays.equals(trendCells(s, service.get().valueType()), trendCells(b, shadowed.get().valueType()));
    }

    /** The METRICS section: every metric but checks, grouped, with tagged sub-rows for thresholds' selectors. */
    void render() {
        out.append("  ").append(ansi.bold("█ METRICS")).append("\n\n");
        if (result.series().isEmpty()) {
            out.append(INDENT).append("no samples were recorded: no iteration ran, or none recorded a metric\n\n");
            return;
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String g : List.of("HTTP", "WEBSOCKET", "GRPC", "EXECUTION", "NETWORK", "CUSTOM")) groups.put(g, new ArrayList<>());
        for (String metric : new TreeSet<>(Aggregates.metricNames(result))) {
            if (metric.equals(BuiltinMetrics.CHECKS) || repeatsItsBase(metric)) continue;
            String group = metric.startsWith("http_") ? "HTTP"
                    : metric.startsWith("ws_") && MetricDefinition.builtin(metric).isPresent() ? "WEBSOCKET"
                    : metric.startsWith("grpc_") ? "GRPC" // k6's GRPC section
                    : EXECUTION_METRICS.contains(metric) ? "EXECUTION"
                    : NETWORK_METRICS.contains(metric) ? "NETWORK" : "CUSTOM";
            groups.get(group).add(metric);
        }
        Map<String, List<MetricRow>> rows = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            List<MetricRow> list = new ArrayList<>();
            for (String metric : g.getValue()) {
                Aggregates.aggregate(result, metric).ifPresent(s -> list.add(new MetricRow(metric, s)));
                for (ThresholdSelector parsed : subSelectors(metric)) {
                    Aggregates.select(result, metric, parsed.tags())
                            .ifPresent(s -> list.add(new MetricRow("  " + parsed.tags(), s)));
                }
            }
            if (!list.isEmpty()) rows.put(g.getKey(), list);
        }
        List<MetricRow> all = rows.values().stream().flatMap(List::stream).toList();
        int nameWidth = Math.max(MIN_NAME_COLUMN, all.stream().mapToInt(r -> Ansi.width(r.label())).max().orElse(0) + 3);
        int[] trendWidths = new int[trendStats.size()];
        int firstWidth = 0;
        for (MetricRow row : all) {
            if (row.series().stats() instanceof TrendStats t) {
                String[] cells = trendCells(t, row.series().valueType());
                for (int i = 0; i < cells.length; i++) trendWidths[i] = Math.max(trendWidths[i], Ansi.width(cells[i]));
            } else {
                firstWidth = Math.max(firstWidth, Ansi.width(firstCell(row.series())));
            }
        }
        for (Map.Entry<String, List<MetricRow>> g : rows.entrySet()) {
            out.append(INDENT).append(ansi.bold(g.getKey())).append('\n');
            for (MetricRow row : g.getValue()) {
                out.append(INDENT).append(row.label()).append(ansi.faint(dots(row.label(), nameWidth))).append(": ");
                SeriesResult s = row.series();
                List<String> values = new ArrayList<>();
                if (s.stats() instanceof TrendStats t) {
                    if (t.count() == 0) {
                        values.add("no samples");
                    } else {
                        String[] cells = trendCells(t, s.valueType());
                        for (int i = 0; i < cells.length; i++) values.add(Ansi.padRight(cells[i], trendWidths[i]));
                    }
                } else {
                    values.add(Ansi.padRight(firstCell(s), firstWidth));
                    values.add(restCell(s));
                }
                appendWrapped(values, Ansi.width(INDENT) + nameWidth + 2);
            }
            out.append('\n');
        }
    }

    /**
     * {@code cells} joined by one space after a prefix {@code prefixWidth} wide, in colour; where a line would pass
     * {@link #maxColumns} the next cell starts a new line under the first, so no value is split.
     */
    private void appendWrapped(List<String> cells, int prefixWidth) {
        int hang = maxColumns > 0 ? Math.min(prefixWidth, maxColumns / 2) : prefixWidth;
        StringBuilder line = new StringBuilder();
        int column = prefixWidth;
        for (String cell : cells) {
            String trimmed = cell.stripTrailing();
            if (!line.isEmpty() && maxColumns > 0 && column + 1 + Ansi.width(trimmed) > maxColumns) {
                out.append(ansi.cyan(line.toString().stripTrailing())).append('\n').append(" ".repeat(hang));
                line.setLength(0);
                column = hang;
            }
            if (!line.isEmpty()) {
                line.append(' ');
                column++;
            }
            line.append(cell);
            column += Ansi.width(cell);
        }
        out.append(ansi.cyan(line.toString().stripTrailing())).append('\n');
    }

    /** Tagged selectors of thresholds on {@code metric}, each shown once as a sub-row. */
    private Collection<ThresholdSelector> subSelectors(String metric) {
        Map<String, ThresholdSelector> selectors = new TreeMap<>();
        for (ThresholdResult t : result.thresholds()) {
            ThresholdSelector s = t.spec().selector();
            if (s.metric().equals(metric) && !s.tags().isEmpty()) selectors.putIfAbsent(t.spec().selectorText(), s);
        }
        if (!metric.equals(BuiltinMetrics.HTTP_REQ_DURATION)) return selectors.values();
        // k6 prints http_req_duration's successful responses right below it, thresholds or not
        List<ThresholdSelector> withExpected = new ArrayList<>();
        withExpected.add(EXPECTED_RESPONSE);
        for (ThresholdSelector s : selectors.values()) if (!s.tags().equals(EXPECTED_RESPONSE.tags())) withExpected.add(s);
        return withExpected;
    }

    private String[] trendCells(TrendStats t, ValueType type) {
        String[] cells = new String[trendStats.size()];
        for (int i = 0; i < cells.length; i++) {
            String stat = trendStats.get(i);
            double value = TrendColumns.value(t, stat);
            cells[i] = stat + "=" + (stat.equals("count") ? Units.number(value, 0) : Units.value(value, type));
        }
        return cells;
    }

    private String firstCell(SeriesResult s) {
        return switch (s.stats()) {
            case CounterStats c -> s.valueType() == ValueType.DEFAULT ? Units.number(c.count(), 2)
                    : Units.value(c.count(), s.valueType());
            case RateStats r -> Units.percent(r.rate());
            case GaugeStats g -> Units.value(g.value(), s.valueType());
            case TrendStats t -> "";
        };
    }

    private String restCell(SeriesResult s) {
        return switch (s.stats()) {
            case CounterStats c -> Units.perSecond(c.ratePerSecond(), s.valueType());
            case RateStats r -> r.passes() + "/" + (r.passes() + r.fails());
            case GaugeStats g -> "min=" + Units.value(g.min(), s.valueType()) + " max="
                    + Units.value(g.max(), s.valueType());
            case TrendStats t -> "";
        };
    }

    private record MetricRow(String label, SeriesResult series) {}

    /** Dots from the end of {@code label} to column {@code width}, at least one. */
    static String dots(String label, int width) {
        return ".".repeat(Math.max(1, width - Ansi.width(label)));
    }
}
