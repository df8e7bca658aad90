package io.headroom.report;

import io.headroom.analysis.Numbers;
import io.headroom.report.ReportBlock.Dot;
import io.headroom.report.ReportBlock.Point;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

import static io.headroom.core.text.Html.escape;

/** Draws a {@link ReportBlock.XyChart} as inline SVG: grid, axes, the fitted line, the dots, a mark, a legend. Stateless. */
final class HtmlXyChart {
    private static final int WIDTH = 720, HEIGHT = 340, LEFT = 64, RIGHT = 20, TOP = 16, BOTTOM = 44;
    private static final String DOT = "#c4320a", FLAGGED_DOT = "#a15c07", LINE = "#3652d9", GRID = "#e4e7ec",
            MUTED = "#667085";

    private HtmlXyChart() {}

    static void render(StringBuilder out, ReportBlock.XyChart c) {
        double plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        final double xm = c.xMax(), ym = c.yMax();
        DoubleUnaryOperator x = n -> LEFT + plotW * n / xm;
        DoubleUnaryOperator y = v -> TOP + plotH * (1 - v / ym);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"").append(escape(c.name())).append("-chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" width=\"100%\" style=\"max-width:").append(WIDTH)
                .append("px\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\" font-family=\"sans-serif\">\n")
                .append("<title>").append(escape(c.title())).append("</title>\n");
        for (int i = 0; i <= 4; i++) {
            double v = ym * i / 4, py = y.applyAsDouble(v);
            svg.append(line(LEFT, py, WIDTH - RIGHT, py, GRID, "")).append(text(LEFT - 6, py + 4, "end", Numbers.sig3(v)));
            double n = xm * i / 4, px = x.applyAsDouble(n);
            svg.append(text(px, HEIGHT - BOTTOM + 16, "middle", Numbers.sig3(n)));
        }
        svg.append(line(LEFT, TOP + plotH, WIDTH - RIGHT, TOP + plotH, MUTED, ""))
                .append(line(LEFT, TOP, LEFT, TOP + plotH, MUTED, ""))
                .append(text(LEFT + plotW / 2, HEIGHT - 8, "middle", c.xLabel()))
                .append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\" transform=\"rotate(-90 14 %.1f)\">%s</text>%n",
                        TOP + plotH / 2, MUTED, TOP + plotH / 2, escape(c.yLabel())));
        if (c.mark() != null && Double.isFinite(c.mark().x()) && c.mark().x() > 0 && c.mark().x() <= xm) {
            double kx = x.applyAsDouble(c.mark().x());
            svg.append(line(kx, TOP, kx, TOP + plotH, MUTED, " stroke-dasharray=\"4 4\" class=\"" + escape(c.name()) + "-knee\""))
                    .append(text(kx + 4, TOP + 12, "start", c.mark().label()));
        }
        svg.append("<polyline id=\"").append(escape(c.name())).append("-fitted\" fill=\"none\" stroke=\"").append(LINE)
                .append("\" stroke-width=\"2\" points=\"");
        for (Point p : c.line()) {
            if (!Double.isFinite(p.y())) continue;
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(p.x()), y.applyAsDouble(Math.min(p.y(), ym))));
        }
        svg.append("\"/>\n");
        for (Dot d : c.dots()) {
            svg.append(String.format(Locale.ROOT,
                    "<circle class=\"%s-measured%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"><title>%s</title></circle>%n",
                    escape(c.name()), d.flagged() ? " " + escape(c.flaggedClass()) : "", x.applyAsDouble(d.x()),
                    y.applyAsDouble(d.y()), d.flagged() ? FLAGGED_DOT : DOT, escape(d.tooltip())));
        }
        if (c.note() != null) {
            svg.append(text(x.applyAsDouble(c.note().x()) + 7, y.applyAsDouble(c.note().y()) - 7, "start", c.note().text()));
        }
        // Legend top left: for a rising curve that corner stays empty.
        double lx = LEFT + 14, ly = TOP + 10;
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>%n", lx, ly, DOT))
                .append(text(lx + 10, ly + 4, "start", c.dotLegend()))
                .append(line(lx - 6, ly + 18, lx + 6, ly + 18, LINE, " stroke-width=\"2\""))
                .append(text(lx + 10, ly + 22, "start", c.lineLegend()));
        out.append(svg).append("</svg>\n");
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String extra) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, colour, extra);
    }

    private static String text(double x, double y, String anchor, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\">%s</text>%n",
                x, y, anchor, MUTED, escape(text));
    }
}
