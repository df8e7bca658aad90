package io.headroom.report;

import io.headroom.report.ReportBlock.Cell;
import io.headroom.report.ReportBlock.Column;
import io.headroom.report.ReportBlock.Inline;

import java.util.List;
import java.util.Locale;

import static io.headroom.core.text.Html.escape;

/** Draws a section's {@link ReportBlock}s as HTML; charts as inline SVG, so they show without script. Stateless. */
final class HtmlBlocks {
    private static final int LINE_WIDTH = 600;
    private static final int LINE_HEIGHT = 120;

    private HtmlBlocks() {}

    static void render(StringBuilder out, ReportBlock block) {
        // Blocks drawn line by line (a table of labelled values, an SVG chart) start on a line of their own.
        boolean lineByLine = block instanceof ReportBlock.KeyValues || block instanceof ReportBlock.XyChart;
        if (lineByLine && !out.isEmpty() && out.charAt(out.length() - 1) != '\n') out.append('\n');
        switch (block) {
            case ReportBlock.Paragraph p -> {
                out.append("<p").append(classAttribute(p.cssClass())).append('>');
                for (Inline part : p.parts()) {
                    switch (part) {
                        case Inline.Text t -> out.append(escape(t.text()));
                        case Inline.Link l -> out.append("<a href=\"").append(escape(l.href())).append("\">")
                                .append(escape(l.text())).append("</a>");
                    }
                }
                out.append("</p>");
            }
            case ReportBlock.Heading h -> out.append("<h3>").append(escape(h.text())).append("</h3>");
            case ReportBlock.Table t -> table(out, t);
            case ReportBlock.KeyValues kv -> {
                out.append("<table").append(classAttribute(kv.cssClass())).append("><tbody>\n");
                for (ReportBlock.Entry e : kv.entries()) {
                    // No upper-casing here: σ, κ and λ would turn into Σ, Κ and Λ.
                    out.append("<tr><th scope=\"row\" style=\"text-transform:none;width:40%\">").append(escape(e.label()))
                            .append("</th><td>").append(escape(e.value())).append("</td></tr>\n");
                }
                out.append("</tbody></table>\n");
            }
            case ReportBlock.LineChart c -> lineChart(out, c);
            case ReportBlock.XyChart c -> HtmlXyChart.render(out, c);
            case ReportBlock.EmbeddedPage page -> out.append("<iframe").append(classAttribute(page.cssClass()))
                    .append(" title=\"").append(escape(page.title()))
                    .append("\" loading=\"eager\" sandbox=\"allow-scripts\" style=\"width:100%;height:640px;border:1px solid #ddd\" srcdoc=\"")
                    .append(escape(page.html())).append("\"></iframe>");
        }
    }

    private static void table(StringBuilder out, ReportBlock.Table t) {
        out.append("<table").append(classAttribute(t.cssClass())).append("><thead><tr>");
        for (Column c : t.columns()) out.append(c.numeric() ? "<th class=\"num\">" : "<th>").append(escape(c.header())).append("</th>");
        out.append("</tr></thead><tbody>");
        for (List<Cell> row : t.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                Cell cell = row.get(i);
                out.append(t.columns().get(i).numeric() ? "<td class=\"num\">" : "<td>");
                if (cell.code()) out.append("<code>").append(escape(cell.text())).append("</code>");
                else out.append(escape(cell.text()));
                out.append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>");
    }

    /** A plain SVG line scaled to the chart: no axes, the caption names the top value. */
    private static void lineChart(StringBuilder out, ReportBlock.LineChart c) {
        List<ReportBlock.Point> points = c.points();
        double maxX = points.get(points.size() - 1).x();
        double maxY = points.stream().mapToDouble(ReportBlock.Point::y).max().orElse(0);
        out.append("<figure id=\"").append(escape(c.id())).append("\"><figcaption>").append(escape(c.title()))
                .append(" (top of the chart: ").append(escape(c.top())).append(")</figcaption><svg width=\"")
                .append(LINE_WIDTH).append("\" height=\"").append(LINE_HEIGHT)
                .append("\" viewBox=\"0 0 ").append(LINE_WIDTH).append(' ').append(LINE_HEIGHT)
                .append("\" role=\"img\"><polyline fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2\" points=\"");
        for (ReportBlock.Point p : points) {
            double x = p.x() / maxX * (LINE_WIDTH - 4) + 2;
            double y = LINE_HEIGHT - 2 - p.y() / maxY * (LINE_HEIGHT - 4);
            out.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        out.append("\"/></svg></figure>");
    }

    private static String classAttribute(String cssClass) {
        return cssClass == null ? "" : " class=\"" + escape(cssClass) + "\"";
    }
}
