package io.headroom.report.section;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.capacity.CapacityModel;
import io.headroom.analysis.capacity.CapacityOptions;
import io.headroom.analysis.capacity.UslFit;
import io.headroom.analysis.capacity.UslModel;
import io.headroom.analysis.diagnose.LoadLevel;
import io.headroom.core.result.RunResult;
import io.headroom.report.ReportBlock;
import io.headroom.report.ReportSection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's "Capacity" section: the measured load levels and the fitted Universal Scalability Law as a
 * chart (the HTML report draws it as inline SVG), with the fit, peak, maximum throughput, knee and SLO break
 * as labelled values. Stateless.
 */
public final class CapacitySection {
    public static final String ID = "capacity";

    private CapacitySection() {}

    /**
     * The section for a run whose plan varies the load ({@link LoadLevel#planVariesLoad}) and whose seconds span at
     * least three load levels and 1.5× in concurrency (a stepped or ramping run); empty for runs at one load, or when
     * no curve can be fitted.
     */
    public static Optional<ReportSection> forRun(RunResult result) {
        try {
            // A constant plan's start-up and wind-down seconds are no load levels to fit a curve to.
            if (!LoadLevel.planVariesLoad(result)) return Optional.empty();
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
    public static ReportSection of(CapacityModel model) {
        UslFit fit = model.fit();
        UslModel m = fit.model();
        List<ReportBlock.Entry> rows = new ArrayList<>();
        rows.add(new ReportBlock.Entry("R² (goodness of fit)", String.format(Locale.ROOT, "%.3f", fit.rSquared())
                + (fit.rSquared() < 0.9 ? " (loose: steps too short or noisy)" : "")));
        rows.add(new ReportBlock.Entry("σ contention", String.format(Locale.ROOT, "%.4f", m.sigma())));
        rows.add(new ReportBlock.Entry("κ coherency", String.format(Locale.ROOT, "%.6f", m.kappa())));
        rows.add(new ReportBlock.Entry("λ (req/s per user without contention)", Numbers.sig3(m.lambda())));
        rows.add(new ReportBlock.Entry("peak concurrency", m.amdahl() ? "none (κ ≈ 0, Amdahl's law: throughput never falls)"
                : Numbers.sig3(m.peakConcurrency()) + " users"));
        rows.add(new ReportBlock.Entry("maximum throughput", Double.isFinite(m.maxThroughput()) ? Numbers.sig3(m.maxThroughput()) + " req/s"
                : "no limit in sight (best measured " + Numbers.sig3(fit.maxMeasuredThroughput()) + " req/s)"));
        rows.add(new ReportBlock.Entry("knee", Double.isFinite(m.kneeConcurrency()) ? Numbers.sig3(m.kneeConcurrency()) + " users" : "none in sight"));
        model.slo().ifPresent(slo -> rows.add(new ReportBlock.Entry("SLO " + slo, model.sloBreak()
                .map(b -> "breaks at " + Numbers.sig3(b.concurrency()) + " users (" + Numbers.sig3(b.throughputPerSecond()) + " req/s)"
                        + " and stays broken" + model.lastLevelHoldingSlo().map(h -> "; last level that held: " + Numbers.sig3(h.concurrency())
                        + " users, " + Numbers.sig3(h.throughputPerSecond()) + " req/s (the break lies between "
                        + Numbers.sig3(h.concurrency()) + " and " + Numbers.sig3(b.concurrency()) + " users)")
                        .orElse("; even the lowest level broke it"))
                .orElse(model.sloCrossedButRecovered().isEmpty() ? "held at every level"
                        : "held at the highest levels (lower ones crossed it as noise)"))));
        rows.add(new ReportBlock.Entry("per instance", Numbers.sig3(model.perInstancePerSecond()) + " req/s: "
                + model.perInstanceBasis()));
        return new ReportSection(ID, "Capacity", List.of(
                ReportBlock.Paragraph.of("Universal Scalability Law fitted to " + fit.points()
                        + " load levels (concurrency = active VUs, throughput = requests per second).", "meta"),
                chart(model),
                new ReportBlock.KeyValues("capacity-fit", rows)));
    }

    /** Measured levels as dots, the fitted curve as a line, the knee and the SLO break as marks. */
    static ReportBlock.XyChart chart(CapacityModel model) {
        UslModel m = model.fit().model();
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
        List<ReportBlock.Point> line = new ArrayList<>();
        for (int i = 0; i <= samples; i++) line.add(new ReportBlock.Point(xMax * i / samples, curve[i]));
        List<ReportBlock.Dot> dots = new ArrayList<>();
        for (LoadLevel l : model.levels()) {
            boolean broke = model.sloBreak().map(b -> b.equals(l)).orElse(false);
            dots.add(new ReportBlock.Dot(l.concurrency(), l.throughputPerSecond(), broke, Numbers.sig3(l.concurrency())
                    + " users: " + Numbers.sig3(l.throughputPerSecond()) + " req/s, p95 " + Numbers.sig3(l.p95LatencyMillis()) + " ms"));
        }
        double knee = m.kneeConcurrency();
        ReportBlock.Mark mark = Double.isFinite(knee) ? new ReportBlock.Mark(knee, "knee " + Numbers.sig3(knee)) : null;
        ReportBlock.Note note = model.sloBreak()
                .map(b -> new ReportBlock.Note(b.concurrency(), b.throughputPerSecond(), "SLO breaks")).orElse(null);
        return new ReportBlock.XyChart(ID, "Throughput against concurrency: measured levels and the fitted USL curve",
                "concurrency (active VUs)", "req/s", xMax, yMax, line, "fitted USL", dots, "measured", "slo-break", mark, note);
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code v}: round axis ends. */
    static double niceCeiling(double v) {
        if (!(v > 0) || !Double.isFinite(v)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) if (f * p >= v - 1e-9 * p) return f * p;
        return 10 * p;
    }
}
