package io.headroom.report;

import io.headroom.analysis.compare.Comparability;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.ScheduleLagCauses;
import io.headroom.core.result.HeapUse;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunResult;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-of-test summary as k6 users expect it: the run header, thresholds, checks, every metric with
 * a dotted name column, and a per-endpoint table. Output depends only on the {@link RunResult} (no
 * clock, no locale), so it can be golden-tested. ANSI colour is optional; turn it off when the output
 * is not a terminal. Immutable and thread-safe.
 */
public final class ConsoleSummary implements ReportFormat {
    /** Endpoint rows shown before the table is cut (busiest first); the JSON summary has them all. */
    public static final int DEFAULT_MAX_ENDPOINTS = 50;

    private static final int MAX_ENDPOINT_NAME_WIDTH = 60;
    private static final String INDENT = "    ";

    private final boolean ansiColour;
    private final int maxEndpoints;
    private final TrendColumns trendColumns;
    private final int columns;

    /** A summary printer; {@code ansiColour} adds SGR colours (use it only when writing to a terminal). */
    public ConsoleSummary(boolean ansiColour) {
        this(ansiColour, DEFAULT_MAX_ENDPOINTS);
    }

    /** As {@link #ConsoleSummary(boolean)}, showing at most {@code maxEndpoints} endpoint rows. */
    public ConsoleSummary(boolean ansiColour, int maxEndpoints) {
        this(ansiColour, maxEndpoints, TrendColumns.DEFAULT);
    }

    /** As {@link #ConsoleSummary(boolean, int)}, each trend row showing {@code trendColumns} (non-null). */
    public ConsoleSummary(boolean ansiColour, int maxEndpoints, TrendColumns trendColumns) {
        this(ansiColour, maxEndpoints, trendColumns, 0);
    }

    /**
     * As {@link #ConsoleSummary(boolean, int, TrendColumns)}, fitted to a terminal {@code columns} wide (0: no
     * limit): metric values wrap between fields onto aligned lines, tables drop their least needed columns, so a
     * number is never split by the terminal's own wrapping.
     */
    public ConsoleSummary(boolean ansiColour, int maxEndpoints, TrendColumns trendColumns, int columns) {
        if (maxEndpoints < 0) throw new IllegalArgumentException("maxEndpoints must not be negative");
        if (columns < 0) throw new IllegalArgumentException("columns must not be negative");
        this.ansiColour = ansiColour;
        this.maxEndpoints = maxEndpoints;
        this.trendColumns = java.util.Objects.requireNonNull(trendColumns, "trendColumns");
        this.columns = columns;
    }

    /** The summary as text, lines ending in {@code \n}. */
    public String render(RunResult result) {
        return render(RunReport.of(result));
    }

    /** The summary of {@code report} as text, lines ending in {@code \n}. */
    public String render(RunReport report) {
        return new Rendering(report, new Ansi(ansiColour)).render();
    }

