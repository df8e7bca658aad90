package io.headroom.report;

import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.GaugeStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.result.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.headroom.core.text.Html.escape;

/**
 * The HTML report's full metrics table, k6's "Summary" tab: every metric (custom ones included) with the
 * console's statistics (trends {@code avg min med max p(90) p(95) p(99)} and their count; counters their total
 * and rate; rates their share and passes/total; gauges value, min and max), and under each metric its tagged
 * series, at most {@link #SERIES_PER_METRIC}. Stateless.
 */
final class HtmlMetrics {
    /** Tagged series listed under one metric; the rest are in the JSON summary. */
    static final int SERIES_PER_METRIC = 100;
    private static final List<String> TREND_COLUMNS = TrendColumns.DEFAULT.columns();

    private HtmlMetrics() {}

    static void render(StringBuilder out, RunResult result) {
        HtmlTables.sectionStart(out, "metrics", "All metrics", "every metric and its series, as the console summary shows them");
        if (result.series().isEmpty()) {
            out.append("<p class=\"empty\">No samples were recorded.</p></section>\n");
            return;
        }
        out.append("<table id=\"metrics-table\"><thead><tr><th>metric</th><th>kind</th><th class=\"num\">value</th>");
        for (String c : TREND_COLUMNS) out.append("<th class=\"num\" style=\"text-transform:none\">").append(escape(c)).append("</th>");
        out.append("</tr></thead>");
        for (String metric : new TreeSet<>(Aggregates.metricNames(result))) {
            out.append("<tbody class=\"metric\" data-metric=\"").append(escape(metric)).append("\">");
            Aggregates.aggregate(result, metric).ifPresent(s -> row(out, "<b>" + escape(metric) + "</b>", s, "aggregate"));
            List<SeriesResult> tagged = new ArrayList<>();
            for (SeriesResult s : result.series()) if (s.metric().equals(metric) && !s.tags().isEmpty()) tagged.add(s);
            for (SeriesResult s : tagged.subList(0, Math.min(SERIES_PER_METRIC, tagged.size()))) {
                row(out, "<code>" + escape(Redaction.text(s.tags().toString())) + "</code>", s, "series");
            }
            if (tagged.size() > SERIES_PER_METRIC) {
                out.append("<tr class=\"series more\"><td colspan=\"").append(3 + TREND_COLUMNS.size()).append("\">… and ")
                        .append(tagged.size() - SERIES_PER_METRIC).append(" more series in the JSON summary</td></tr>");
            }
            out.append("</tbody>");
        }
        out.append("</table></section>\n");
    }

    private static void row(StringBuilder out, String label, SeriesResult s, String cssClass) {
        out.append("<tr class=\"").append(cssClass).append("\"><td class=\"name\">").append(label).append("</td><td>")
                .append(escape(s.kind().name().toLowerCase(java.util.Locale.ROOT))).append("</td>");
        switch (s.stats()) {
            case TrendStats t -> {
                cell(out, t.count() == 0 ? "no samples" : Units.number(t.count(), 0));
                for (String c : TREND_COLUMNS) cell(out, t.count() == 0 ? "" : Units.value(TrendColumns.value(t, c), s.valueType()));
            }
            case CounterStats c -> {
                cell(out, (s.valueType() == io.headroom.core.metric.ValueType.DEFAULT ? Units.number(c.count(), 2)
                        : Units.value(c.count(), s.valueType())) + " · " + Units.perSecond(c.ratePerSecond(), s.valueType()));
                blanks(out);
            }
            case RateStats r -> {
                cell(out, Units.percent(r.rate()) + " · " + r.passes() + "/" + (r.passes() + r.fails()));
                blanks(out);
            }
            case GaugeStats g -> {
                cell(out, Units.value(g.value(), s.valueType()) + " · min=" + Units.value(g.min(), s.valueType())
                        + " max=" + Units.value(g.max(), s.valueType()));
                blanks(out);
            }
        }
        out.append("</tr>");
    }

    private static void cell(StringBuilder out, String text) {
        out.append("<td class=\"num\">").append(escape(text)).append("</td>");
    }

    private static void blanks(StringBuilder out) {
        for (int i = 0; i < TREND_COLUMNS.size(); i++) out.append("<td></td>");
    }
}
