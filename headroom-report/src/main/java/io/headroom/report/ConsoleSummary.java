package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.ValueType;
import io.headroom.core.plan.ThresholdSpec;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.GaugeStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The end-of-test summary as k6 users expect it: the run header, thresholds, checks, every metric with
 * a dotted name column, and a per-endpoint table. Output depends only on the {@link RunResult} (no
 * clock, no locale), so it can be golden-tested. ANSI colour is optional; turn it off when the output
 * is not a terminal. Immutable and thread-safe.
 */
public final class ConsoleSummary {
    /** Endpoint rows shown before the table is cut (busiest first); the JSON summary has them all. */
    public static final int DEFAULT_MAX_ENDPOINTS = 50;

    private static final int MAX_ENDPOINT_NAME_WIDTH = 60;
    /** The metric name column with its dots, as wide as k6's for the built-in names. */
    private static final int MIN_NAME_COLUMN = 31;
    private static final String INDENT = "    ";
    private static final Set<String> EXECUTION_METRICS = Set.of(BuiltinMetrics.ITERATIONS,
            BuiltinMetrics.ITERATION_DURATION, BuiltinMetrics.ITERATION_SERVICE_DURATION,
            BuiltinMetrics.DROPPED_ITERATIONS, BuiltinMetrics.VUS, BuiltinMetrics.VUS_MAX, BuiltinMetrics.SCHEDULE_LAG);
    private static final Set<String> NETWORK_METRICS = Set.of(BuiltinMetrics.DATA_SENT, BuiltinMetrics.DATA_RECEIVED);
    private static final String[] TREND_STATS = {"avg", "min", "med", "max", "p(90)", "p(95)", "p(99)"};

    private final boolean ansiColour;
    private final int maxEndpoints;

    /** A summary printer; {@code ansiColour} adds SGR colours (use it only when writing to a terminal). */
    public ConsoleSummary(boolean ansiColour) {
        this(ansiColour, DEFAULT_MAX_ENDPOINTS);
    }

    /** As {@link #ConsoleSummary(boolean)}, showing at most {@code maxEndpoints} endpoint rows. */
    public ConsoleSummary(boolean ansiColour, int maxEndpoints) {
        if (maxEndpoints < 0) throw new IllegalArgumentException("maxEndpoints must not be negative");
        this.ansiColour = ansiColour;
        this.maxEndpoints = maxEndpoints;
    }

    /** The summary as text, lines ending in {@code \n}. */
    public String render(RunResult result) {
        return new Rendering(result, new Ansi(ansiColour)).render();
    }

    /** Writes the summary to {@code out} in one append. */
    public void print(RunResult result, Appendable out) throws IOException {
        out.append(render(result));
    }

    /** Writes the summary to {@code out} and flushes it. */
    public void print(RunResult result, PrintStream out) {
        out.print(render(result));
        out.flush();
    }

