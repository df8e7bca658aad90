package io.headroom.report;

import io.headroom.analysis.compare.Comparison;
import io.headroom.analysis.compare.ComparisonReport;
import io.headroom.core.result.RunResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.headroom.core.text.Html.escape;

/**
 * The HTML report's "Against the baseline" section: the comparison's verdict and warnings exactly as
 * {@link ComparisonReport} words them for {@code headroom compare}, both runs' key numbers side by side, their latency
 * percentiles, request rates and error rates over time on one elapsed-time axis, and every change of the comparison.
 * The report computes no verdict of its own. Stateless.
 */
final class HtmlComparison {
    /** The series each run contributes to the overlaid charts, as {@link HtmlChartData} names them. */
    static final List<String> OVERLAID = List.of("p50", "p95", "p99", "rps", "errorRate");

    private HtmlComparison() {}

    /** The section for {@code report}'s baseline; nothing without one. */
    static void render(StringBuilder out, RunReport report) {
        if (report.baseline().isEmpty()) return;
        ReportBaseline baseline = report.baseline().get();
        Comparison c = baseline.comparison();
        HtmlTables.sectionStart(out, "baseline", "Against the baseline",
                c.beforeName() + " → " + c.afterName() + " · " + ComparisonReport.basis(c));
        for (String w : c.warnings()) out.append("<div class=\"warning\">⚠ ").append(escape(w)).append("</div>");
        String verdict = ComparisonReport.verdict(c);
        String cls = c.hasRegression() || c.invalidRun() ? "fail" : c.inconclusiveGated().isEmpty() ? "pass" : "neutral";
        out.append("<div class=\"compare-verdict ").append(cls).append("\" id=\"compare-verdict\">").append(escape(verdict))
                .append("</div>");
        runs(out, c, KeyNumbers.of(baseline.result()), report.numbers());
        out.append("<div class=\"charts\">");
        chartBox(out, "chart-compare-latency", "Latency p50, p95, p99: this run (solid) and the baseline (dashed)");
        chartBox(out, "chart-compare-rps", "Requests/s: this run and the baseline");
        chartBox(out, "chart-compare-errors", "Error rate: this run and the baseline");
        out.append("</div>");
        changes(out, c);
        out.append("<p class=\"detail\">");
        for (String line : ComparisonReport.methods(c).split("\n")) out.append(escape(line.strip())).append("<br>");
        out.append("Gate on this in CI with <code>headroom compare</code>: it exits 99 on this verdict's regression.</p>");
        out.append("</section>\n");
    }

    /** Both runs' key numbers, baseline first; each cell carries its raw value in {@code data-v}. */
    private static void runs(StringBuilder out, Comparison c, KeyNumbers before, KeyNumbers after) {
        out.append("<table id=\"compare-runs\"><thead><tr><th></th><th class=\"num\">baseline: ").append(escape(c.beforeName()))
                .append("</th><th class=\"num\">this run: ").append(escape(c.afterName())).append("</th></tr></thead><tbody>");
        row(out, "requests", before.requests(), after.requests(), v -> Units.number(v, 0));
        row(out, "requests/s", before.requestsPerSecond(), after.requestsPerSecond(), v -> Units.number(v, 2));
        row(out, "p50", before.p50Millis(), after.p50Millis(), Units::duration);
        row(out, "p95", before.p95Millis(), after.p95Millis(), Units::duration);
        row(out, "p99", before.p99Millis(), after.p99Millis(), Units::duration);
        row(out, "error rate", before.measuredErrorRate(), after.measuredErrorRate(), Units::percent);
        row(out, "max VUs", before.maxVus(), after.maxVus(), v -> Units.number(v, 0));
        row(out, "duration", before.durationMillis(), after.durationMillis(), Units::duration);
        out.append("</tbody></table>");
    }

    private static void row(StringBuilder out, String label, double before, double after,
                            java.util.function.DoubleFunction<String> format) {
        out.append("<tr data-key=\"").append(escape(label)).append("\"><td>").append(escape(label)).append("</td>");
        for (double v : new double[] {before, after}) {
            out.append("<td class=\"num\" data-v=\"").append(Double.isNaN(v) ? "" : Double.toString(v)).append("\">")
                    .append(escape(Double.isNaN(v) ? "-" : format.apply(v))).append("</td>");
        }
        out.append("</tr>");
    }

    /** Every change, in the comparison's order, with the cells {@link ComparisonReport#row} formats for every output. */
    private static void changes(StringBuilder out, Comparison c) {
        out.append("<h3>Changes</h3>");
        if (c.changes().isEmpty()) {
            out.append("<p class=\"empty\">Nothing to compare: neither run made a request.</p>");
            return;
        }
        out.append("<table id=\"compare-changes\"><thead><tr><th>scope</th><th>metric</th><th class=\"num\">before</th>")
                .append("<th class=\"num\">after</th><th class=\"num\">change</th><th class=\"num\">×</th><th>interval</th>")
                .append("<th>verdict</th></tr></thead><tbody>");
        for (var ch : c.changes()) {
            ComparisonReport.Row r = ComparisonReport.row(ch);
            out.append("<tr").append(r.regression() ? " class=\"fail\"" : "").append("><td class=\"name\">")
                    .append(escape(Redaction.text(r.scope()))).append("</td><td>").append(escape(r.quantity()))
                    .append("</td><td class=\"num\">").append(escape(r.before())).append("</td><td class=\"num\">")
                    .append(escape(r.after())).append("</td><td class=\"num\">").append(escape(r.change()))
                    .append("</td><td class=\"num\">").append(escape(r.ratio())).append("</td><td>").append(escape(r.interval()))
                    .append("</td><td>").append(escape(r.verdict())).append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    private static void chartBox(StringBuilder out, String id, String title) {
        out.append("<figure class=\"chart\"><figcaption>").append(escape(title)).append("</figcaption><div id=\"")
                .append(id).append("\" class=\"plot\"></div></figure>");
    }

    /**
     * Both runs' {@link #OVERLAID} series on one time axis: {@code seconds} is every second offset of either run
     * (elapsed since its start, to the millisecond), {@code after} and {@code before} hold each series with null where
     * that run has no point at that offset.
     */
    static Map<String, Object> chartData(Map<String, Object> after, RunResult baseline) {
        Map<String, Object> before = HtmlChartData.of(baseline);
        TreeSet<Long> millis = new TreeSet<>();
        for (Double s : (Double[]) after.get("seconds")) millis.add(Math.round(s * 1000));
        for (Double s : (Double[]) before.get("seconds")) millis.add(Math.round(s * 1000));
        List<Long> axis = List.copyOf(millis);
        Double[] seconds = new Double[axis.size()];
        for (int i = 0; i < seconds.length; i++) seconds[i] = axis.get(i) / 1000.0;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seconds", seconds);
        data.put("after", onAxis(after, axis));
        data.put("before", onAxis(before, axis));
        return data;
    }

    private static Map<String, Double[]> onAxis(Map<String, Object> run, List<Long> axis) {
        Double[] own = (Double[]) run.get("seconds");
        Map<String, Double[]> out = new LinkedHashMap<>();
        for (String name : OVERLAID) {
            Double[] values = (Double[]) run.get(name);
            Double[] placed = new Double[axis.size()];
            for (int i = 0; i < own.length; i++) {
                int at = java.util.Collections.binarySearch(axis, Math.round(own[i] * 1000));
                placed[at] = values[i];
            }
            out.put(name, placed);
        }
        return out;
    }
}