    @Override
    public void write(RunReport report, OutputStream out) throws IOException {
        out.write(render(report).getBytes(StandardCharsets.UTF_8));
        out.flush();
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
        private final RunReport report;
        private final RunResult result;
        private final Ansi ansi;
        private final StringBuilder out = new StringBuilder(4096);

        Rendering(RunReport report, Ansi ansi) {
            this.report = report;
            this.result = report.result();
            this.ansi = ansi;
        }

        String render() {
            out.append('\n');
            if (report.outcome().partial()) banner();
            header();
            thresholds();
            new ConsoleChecks(report, ansi, out).render();
            new ConsoleMetrics(result, ansi, out, trendColumns, maxColumns()).render();
            endpoints();
            errors();
            warnings();
            verdict();
            // What is not fitted above (header values, warnings, messages) is broken at spaces, never mid-number.
            return WrappingWriter.wrapLines(out.toString(), maxColumns());
        }

        /** Columns a line may take: one short of the terminal's width (0: no limit). */
        private int maxColumns() {
            return columns == 0 ? 0 : Math.max(20, columns - 1);
        }

        private void banner() {
            out.append("  ").append(ansi.boldRed("▌ " + report.outcome().headline())).append('\n');
            out.append("  ").append(ansi.red("▌ ")).append(report.outcome().explanation()).append("\n\n");
        }

        private void header() {
            RunInfo info = result.info();
            section("RUN", info.name());
            Map<String, String> fields = new LinkedHashMap<>();
            String outcome = report.outcome().word();
            fields.put("outcome", report.outcome().partial() ? outcome + " (partial results)" : outcome);
            fields.put("started", info.startedAt() == null ? "-" : info.startedAt().toString());
            fields.put("duration", report.durationText());
            // The environment (host, CPU, JVM, plan hash, ...) is for compare and the files, not for the terminal.
            new TreeMap<>(info.metadata()).forEach((k, v) -> {
                if (k.equals("baseUrl") || !Comparability.ENVIRONMENT_KEYS.contains(k)) fields.put(k, v);
            });
            GeneratorHealth health = result.generatorHealth();
            boolean openModel = info.scenarios().stream().anyMatch(RunInfo.ScenarioInfo::openModel);
            if (health.measured()) fields.put("generator", generatorLine(health, openModel));
            int width = fields.keySet().stream().mapToInt(Ansi::width).max().orElse(0) + 3;
            fields.forEach((key, value) -> out.append(INDENT).append(key).append(ansi.faint(ConsoleMetrics.dots(key, width)))
                    .append(": ").append(key.equals("outcome") && report.outcome().partial()
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
                table.render(out, INDENT, maxColumns(), 1, 4);
            }
            out.append('\n');
        }

        private void thresholds() {
            if (report.thresholds().isEmpty()) return;
            section("THRESHOLDS", null);
            Map<String, List<ThresholdRow>> bySelector = new LinkedHashMap<>();
            for (ThresholdRow t : report.thresholds()) bySelector.computeIfAbsent(t.selector(), k -> new ArrayList<>()).add(t);
            bySelector.forEach((selector, list) -> {
                out.append(INDENT).append(selector).append('\n');
                for (ThresholdRow t : list) {
                    out.append(INDENT);
                    String expression = "'" + t.expression() + "'";
                    switch (t.verdict()) {
                        case HELD -> out.append(ansi.green("✓")).append(' ').append(expression).append(' ').append(t.actual());
                        case CROSSED -> out.append(ansi.red("✗")).append(' ').append(ansi.red(expression)).append(' ')
                                .append(ansi.red(t.actual()));
                        case NO_DATA -> out.append(ansi.yellow("✓")).append(' ').append(expression).append(' ')
                                .append(ansi.yellow(t.actual()));
                    }
                    if (t.abortOnFail()) out.append(ansi.faint("  (abortOnFail)"));
                    out.append('\n');
                }
                out.append('\n');
            });
        }

        private void endpoints() {
            List<EndpointSummary> endpoints = report.endpoints();
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
            // Narrow terminal: p50, max, req/s, method, then p99 go first; name, count, p95 and errors stay.
            table.render(out, INDENT, maxColumns(), 4, 7, 3, 1, 6);
            if (shown < endpoints.size()) {
                int more = endpoints.size() - shown;
                out.append(INDENT).append(ansi.faint("… " + more + " more endpoint" + (more == 1 ? "" : "s")
                        + " with fewer requests; the JSON summary has them all")).append('\n');
            }
            ProtocolLine.line(result).ifPresent(line -> out.append(INDENT).append(ansi.faint(line)).append('\n'));
            SlowestTraces.line(result).ifPresent(line -> out.append(INDENT).append(ansi.faint(line)).append('\n'));
            out.append('\n');
        }

        /** The first message of every error code, so a bare "1212" reads as what it was. */
        private void errors() {
            List<ErrorSample> samples = report.errorSamples();
            if (samples.isEmpty()) return;
            section("ERRORS", ansi.faint("first message per error code"));
            TextTable table = new TextTable("LRL");
            table.row(ansi.faint("code"), ansi.faint("count"), ansi.faint("sample message"));
            for (ErrorSample e : samples) {
                table.row(ansi.red(e.code()), Long.toString(e.count()), ErrorSamples.oneLine(e.message(), 160));
            }
            table.render(out, INDENT, maxColumns());
            out.append('\n');
        }

        /** Numbers to distrust, and why: an invalid run, dropped iterations, closed models that hid queueing. */
        private void warnings() {
            List<ClosedModelWarning> closed = ClosedModelWarning.find(result);
            GeneratorHealth health = result.generatorHealth();
            List<String> drops = DropWarnings.of(result);
            // A valid run's tail can still be the generator's (one pause in a long run): said beside the other warnings.
            java.util.Optional<String> tail = health.invalid() ? java.util.Optional.empty() : health.lagCauses().tailNote();
            if (closed.isEmpty() && !health.invalid() && drops.isEmpty() && tail.isEmpty()) return;
            section("WARNINGS", null);
            if (health.invalid()) {
                out.append(INDENT).append(ansi.boldRed("✗ " + INVALID_RUN_HEADLINE)).append('\n');
                for (String reason : health.reasons()) out.append(INDENT).append("  - ").append(reason).append('\n');
                out.append(INDENT).append("  These numbers describe the generator as much as the target; see docs/measurement.md.\n");
            }
            tail.ifPresent(t -> out.append(INDENT).append(ansi.yellow("⚠ ")).append(t).append('\n'));
            for (String d : drops) out.append(INDENT).append(ansi.yellow("⚠ ")).append(d).append('\n');
            for (ClosedModelWarning w : closed) {
                out.append(INDENT).append(ansi.yellow("⚠ ")).append(w.message()).append('\n');
            }
            out.append('\n');
        }

        private void verdict() {
            int total = report.thresholds().size();
            long crossed = report.crossedThresholds();
            if (total > 0) {
                String line = crossed == 0
                        ? "✓ all " + total + " threshold" + (total == 1 ? "" : "s") + " held"
                        : "✗ " + crossed + " of " + total + " threshold" + (total == 1 ? "" : "s") + " crossed";
                out.append("  ").append(crossed == 0 ? ansi.green(line) : ansi.boldRed(line)).append('\n');
            }
            if (report.outcome().partial()) {
                out.append("  ").append(ansi.boldRed("✗ " + report.outcome().headline())).append('\n');
            }
            boolean invalid = report.generatorHealth().invalid();
            if (invalid) out.append("  ").append(ansi.boldRed("✗ " + INVALID_RUN_HEADLINE)).append('\n');
            if (total > 0 || report.outcome().partial() || invalid) out.append('\n');
        }

        private void section(String title, String detail) {
            out.append("  ").append(ansi.bold("█ " + title));
            if (detail != null && !detail.isEmpty()) out.append("  ").append(detail);
            out.append("\n\n");
        }
    }

    /** The headline of a run whose generator was the bottleneck; the reasons below it say what was measured. */
    public static final String INVALID_RUN_HEADLINE = "invalid run: the generator could not keep to the plan, so the numbers are not (only) the target's";

    /** The generator's self-check on one line: lag (open-model runs only), CPU, GC, drops. */
    static String generatorLine(GeneratorHealth h, boolean openModel) {
        return (openModel ? "lag p(99) " + Units.duration(h.scheduleLagP99Millis()) + lagCausesText(h.lagCauses()) + ", " : "")
                + "CPU max " + Units.percent(h.cpuMaxFraction()) + " avg " + Units.percent(h.cpuAvgFraction())
                + " of " + h.availableProcessors() + (h.availableProcessors() == 1 ? " core" : " cores")
                + ", GC " + Units.duration(h.gcPauseTotalMillis()) + " (max " + Units.duration(h.gcPauseMaxMillis()) + "/s)"
                + heapText(h.heap())
                + ", dropped " + h.droppedIterations()
                + (h.droppedBehindSchedule() > 0 ? " (" + h.droppedBehindSchedule() + " behind schedule)" : "")
                + liveOutputsText(h)
                + (h.invalid() ? " — INVALID RUN" : " — ok");
    }

    /** ", --out batches 12 sent, 3 dropped": the live outputs together (each one's detail is in the warnings). */
    static String liveOutputsText(GeneratorHealth h) {
        if (h.liveOutputs().isEmpty()) return "";
        long sent = h.liveOutputs().stream().mapToLong(io.headroom.core.result.LiveOutputHealth::delivered).sum();
        long dropped = h.liveOutputs().stream().mapToLong(io.headroom.core.result.LiveOutputHealth::dropped).sum();
        return ", --out batches " + sent + " sent, " + dropped + " dropped";
    }

    /**
     * " (the generator's own 29.0 ms; 1150 late starts its own, 50 waiting for a busy target)": the lag's split by
     * cause, late starts only when there were some; empty without the split.
     */
    static String lagCausesText(ScheduleLagCauses c) {
        if (!c.measured()) return "";
        long late = c.lateByGenerator() + c.lateByTarget();
        return " (the generator's own " + Units.duration(c.generatorLagP99Millis())
                + (late == 0 ? "" : "; " + c.lateByGenerator() + " late start" + (c.lateByGenerator() == 1 ? "" : "s")
                + " its own, " + c.lateByTarget() + " waiting for a VU the target held") + ")";
    }

    /** ", heap after GC 14 MB → 15 MB (max 16 MB of 1 GB)": what the generator held, first and last collection. */
    static String heapText(HeapUse heap) {
        if (!heap.measured()) return "";
        return ", heap after GC " + Units.bytes(heap.firstAfterGcBytes()) + " → " + Units.bytes(heap.lastAfterGcBytes())
                + " (max " + Units.bytes(heap.maxAfterGcBytes())
                + (heap.maxHeapBytes() > 0 ? " of " + Units.bytes(heap.maxHeapBytes()) : "") + ")";
    }

    private static String truncate(String s, int width) {
        if (Ansi.width(s) <= width) return s;
        return s.substring(0, s.offsetByCodePoints(0, width - 1)) + "…";
    }
}