    /** Writes the summary to {@code out}, turning an I/O failure into an {@link UncheckedIOException}. */
    public void printUnchecked(RunResult result, Appendable out) {
        try {
            print(result, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One rendering of one result; holds the output buffer. */
    private final class Rendering {
        private final RunResult result;
        private final Ansi ansi;
        private final StringBuilder out = new StringBuilder(4096);

        Rendering(RunResult result, Ansi ansi) {
            this.result = result;
            this.ansi = ansi;
        }

        String render() {
            out.append('\n');
            if (result.outcome() != RunOutcome.COMPLETED) banner();
            header();
            thresholds();
            checks();
            metrics();
            endpoints();
            errors();
            warnings();
            verdict();
            return out.toString();
        }

        private void banner() {
            out.append("  ").append(ansi.boldRed("▌ " + partialHeadline(result.outcome()))).append('\n');
            out.append("  ").append(ansi.red("▌ ")).append(partialExplanation(result)).append("\n\n");
        }

        private void header() {
            RunInfo info = result.info();
            section("RUN", info.name());
            Map<String, String> fields = new LinkedHashMap<>();
            String outcome = outcomeWord(result.outcome());
            fields.put("outcome", result.outcome() == RunOutcome.COMPLETED ? outcome : outcome + " (partial results)");
            fields.put("started", info.startedAt() == null ? "-" : info.startedAt().toString());
            fields.put("duration", durationText(info));
            new TreeMap<>(info.metadata()).forEach(fields::put);
            GeneratorHealth health = result.generatorHealth();
            boolean openModel = info.scenarios().stream().anyMatch(RunInfo.ScenarioInfo::openModel);
            if (health.measured()) fields.put("generator", generatorLine(health, openModel));
            int width = fields.keySet().stream().mapToInt(Ansi::width).max().orElse(0) + 3;
            fields.forEach((key, value) -> out.append(INDENT).append(key).append(ansi.faint(dots(key, width)))
                    .append(": ").append(key.equals("outcome") && result.outcome() != RunOutcome.COMPLETED
                            ? ansi.boldRed(value) : value).append('\n'));
            if (!info.scenarios().isEmpty()) {
                out.append('\n');
                TextTable table = new TextTable("LLRRR");
                table.row(ansi.faint("scenario"), ansi.faint("executor"), ansi.faint("max VUs"),
                        ansi.faint("iterations"), ansi.faint("dropped"));
                for (RunInfo.ScenarioInfo s : info.scenarios()) {
                    table.row(s.name(), s.executor(), Long.toString(s.maxVus()), Long.toString(s.iterations()),
                            s.droppedIterations() > 0 ? ansi.yellow(Long.toString(s.droppedIterations())) : "0");
                }
                table.render(out, INDENT);
            }
            out.append('\n');
        }

        private void thresholds() {
            if (result.thresholds().isEmpty()) return;
            section("THRESHOLDS", null);
            Map<String, List<ThresholdResult>> bySelector = new LinkedHashMap<>();
            for (ThresholdResult t : result.thresholds()) {
                bySelector.computeIfAbsent(t.spec().selector(), k -> new ArrayList<>()).add(t);
            }
            bySelector.forEach((selector, list) -> {
                out.append(INDENT).append(selector).append('\n');
                for (ThresholdResult t : list) {
                    ThresholdSpec spec = t.spec();
                    out.append(INDENT);
                    String expression = "'" + spec.expression() + "'";
                    switch (t.verdict()) {
                        case ThresholdVerdict.Held held -> out.append(ansi.green("✓")).append(' ').append(expression)
                                .append(' ').append(actual(spec, held.actual()));
                        case ThresholdVerdict.Crossed crossed -> out.append(ansi.red("✗")).append(' ')
                                .append(ansi.red(expression)).append(' ').append(ansi.red(actual(spec, crossed.actual())));
                        case ThresholdVerdict.NoData noData -> out.append(ansi.yellow("✓")).append(' ')
                                .append(expression).append(' ')
                                .append(ansi.yellow("no data — no sample matched this selector; counts as held"));
                    }
                    if (spec.abortOnFail()) out.append(ansi.faint("  (abortOnFail)"));
                    out.append('\n');
                }
                out.append('\n');
            });
        }

        /** The actual value named like the expression's left side, in the metric's unit: {@code p(95)=45.12ms}. */
        private String actual(ThresholdSpec spec, double actual) {
            return ThresholdText.actual(result, spec, actual);
        }

        private void checks() {
            if (result.checks().isEmpty()) return;
            long passes = 0, fails = 0;
            for (CheckResult c : result.checks()) {
                passes += c.passes();
                fails += c.fails();
            }
            long total = passes + fails;
            String headline = Units.percent(total == 0 ? 0 : (double) passes / total) + " passed (" + passes
                    + " of " + total + ")";
            section("CHECKS", fails == 0 ? ansi.green(headline) : ansi.red(headline));

            Map<String, List<CheckResult>> byGroup = new LinkedHashMap<>();
            byGroup.put("", new ArrayList<>());
            for (CheckResult c : result.checks()) {
                byGroup.computeIfAbsent(groupName(c.group()), k -> new ArrayList<>()).add(c);
            }
            int nameWidth = 0;
            int passWidth = 0;
            int failWidth = 0;
            for (CheckResult c : result.checks()) {
                int indent = groupName(c.group()).isEmpty() ? 0 : 2;
                nameWidth = Math.max(nameWidth, indent + Ansi.width(c.name()));
                passWidth = Math.max(passWidth, Long.toString(c.passes()).length());
                failWidth = Math.max(failWidth, Long.toString(c.fails()).length());
            }
            boolean first = true;
            for (Map.Entry<String, List<CheckResult>> group : byGroup.entrySet()) {
                if (group.getValue().isEmpty()) continue;
                String indent = group.getKey().isEmpty() ? "" : "  ";
                if (!group.getKey().isEmpty()) {
                    if (!first) out.append('\n');
                    out.append(INDENT).append(ansi.bold("group " + group.getKey())).append('\n');
                }
                for (CheckResult c : group.getValue()) {
                    boolean held = c.fails() == 0;
                    out.append(INDENT).append(indent).append(held ? ansi.green("✓") : ansi.red("✗")).append(' ')
                            .append(Ansi.padRight(c.name(), nameWidth - indent.length())).append("  ")
                            .append(Ansi.padLeft(Units.percent(c.passRate()), 7)).append("  ")
                            .append(ansi.green("✓")).append(' ').append(Ansi.padRight(Long.toString(c.passes()), passWidth))
                            .append("  ").append(c.fails() > 0 ? ansi.red("✗") : "✗").append(' ')
                            .append(Long.toString(c.fails())).append('\n');
                }
                first = false;
            }
            out.append('\n');
        }

        private void metrics() {
            section("METRICS", null);
            if (result.series().isEmpty()) {
                out.append(INDENT).append("no samples were recorded: no iteration ran, or none recorded a metric\n\n");
                return;
            }
            Map<String, List<String>> groups = new LinkedHashMap<>();
            for (String g : List.of("HTTP", "EXECUTION", "NETWORK", "CUSTOM")) groups.put(g, new ArrayList<>());
            for (String metric : new TreeSet<>(Aggregates.metricNames(result))) {
                if (metric.equals(BuiltinMetrics.CHECKS)) continue;
                String group = metric.startsWith("http_") ? "HTTP"
                        : EXECUTION_METRICS.contains(metric) ? "EXECUTION"
                        : NETWORK_METRICS.contains(metric) ? "NETWORK" : "CUSTOM";
                groups.get(group).add(metric);
            }
            Map<String, List<MetricRow>> rows = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> g : groups.entrySet()) {
                List<MetricRow> list = new ArrayList<>();
                for (String metric : g.getValue()) {
                    Aggregates.aggregate(result, metric).ifPresent(s -> list.add(new MetricRow(metric, s)));
                    for (String selector : subSelectors(metric)) {
                        Selector parsed = Selector.parse(selector);
                        Aggregates.select(result, metric, parsed.tags())
                                .ifPresent(s -> list.add(new MetricRow("  " + parsed.tags(), s)));
                    }
                }
                if (!list.isEmpty()) rows.put(g.getKey(), list);
            }
            List<MetricRow> all = rows.values().stream().flatMap(List::stream).toList();
            int nameWidth = Math.max(MIN_NAME_COLUMN, all.stream().mapToInt(r -> Ansi.width(r.label())).max().orElse(0) + 3);
            int[] trendWidths = new int[TREND_STATS.length];
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
                    String values;
                    if (s.stats() instanceof TrendStats t) {
                        if (t.count() == 0) {
                            values = "no samples";
                        } else {
                            String[] cells = trendCells(t, s.valueType());
                            StringBuilder sb = new StringBuilder();
                            for (int i = 0; i < cells.length; i++) {
                                if (i > 0) sb.append(' ');
                                sb.append(Ansi.padRight(cells[i], trendWidths[i]));
                            }
                            values = sb.toString().stripTrailing();
                        }
                    } else {
                        values = (Ansi.padRight(firstCell(s), firstWidth) + " " + restCell(s)).stripTrailing();
                    }
                    out.append(ansi.cyan(values)).append('\n');
                }
                out.append('\n');
            }
        }

        /** Tagged selectors of thresholds on {@code metric}, each shown once as a sub-row. */
        private Set<String> subSelectors(String metric) {
            Set<String> selectors = new TreeSet<>();
            for (ThresholdResult t : result.thresholds()) {
                Selector s = Selector.parse(t.spec().selector());
                if (s.metric().equals(metric) && !s.tags().isEmpty()) selectors.add(t.spec().selector());
            }
            return selectors;
        }

        private String[] trendCells(TrendStats t, ValueType type) {
            double[] values = {t.avg(), t.min(), t.med(), t.max(), t.p90(), t.p95(), t.p99()};
            String[] cells = new String[values.length];
            for (int i = 0; i < values.length; i++) cells[i] = TREND_STATS[i] + "=" + Units.value(values[i], type);
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

        private void endpoints() {
            List<EndpointSummary> endpoints = EndpointSummary.of(result);
            boolean anyHttp = result.series().stream().anyMatch(s -> s.metric().startsWith("http_"));
            if (endpoints.isEmpty()) {
                if (!anyHttp && !result.series().isEmpty()) return;
                section("ENDPOINTS", null);
                out.append(INDENT).append("no HTTP requests were made\n\n");
                return;
            }
            section("ENDPOINTS", ansi.faint("http_req_duration by name and method"));
            TextTable table = new TextTable("LLRRRRRRR");
            table.row(ansi.faint("name"), ansi.faint("method"), ansi.faint("count"), ansi.faint("req/s"),
                    ansi.faint("p50"), ansi.faint("p95"), ansi.faint("p99"), ansi.faint("max"), ansi.faint("errors"));
            int shown = Math.min(endpoints.size(), maxEndpoints);
            for (EndpointSummary e : endpoints.subList(0, shown)) {
                double errorRate = e.errorRate();
                String errors = Double.isNaN(errorRate) ? "-" : Units.percent(errorRate);
                table.row(truncate(e.name(), MAX_ENDPOINT_NAME_WIDTH), e.method(), Long.toString(e.count()),
                        Units.number(e.requestsPerSecond(), 2), Units.duration(e.p50Millis()),
                        Units.duration(e.p95Millis()), Units.duration(e.p99Millis()), Units.duration(e.maxMillis()),
                        e.failed() > 0 ? ansi.red(errors) : errors);
            }
            table.render(out, INDENT);
            if (shown < endpoints.size()) {
                int more = endpoints.size() - shown;
                out.append(INDENT).append(ansi.faint("… " + more + " more endpoint" + (more == 1 ? "" : "s")
                        + " with fewer requests; the JSON summary has them all")).append('\n');
            }
            out.append('\n');
        }

        /** The first message of every error code, so a bare "1212" reads as what it was. */
        private void errors() {
            List<io.headroom.core.metric.ErrorSample> samples = ErrorSamples.byCount(result);
            if (samples.isEmpty()) return;
            section("ERRORS", ansi.faint("first message per error code"));
            TextTable table = new TextTable("LRL");
            table.row(ansi.faint("code"), ansi.faint("count"), ansi.faint("sample message"));
            for (io.headroom.core.metric.ErrorSample e : samples) {
                table.row(ansi.red(e.code()), Long.toString(e.count()), ErrorSamples.oneLine(e.message(), 160));
            }
            table.render(out, INDENT);
            out.append('\n');
        }

        /** Numbers to distrust, and why: closed models that hid queueing. */
        private void warnings() {
            List<ClosedModelWarning> closed = ClosedModelWarning.find(result);
            GeneratorHealth health = result.generatorHealth();
            if (closed.isEmpty() && !health.invalid()) return;
            section("WARNINGS", null);
            if (health.invalid()) {
                out.append(INDENT).append(ansi.boldRed("✗ " + INVALID_RUN_HEADLINE)).append('\n');
                for (String reason : health.reasons()) out.append(INDENT).append("  - ").append(reason).append('\n');
                out.append(INDENT).append("  These numbers describe the generator as much as the target; see docs/measurement.md.\n");
            }
            for (ClosedModelWarning w : closed) {
                out.append(INDENT).append(ansi.yellow("⚠ ")).append(w.message()).append('\n');
            }
            out.append('\n');
        }

        private void verdict() {
            List<ThresholdResult> thresholds = result.thresholds();
            long crossed = thresholds.stream().filter(t -> t.verdict() instanceof ThresholdVerdict.Crossed).count();
            if (!thresholds.isEmpty()) {
                String line = crossed == 0
                        ? "✓ all " + thresholds.size() + " threshold" + (thresholds.size() == 1 ? "" : "s") + " held"
                        : "✗ " + crossed + " of " + thresholds.size() + " threshold" + (thresholds.size() == 1 ? "" : "s")
                          + " crossed";
                out.append("  ").append(crossed == 0 ? ansi.green(line) : ansi.boldRed(line)).append('\n');
            }
            if (result.outcome() != RunOutcome.COMPLETED) {
                out.append("  ").append(ansi.boldRed("✗ " + partialHeadline(result.outcome()))).append('\n');
            }
            boolean invalid = result.generatorHealth().invalid();
            if (invalid) out.append("  ").append(ansi.boldRed("✗ " + INVALID_RUN_HEADLINE)).append('\n');
            if (!thresholds.isEmpty() || result.outcome() != RunOutcome.COMPLETED || invalid) out.append('\n');
        }

        private void section(String title, String detail) {
            out.append("  ").append(ansi.bold("█ " + title));
            if (detail != null && !detail.isEmpty()) out.append("  ").append(detail);
            out.append("\n\n");
        }
    }

    /** The headline of a run whose generator was the bottleneck. */
    public static final String INVALID_RUN_HEADLINE = "invalid run: the generator was the bottleneck, not (only) the target";

    /** The generator's self-check on one line: lag (open-model runs only), CPU, GC, drops. */
    static String generatorLine(GeneratorHealth h, boolean openModel) {
        return (openModel ? "lag p(99) " + Units.duration(h.scheduleLagP99Millis()) + ", " : "")
                + "CPU max " + Units.percent(h.cpuMaxFraction()) + " avg " + Units.percent(h.cpuAvgFraction())
                + " of " + h.availableProcessors() + (h.availableProcessors() == 1 ? " core" : " cores")
                + ", GC " + Units.duration(h.gcPauseTotalMillis()) + " (max " + Units.duration(h.gcPauseMaxMillis()) + "/s)"
                + ", dropped " + h.droppedIterations() + (h.invalid() ? " — INVALID RUN" : " — ok");
    }

    private record MetricRow(String label, SeriesResult series) {}

    static String partialHeadline(RunOutcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "run completed";
            case INTERRUPTED -> "run interrupted — partial results";
            case ABORTED_BY_THRESHOLD -> "run aborted by a threshold — partial results";
            case MAX_DURATION_REACHED -> "run stopped at its max duration — partial results";
        };
    }

