package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.profiler.analysis.Profile;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.flame.FlameGraphHtml;
import io.headroom.profiler.target.SteadyWindow;
import io.headroom.profiler.target.TargetSeries;
import io.headroom.report.ReportSection;
import io.headroom.report.Units;

import java.util.List;
import java.util.Locale;

import static io.headroom.report.ReportSection.escape;

/** The HTML report's sections for the target: its resources over time and its profile. Stateless. */
final class TargetSections {
    private static final int HOT_ROWS = 10;
    private static final int CHART_WIDTH = 600;
    private static final int CHART_HEIGHT = 120;

    private TargetSections() {}

    static ReportSection resources(RunResult result, long pid, int cores) {
        StringBuilder html = new StringBuilder();
        html.append("<p>pid ").append(pid).append(", sampled once a second from /proc; CPU as a share of all ")
                .append(cores).append(" cores.</p>");
        html.append("<table><thead><tr><th>signal</th><th class=\"num\">first</th><th class=\"num\">peak</th>")
                .append("<th class=\"num\">last</th></tr></thead><tbody>");
        row(html, result, "CPU", TargetSeries.CPU, v -> String.format(Locale.ROOT, "%.1f %%", v));
        row(html, result, "resident memory", TargetSeries.RSS, Units::bytes);
        row(html, result, "threads", TargetSeries.THREADS, v -> String.format(Locale.ROOT, "%.0f", v));
        row(html, result, "open files", TargetSeries.OPEN_FILES, v -> String.format(Locale.ROOT, "%.0f", v));
        html.append("</tbody></table>");
        chart(html, "target-cpu-chart", "CPU % by second", TargetSeries.of(result, TargetSeries.CPU),
                v -> String.format(Locale.ROOT, "%.1f %%", v));
        chart(html, "target-rss-chart", "Resident memory by second",
                TargetSeries.of(result, TargetSeries.RSS), Units::bytes);
        return new ReportSection("target-resources", "Target resources", html.toString());
    }

    private static void row(StringBuilder html, RunResult result, String label, String metric,
                            java.util.function.DoubleFunction<String> format) {
        List<TargetSeries.Point> points = TargetSeries.of(result, metric);
        if (points.isEmpty()) return;
        double peak = points.stream().mapToDouble(TargetSeries.Point::value).max().orElse(0);
        html.append("<tr><td>").append(escape(label)).append("</td><td class=\"num\">")
                .append(escape(format.apply(points.get(0).value()))).append("</td><td class=\"num\">")
                .append(escape(format.apply(peak))).append("</td><td class=\"num\">")
                .append(escape(format.apply(points.get(points.size() - 1).value()))).append("</td></tr>");
    }

    /** A plain SVG line chart: no script, so it shows even where the page's scripts do not run. */
    private static void chart(StringBuilder html, String id, String title, List<TargetSeries.Point> points,
                              java.util.function.DoubleFunction<String> format) {
        if (points.size() < 2) return;
        double maxX = points.get(points.size() - 1).seconds();
        double maxY = points.stream().mapToDouble(TargetSeries.Point::value).max().orElse(0);
        if (maxX <= 0 || maxY <= 0) return;
        html.append("<figure id=\"").append(id).append("\"><figcaption>").append(escape(title))
                .append(" (top of the chart: ").append(escape(format.apply(maxY))).append(")</figcaption><svg width=\"").append(CHART_WIDTH).append("\" height=\"").append(CHART_HEIGHT)
                .append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(CHART_HEIGHT)
                .append("\" role=\"img\"><polyline fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2\" points=\"");
        for (TargetSeries.Point p : points) {
            double x = p.seconds() / maxX * (CHART_WIDTH - 4) + 2;
            double y = CHART_HEIGHT - 2 - p.value() / maxY * (CHART_HEIGHT - 4);
            html.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        html.append("\"/></svg></figure>");
    }

    static ReportSection profile(String id, String title, Profile profile, SteadyWindow window, String flameFile) {
        ProfileReport report = profile.report();
        StringBuilder html = new StringBuilder();
        html.append("<p>Recorded with JDK Flight Recorder during the steady part of the run (planned from ")
                .append(window.start().toSeconds()).append(" s to ").append(window.end().toSeconds()).append(" s): ")
                .append(report.cpu().sampleCount()).append(" CPU samples. Full page: <a href=\"")
                .append(escape(flameFile)).append("\">").append(escape(flameFile)).append("</a>.</p>");
        html.append("<h3>Hot methods</h3>");
        List<ProfileReport.HotMethod> hot = report.cpu().topSelf();
        if (hot.isEmpty()) {
            html.append("<p class=\"empty\">No CPU samples: the JVM ran almost no Java code while recorded.</p>");
        } else {
            html.append("<table class=\"hot-methods\"><thead><tr><th>method</th><th class=\"num\">self</th>")
                    .append("<th class=\"num\">total</th></tr></thead><tbody>");
            for (ProfileReport.HotMethod m : hot.subList(0, Math.min(HOT_ROWS, hot.size()))) {
                html.append("<tr><td><code>").append(escape(m.method())).append("</code></td><td class=\"num\">")
                        .append(String.format(Locale.ROOT, "%.1f %%", m.selfPercent())).append("</td><td class=\"num\">")
                        .append(String.format(Locale.ROOT, "%.1f %%", m.totalPercent())).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        ProfileReport.GcProfile gc = report.gc();
        html.append("<h3>GC pauses</h3>");
        if (gc.pauseCount() == 0) {
            html.append("<p class=\"empty\">No garbage collection while recorded.</p>");
        } else {
            html.append(String.format(Locale.ROOT, "<p class=\"gc-pauses\">%s: %d pauses, total %.1f ms, p50 %.1f ms,"
                            + " p99 %.1f ms, max %.1f ms.</p>", escape(gc.collector().isEmpty() ? "collector unknown"
                            : gc.collector()), gc.pauseCount(), gc.totalPauseMillis(), gc.p50PauseMillis(),
                    gc.p99PauseMillis(), gc.maxPauseMillis()));
        }
        html.append("<h3>Flame graph</h3>");
        // The flame graph is its own page (its script and styles); srcdoc keeps the report one self-contained file.
        String page = FlameGraphHtml.render(profile.cpuTrie(), title);
        html.append("<iframe class=\"flame\" title=\"").append(escape(title + " flame graph"))
                .append("\" sandbox=\"allow-scripts\" style=\"width:100%;height:640px;border:1px solid #ddd\" srcdoc=\"")
                .append(escape(page)).append("\"></iframe>");
        return new ReportSection(id, title, html.toString());
    }
}
