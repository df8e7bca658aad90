package io.headroom.cli;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.capacity.CapacityModel;
import io.headroom.analysis.capacity.CapacityOptions;
import io.headroom.analysis.capacity.UslFit;
import io.headroom.analysis.capacity.UslModel;
import io.headroom.analysis.diagnose.LoadLevel;
import io.headroom.core.result.RunResult;
import io.headroom.report.ReportSection;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTML report's "Capacity" section: the measured load levels and the fitted Universal Scalability Law
 * as an inline SVG chart (no script, no network), with the fit, peak, maximum throughput, knee and SLO
 * break as a table. Stateless.
 */
final class CapacitySection {
    static final String ID = "capacity";
    private static final int WIDTH = 720, HEIGHT = 340, LEFT = 64, RIGHT = 20, TOP = 16, BOTTOM = 44;
    private static final String MEASURED = "#c4320a", FITTED = "#3652d9", GRID = "#e4e7ec", MUTED = "#667085";

    private CapacitySection() {}

    /**
     * The section for a run whose seconds span at least three load levels and 1.5× in concurrency (a stepped
     * or ramping run); empty for runs at one load, or when no curve can be fitted.
     */
    static Optional<ReportSection> forRun(RunResult result) {
        try {
            List<LoadLevel> levels = LoadLevel.of(result);
            if (levels.size() < 3 || levels.get(levels.size() - 1).concurrency() < 1.5 * levels.get(0).concurrency()) {
                return Optional.empty();
            }
            return Optional.of(of(CapacityModel.of(result, CapacityOptions.defaults())));
        } catch (RuntimeException e) {
            // A report is still worth writing without the chart; `headroom capacity` says why it cannot fit.
            return Optional.empty();
        }
    }

    /** The section for {@code model}. */
    static ReportSection of(CapacityModel model) {
        UslFit fit = model.fit();
        UslModel m = fit.model();
        StringBuilder html = new StringBuilder();
        html.append("<p class=\"meta\">Universal Scalability Law fitted to ").append(fit.points())
                .append(" load levels (concurrency = active VUs, throughput = requests per second).</p>\n");
        html.append(chart(model)).append('\n');
        html.append("<table class=\"capacity-fit\"><tbody>\n");
        row(html, "R² (goodness of fit)", String.format(Locale.ROOT, "%.3f", fit.rSquared())
                + (fit.rSquared() < 0.9 ? " (loose: steps too short or noisy)" : ""));
        row(html, "σ contention", String.format(Locale.ROOT, "%.4f", m.sigma()));
        row(html, "κ coherency", String.format(Locale.ROOT, "%.6f", m.kappa()));
        row(html, "λ (req/s per user without contention)", Numbers.sig3(m.lambda()));
        row(html, "peak concurrency", m.amdahl() ? "none (κ ≈ 0, Amdahl's law: throughput never falls)"
                : Numbers.sig3(m.peakConcurrency()) + " users");
        row(html, "maximum throughput", Double.isFinite(m.maxThroughput()) ? Numbers.sig3(m.maxThroughput()) + " req/s"
                : "no limit in sight (best measured " + Numbers.sig3(fit.maxMeasuredThroughput()) + " req/s)");
        row(html, "knee", Double.isFinite(m.kneeConcurrency()) ? Numbers.sig3(m.kneeConcurrency()) + " users" : "none in sight");
        model.slo().ifPresent(slo -> row(html, "SLO " + slo, model.sloBreak()
                .map(b -> "breaks at " + Numbers.sig3(b.concurrency()) + " users (" + Numbers.sig3(b.throughputPerSecond()) + " req/s)"
                        + model.lastLevelHoldingSlo().map(h -> "; last level that held: " + Numbers.sig3(h.concurrency())
                        + " users, " + Numbers.sig3(h.throughputPerSecond()) + " req/s").orElse("; even the lowest level broke it"))
                .orElse("held at every level")));
        html.append("</tbody></table>\n");
        return new ReportSection(ID, "Capacity", html.toString());
    }

    private static void row(StringBuilder html, String label, String value) {
        // No upper-casing here: σ, κ and λ would turn into Σ, Κ and Λ.
        html.append("<tr><th scope=\"row\" style=\"text-transform:none;width:40%\">").append(ReportSection.escape(label)).append("</th><td>")
                .append(ReportSection.escape(value)).append("</td></tr>\n");
    }