    private static String partialExplanation(RunResult result) {
        String ranFor = durationText(result.info());
        return switch (result.outcome()) {
            case COMPLETED -> "";
            case INTERRUPTED -> "Stopped by the user after " + ranFor + "; the numbers cover only that time.";
            case ABORTED_BY_THRESHOLD -> "A threshold with abortOnFail was crossed after " + ranFor
                    + "; the numbers cover only that time.";
            case MAX_DURATION_REACHED -> "The safety bound stopped the run after " + ranFor
                    + "; the numbers cover only that time.";
        };
    }

    private static String durationText(RunInfo info) {
        return info.duration() == null ? "-" : Units.duration(info.duration().toNanos() / 1e6);
    }

    private static String outcomeWord(RunOutcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "completed";
            case INTERRUPTED -> "interrupted";
            case ABORTED_BY_THRESHOLD -> "aborted by threshold";
            case MAX_DURATION_REACHED -> "max duration reached";
        };
    }

    private static String groupName(String group) {
        if (group == null) return "";
        String g = group.strip();
        while (g.startsWith("::")) g = g.substring(2);
        return g;
    }

    private static String dots(String label, int width) {
        return ".".repeat(Math.max(1, width - Ansi.width(label)));
    }

    private static String truncate(String s, int width) {
        if (Ansi.width(s) <= width) return s;
        return s.substring(0, s.offsetByCodePoints(0, width - 1)) + "…";
    }
}
