package io.headroom.report.section;

import io.headroom.core.result.RunResult;
import io.headroom.profiler.analysis.Profile;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.flame.FlameGraphHtml;
import io.headroom.profiler.target.ObservedTarget;
import io.headroom.profiler.target.SteadyWindow;
import io.headroom.profiler.target.TargetSeries;
import io.headroom.report.ReportBlock;
import io.headroom.report.ReportBlock.Cell;
import io.headroom.report.ReportBlock.Column;
import io.headroom.report.ReportBlock.Paragraph;
import io.headroom.report.ReportSection;
import io.headroom.report.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** The report's sections for the target: its resources over time and its profile, as blocks. Stateless. */
public final class TargetSections {
    private static final int HOT_ROWS = 10;

    private TargetSections() {}

    /**
     * The sections watching the target adds, in the report's order: its resources (when monitored), then the
     * target's and the generator's profiles (when recorded); empty when nothing was watched.
     */
    public static List<ReportSection> of(RunResult result, ObservedTarget observed) {
        List<ReportSection> sections = new ArrayList<>();
        if (observed.monitoredPid() != null) {
            sections.add(resources(result, observed.monitoredPid(), observed.cores()));
        }
        if (observed.target() != null) {
            sections.add(profile("target-profile", "Target profile (pid " + observed.profiledPid() + ")",
                    observed.target().profile(), observed.window(), observed.target().flameFile()));
        }
        if (observed.generator() != null) {
            sections.add(profile("generator-profile", "Generator profile (Headroom's own JVM)",
                    observed.generator().profile(), observed.window(), observed.generator().flameFile()));
        }
        return List.copyOf(sections);
    }

    /** The target's CPU, resident memory, threads and open files (pid {@code pid}, {@code cores} cores) from the run's gauges. */
    static ReportSection resources(RunResult result, long pid, int cores) {
        List<ReportBlock> blocks = new ArrayList<>();
        blocks.add(Paragraph.of("pid " + pid + ", sampled once a second from /proc; CPU as a share of all "
                + cores + " cores."));
        List<List<Cell>> rows = new ArrayList<>();
        row(rows, result, "CPU", TargetSeries.CPU, v -> String.format(Locale.ROOT, "%.1f %%", v));
        row(rows, result, "resident memory", TargetSeries.RSS, Units::bytes);
        row(rows, result, "threads", TargetSeries.THREADS, v -> String.format(Locale.ROOT, "%.0f", v));
        row(rows, result, "open files", TargetSeries.OPEN_FILES, v -> String.format(Locale.ROOT, "%.0f", v));
        blocks.add(new ReportBlock.Table(null, List.of(new Column("signal", false), new Column("first", true),
                new Column("peak", true), new Column("last", true)), rows));
        chart(blocks, "target-cpu-chart", "CPU % by second", TargetSeries.of(result, TargetSeries.CPU),
                v -> String.format(Locale.ROOT, "%.1f %%", v));
        chart(blocks, "target-rss-chart", "Resident memory by second",
                TargetSeries.of(result, TargetSeries.RSS), Units::bytes);
        return new ReportSection("target-resources", "Target resources", blocks);
    }

    private static void row(List<List<Cell>> rows, RunResult result, String label, String metric, DoubleFunction<String> format) {
        List<TargetSeries.Point> points = TargetSeries.of(result, metric);
        if (points.isEmpty()) return;
        double peak = points.stream().mapToDouble(TargetSeries.Point::value).max().orElse(0);
        rows.add(List.of(Cell.text(label), Cell.text(format.apply(points.get(0).value())), Cell.text(format.apply(peak)),
                Cell.text(format.apply(points.get(points.size() - 1).value()))));
    }

    /** A line over the run, when there are two points or more and something to scale by. */
    private static void chart(List<ReportBlock> blocks, String id, String title, List<TargetSeries.Point> points,
                              DoubleFunction<String> format) {
        if (points.size() < 2) return;
        double maxX = points.get(points.size() - 1).seconds();
        double maxY = points.stream().mapToDouble(TargetSeries.Point::value).max().orElse(0);
        if (maxX <= 0 || maxY <= 0) return;
        blocks.add(new ReportBlock.LineChart(id, title, format.apply(maxY),
                points.stream().map(p -> new ReportBlock.Point(p.seconds(), p.value())).toList()));
    }

    /** A profile's section: how it was recorded, hot methods, GC pauses and the flame graph embedded from {@code flameFile}. */
    static ReportSection profile(String id, String title, Profile profile, SteadyWindow window, String flameFile) {
        ProfileReport report = profile.report();
        List<ReportBlock> blocks = new ArrayList<>();
        blocks.add(new Paragraph(List.of(
                new ReportBlock.Inline.Text("Recorded with JDK Flight Recorder during the steady part of the run (planned from "
                        + window.start().toSeconds() + " s to " + window.end().toSeconds() + " s): "
                        + report.cpu().sampleCount() + " CPU samples. Full page: "),
                new ReportBlock.Inline.Link(flameFile, flameFile),
                new ReportBlock.Inline.Text(".")), null));
        blocks.add(new ReportBlock.Heading("Hot methods"));
        List<ProfileReport.HotMethod> hot = report.cpu().topSelf();
        if (hot.isEmpty()) {
            blocks.add(Paragraph.of("No CPU samples: the JVM ran almost no Java code while recorded.", "empty"));
        } else {
            List<List<Cell>> rows = new ArrayList<>();
            for (ProfileReport.HotMethod m : hot.subList(0, Math.min(HOT_ROWS, hot.size()))) {
                rows.add(List.of(Cell.code(m.method()), Cell.text(String.format(Locale.ROOT, "%.1f %%", m.selfPercent())),
                        Cell.text(String.format(Locale.ROOT, "%.1f %%", m.totalPercent()))));
            }
            blocks.add(new ReportBlock.Table("hot-methods", List.of(new Column("method", false), new Column("self", true),
                    new Column("total", true)), rows));
        }
        ProfileReport.GcProfile gc = report.gc();
        blocks.add(new ReportBlock.Heading("GC pauses"));
        if (gc.pauseCount() == 0) {
            blocks.add(Paragraph.of("No garbage collection while recorded.", "empty"));
        } else {
            blocks.add(Paragraph.of(String.format(Locale.ROOT, "%s: %d pauses, total %.1f ms, p50 %.1f ms,"
                            + " p99 %.1f ms, max %.1f ms.", gc.collector().isEmpty() ? "collector unknown" : gc.collector(),
                    gc.pauseCount(), gc.totalPauseMillis(), gc.p50PauseMillis(), gc.p99PauseMillis(), gc.maxPauseMillis()),
                    "gc-pauses"));
        }
        blocks.add(new ReportBlock.Heading("Flame graph"));
        // The flame graph is its own page (its script and styles); embedding keeps the report one self-contained file.
        blocks.add(new ReportBlock.EmbeddedPage("flame", title + " flame graph", FlameGraphHtml.render(profile.cpuTrie(), title)));
        return new ReportSection(id, title, blocks);
    }
}
