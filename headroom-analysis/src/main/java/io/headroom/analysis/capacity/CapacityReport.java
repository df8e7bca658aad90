package io.headroom.analysis.capacity;

import io.headroom.core.text.Json;
import io.headroom.analysis.Numbers;
import io.headroom.analysis.diagnose.LoadLevel;

import java.util.Locale;

/** Renders a {@link CapacityModel} as text: levels, the fitted law and its answers, the SLO, the projection. Stateless. */
public final class CapacityReport {
    private CapacityReport() {}

    /**
     * JSON for tools and charts: the fitted law ({@code lambda}, {@code sigma}, {@code kappa},
     * {@code rSquared}, {@code amdahl}, {@code peakConcurrency}, {@code maxThroughput}, {@code knee};
     * null when infinite), the measured {@code levels} with the fitted throughput at each, the SLO
     * verdict ({@code breaksAtConcurrency}: where the bound is crossed and stays crossed; the break lies between
     * {@code lastHeldConcurrency} and it, {@code interpolatedBreakConcurrency} a point within; {@code crossedButRecovered}:
     * concurrencies of noisy levels below it), {@code perInstanceBasis} (which levels the per-instance figure came
     * from), and the {@code projection} rows.
     */
    public static String json(String source, CapacityModel c) {
        UslModel m = c.fit().model();
        StringBuilder sb = new StringBuilder("{\n  \"source\": ").append(Json.quote(source)).append(",\n");
        sb.append("  \"usl\": {\"lambda\": ").append(Json.number(m.lambda())).append(", \"sigma\": ").append(Json.number(m.sigma()))
                .append(", \"kappa\": ").append(Json.number(m.kappa())).append(", \"rSquared\": ").append(Json.number(c.fit().rSquared()))
                .append(", \"amdahl\": ").append(m.amdahl()).append(", \"peakConcurrency\": ").append(Json.number(m.peakConcurrency()))
                .append(", \"maxThroughput\": ").append(Json.number(m.maxThroughput()))
                .append(", \"knee\": ").append(Json.number(m.kneeConcurrency())).append("},\n");
        sb.append("  \"levels\": [");
        for (int i = 0; i < c.levels().size(); i++) {
            LoadLevel l = c.levels().get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"concurrency\": ").append(Json.number(l.concurrency()))
                    .append(", \"seconds\": ").append(l.seconds())
                    .append(", \"throughput\": ").append(Json.number(l.throughputPerSecond()))
                    .append(", \"fittedThroughput\": ").append(Json.number(m.throughput(l.concurrency())))
                    .append(", \"meanMillis\": ").append(Json.number(l.meanLatencyMillis()))
                    .append(", \"p95Millis\": ").append(Json.number(l.p95LatencyMillis()))
                    .append(", \"errorRate\": ").append(Json.number(l.errorRate())).append('}');
        }
        sb.append("\n  ],\n  \"slo\": ");
        if (c.slo().isEmpty()) sb.append("null");
        else {
            sb.append("{\"expression\": ").append(Json.quote(c.slo().get().toString()))
                    .append(", \"breaksAtConcurrency\": ").append(c.sloBreak().map(l -> Json.number(l.concurrency())).orElse("null"))
                    .append(", \"lastHeldThroughput\": ")
                    .append(c.lastLevelHoldingSlo().map(l -> Json.number(l.throughputPerSecond())).orElse("null"))
                    .append(", \"lastHeldConcurrency\": ")
                    .append(c.lastLevelHoldingSlo().map(l -> Json.number(l.concurrency())).orElse("null"))
                    .append(", \"interpolatedBreakConcurrency\": ").append(Double.isNaN(c.interpolatedBreakConcurrency())
                            ? "null" : Json.number(c.interpolatedBreakConcurrency()))
                    .append(", \"crossedButRecovered\": [");
            for (int i = 0; i < c.sloCrossedButRecovered().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(Json.number(c.sloCrossedButRecovered().get(i).concurrency()));
            }
            sb.append("]}");
        }
        sb.append(",\n  \"perInstanceThroughput\": ").append(Json.number(c.perInstancePerSecond()));
        sb.append(",\n  \"perInstanceBasis\": ").append(Json.quote(c.perInstanceBasis()));
        sb.append(",\n  \"projection\": [");
        for (int i = 0; i < c.projection().size(); i++) {
            CapacityModel.Projection p = c.projection().get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"month\": ").append(p.month())
                    .append(", \"requiredThroughput\": ").append(Json.number(p.requiredPerSecond()))
                    .append(", \"instances\": ").append(p.instances()).append('}');
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    public static String text(String source, CapacityModel c) {
        UslFit fit = c.fit();
        UslModel m = fit.model();
        StringBuilder sb = new StringBuilder();
        sb.append("Capacity of ").append(source).append(": Universal Scalability Law fitted to ").append(fit.points())
                .append(" load levels, R² ").append(String.format(Locale.ROOT, "%.3f", fit.rSquared())).append('\n');
        sb.append("\n  concurrency   throughput   fitted    mean      p95\n");
        for (LoadLevel l : c.levels()) {
            sb.append(String.format(Locale.ROOT, "  %8s   %9s   %9s  %8s  %8s%n", Numbers.sig3(l.concurrency()),
                    Numbers.sig3(l.throughputPerSecond()), Numbers.sig3(m.throughput(l.concurrency())),
                    Numbers.sig3(l.meanLatencyMillis()) + " ms", Numbers.sig3(l.p95LatencyMillis()) + " ms"));
        }
        sb.append("  (throughput in req/s; concurrency = active VUs)\n\n");
        sb.append("  contention σ ").append(String.format(Locale.ROOT, "%.4f", m.sigma()))
                .append(", coherency κ ").append(String.format(Locale.ROOT, "%.6f", m.kappa()))
                .append(", λ ").append(Numbers.sig3(m.lambda())).append(" req/s per user without contention\n");
        if (m.amdahl()) {
            sb.append("  κ ≈ 0: Amdahl's law; throughput approaches λ/σ = ")
                    .append(Double.isFinite(m.maxThroughput()) ? Numbers.sig3(m.maxThroughput()) + " req/s" : "no limit in sight")
                    .append(" and never falls with more users\n");
        } else {
            sb.append("  peak: ").append(Numbers.sig3(m.maxThroughput())).append(" req/s at ")
                    .append(Numbers.sig3(m.peakConcurrency())).append(" concurrent users (sqrt((1−σ)/κ)); more users lower throughput\n");
        }
        if (Double.isFinite(m.kneeConcurrency())) {
            sb.append("  knee: ").append(Numbers.sig3(m.kneeConcurrency()))
                    .append(" concurrent users (λN meets the ceiling): beyond it, users mostly queue\n");
        }
        double reach = m.amdahl() ? m.kneeConcurrency() : m.peakConcurrency();
        if (Double.isFinite(reach) && reach > 2 * fit.maxMeasuredConcurrency()) {
            sb.append("  note: the run went to ").append(Numbers.sig3(fit.maxMeasuredConcurrency()))
                    .append(" users; figures beyond it are extrapolated, step further to confirm them\n");
        }
        if (fit.rSquared() < 0.9) {
            sb.append("  note: the fit is loose (R² < 0.9): steps too short or too noisy to trust the curve\n");
        }
        c.slo().ifPresent(slo -> {
            sb.append("  SLO ").append(slo).append(": ");
            if (c.sloBreak().isEmpty()) {
                LoadLevel top = c.levels().get(c.levels().size() - 1);
                sb.append(c.sloCrossedButRecovered().isEmpty() ? "held at every level" : "held at the highest levels")
                        .append(", up to ").append(Numbers.sig3(top.concurrency())).append(" users and ")
                        .append(Numbers.sig3(top.throughputPerSecond())).append(" req/s\n");
            } else {
                LoadLevel b = c.sloBreak().get();
                sb.append("breaks at ").append(Numbers.sig3(b.concurrency())).append(" users (")
                        .append(Numbers.sig3(b.throughputPerSecond())).append(" req/s, ").append(slo.statistic()).append(' ')
                        .append(Numbers.sig3(CapacityModel.value(b, slo))).append(" ms) and stays broken above");
                c.lastLevelHoldingSlo().ifPresentOrElse(h -> sb.append("; last level that held: ")
                                .append(Numbers.sig3(h.concurrency())).append(" users, ").append(Numbers.sig3(h.throughputPerSecond()))
                                .append(" req/s\n    so the break lies between ").append(Numbers.sig3(h.concurrency())).append(" and ")
                                .append(Numbers.sig3(b.concurrency())).append(" users (about ")
                                .append(Numbers.sig3(c.interpolatedBreakConcurrency()))
                                .append(" on the straight line between them); step finer there to narrow it\n"),
                        () -> sb.append("; even the lowest level broke it\n"));
            }
            if (!c.sloCrossedButRecovered().isEmpty()) {
                sb.append("    crossed the bound at ");
                for (int i = 0; i < c.sloCrossedButRecovered().size(); i++) {
                    LoadLevel l = c.sloCrossedButRecovered().get(i);
                    sb.append(i == 0 ? "" : ", ").append(Numbers.sig3(l.concurrency())).append(" users (")
                            .append(Numbers.sig3(CapacityModel.value(l, slo))).append(" ms)");
                }
                sb.append(" while higher levels held again: noise (a stall, a pause), not the break\n");
            }
        });
        CapacityOptions o = c.options();
        sb.append("\nProjection: today ").append(Numbers.sig3(c.currentPerSecond())).append(" req/s")
                .append(c.currentFromRun() ? " (the run's mean throughput; set --current for production traffic)" : "")
                .append(", growth ").append(Numbers.percent(o.growthPerMonth())).append("/month, peak ")
                .append(Numbers.sig3(o.peakFactor())).append("×, ").append(Numbers.sig3(c.perInstancePerSecond()))
                .append(" req/s per instance at most, run at ").append(Numbers.percent(o.targetUtilization())).append('\n');
        sb.append("  per instance: ").append(c.perInstanceBasis()).append('\n');
        sb.append("  month   peak req/s   instances\n");
        for (CapacityModel.Projection p : c.projection()) {
            sb.append(String.format(Locale.ROOT, "  %5d   %10s   %9d%n", p.month(), Numbers.sig3(p.requiredPerSecond()), p.instances()));
        }
        return sb.toString();
    }
}