    /** Measured levels as dots, the fitted curve as a line, the knee and the SLO break as marks. */
    static String chart(CapacityModel model) {
        UslModel m = model.fit().model();
        List<LoadLevel> levels = model.levels();
        double maxN = model.fit().maxMeasuredConcurrency();
        // Show the curve a little past the last step, and up to the peak when it is near enough to matter.
        double xMax = maxN * 1.25;
        if (!m.amdahl() && m.peakConcurrency() > xMax && m.peakConcurrency() < 2 * maxN) xMax = m.peakConcurrency() * 1.1;
        int samples = 120;
        double[] curve = new double[samples + 1];
        double yMax = model.fit().maxMeasuredThroughput();
        for (int i = 0; i <= samples; i++) {
            curve[i] = m.throughput(xMax * i / samples);
            if (Double.isFinite(curve[i])) yMax = Math.max(yMax, curve[i]);
        }
        yMax = niceCeiling(yMax * 1.05);
        xMax = niceCeiling(xMax);
        double plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        final double xm = xMax, ym = yMax;
        java.util.function.DoubleUnaryOperator x = n -> LEFT + plotW * n / xm;
        java.util.function.DoubleUnaryOperator y = v -> TOP + plotH * (1 - v / ym);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"capacity-chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" style=\"max-width:").append(WIDTH).append("px\" xmlns=\"http://www.w3.org/2000/svg\"")
                .append(" font-size=\"11\" font-family=\"sans-serif\">\n")
                .append("<title>Throughput against concurrency: measured levels and the fitted USL curve</title>\n");
        for (int i = 0; i <= 4; i++) {
            double v = ym * i / 4, py = y.applyAsDouble(v);
            svg.append(line(LEFT, py, WIDTH - RIGHT, py, GRID, "")).append(text(LEFT - 6, py + 4, "end", Numbers.sig3(v)));
            double n = xm * i / 4, px = x.applyAsDouble(n);
            svg.append(text(px, HEIGHT - BOTTOM + 16, "middle", Numbers.sig3(n)));
        }
        svg.append(line(LEFT, TOP + plotH, WIDTH - RIGHT, TOP + plotH, MUTED, ""))
                .append(line(LEFT, TOP, LEFT, TOP + plotH, MUTED, ""))
                .append(text(LEFT + plotW / 2, HEIGHT - 8, "middle", "concurrency (active VUs)"))
                .append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\" transform=\"rotate(-90 14 %.1f)\">req/s</text>%n",
                        TOP + plotH / 2, MUTED, TOP + plotH / 2));
        double knee = m.kneeConcurrency();
        if (Double.isFinite(knee) && knee > 0 && knee <= xm) {
            double kx = x.applyAsDouble(knee);
            svg.append(line(kx, TOP, kx, TOP + plotH, MUTED, " stroke-dasharray=\"4 4\" class=\"capacity-knee\""))
                    .append(text(kx + 4, TOP + 12, "start", "knee " + Numbers.sig3(knee)));
        }
        svg.append("<polyline id=\"capacity-fitted\" fill=\"none\" stroke=\"").append(FITTED).append("\" stroke-width=\"2\" points=\"");
        for (int i = 0; i <= samples; i++) {
            if (!Double.isFinite(curve[i])) continue;
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(xm * i / samples),
                    y.applyAsDouble(Math.min(curve[i], ym))));
        }
        svg.append("\"/>\n");
        for (LoadLevel l : levels) {
            boolean broke = model.sloBreak().map(b -> b.equals(l)).orElse(false);
            svg.append(String.format(Locale.ROOT,
                    "<circle class=\"capacity-measured%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"><title>%s users: %s req/s, p95 %s ms</title></circle>%n",
                    broke ? " slo-break" : "", x.applyAsDouble(l.concurrency()), y.applyAsDouble(l.throughputPerSecond()),
                    broke ? "#a15c07" : MEASURED, Numbers.sig3(l.concurrency()), Numbers.sig3(l.throughputPerSecond()),
                    Numbers.sig3(l.p95LatencyMillis())));
        }
        model.sloBreak().ifPresent(b -> svg.append(text(x.applyAsDouble(b.concurrency()) + 7,
                y.applyAsDouble(b.throughputPerSecond()) - 7, "start", "SLO breaks")));
        // Legend top left: low concurrency means low throughput, so that corner stays empty.
        double lx = LEFT + 14, ly = TOP + 10;
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>%n", lx, ly, MEASURED))
                .append(text(lx + 10, ly + 4, "start", "measured"))
                .append(line(lx - 6, ly + 18, lx + 6, ly + 18, FITTED, " stroke-width=\"2\""))
                .append(text(lx + 10, ly + 22, "start", "fitted USL"));
        return svg.append("</svg>").toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String extra) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, colour, extra);
    }

    private static String text(double x, double y, String anchor, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\">%s</text>%n",
                x, y, anchor, MUTED, ReportSection.escape(text));
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code v}: round axis ends. */
    static double niceCeiling(double v) {
        if (!(v > 0) || !Double.isFinite(v)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) if (f * p >= v - 1e-9 * p) return f * p;
        return 10 * p;
    }
}
