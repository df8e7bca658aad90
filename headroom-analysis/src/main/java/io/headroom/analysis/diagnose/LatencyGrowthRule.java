package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.Unit;

import java.util.List;
import java.util.Optional;

/**
 * How latency grows with load: linearly (queueing) or exponentially (exhaustion). Premise: a closed model,
 * where the VU count is the load; in an open model active VUs are rate × latency (Little's law), so latency
 * "grows with VUs" by construction and the rule stays silent. Stateless.
 */
final class LatencyGrowthRule implements DiagnosisRule {
    @Override
    public List<Finding> findings(DiagnosisInput run) {
        if (run.anyOpenModel()) return List.of();
        return latencyGrowth(run.levels()).stream().toList();
    }

    static Optional<Finding> latencyGrowth(List<LoadLevel> levels) {
        if (levels.size() < 4 || !LoadLevel.varies(levels)) return Optional.empty();
        LoadLevel low = levels.get(0), high = levels.get(levels.size() - 1);
        if (low.meanLatencyMillis() <= 0 || high.meanLatencyMillis() < 2 * low.meanLatencyMillis()) return Optional.empty();
        double[] n = levels.stream().mapToDouble(LoadLevel::concurrency).toArray();
        double[] r = levels.stream().mapToDouble(LoadLevel::meanLatencyMillis).toArray();
        double[] logR = new double[r.length];
        for (int i = 0; i < r.length; i++) logR[i] = Math.log(Math.max(r[i], 1e-3));
        double linear = rSquared(n, r);
        double exponential = rSquared(n, logR);
        boolean exp = exponential > linear + 0.02;
        List<Evidence> evidence = List.of(new Evidence("latency at " + Numbers.sig3(low.concurrency()) + " VUs", low.meanLatencyMillis(), Unit.MILLISECONDS),
                new Evidence("latency at " + Numbers.sig3(high.concurrency()) + " VUs", high.meanLatencyMillis(), Unit.MILLISECONDS),
                new Evidence("R² linear", linear, Unit.COUNT), new Evidence("R² exponential", exponential, Unit.COUNT));
        if (exp) {
            return Optional.of(Finding.of(Rule.LATENCY_GROWTH, Severity.BAD,
                    "Latency grows exponentially with load (" + Numbers.sig3(high.meanLatencyMillis() / low.meanLatencyMillis())
                            + "× over the run): a resource is running out", evidence,
                    "Exponential growth means exhaustion, not plain queueing: watch pool sizes, memory and GC, "
                            + "connection and thread counts at the load where the curve bends."));
        }
        return Optional.of(Finding.of(Rule.LATENCY_GROWTH, Severity.WARNING,
                "Latency grows linearly with load (" + Numbers.sig3(high.meanLatencyMillis() / low.meanLatencyMillis())
                        + "× over the run): requests queue at a capacity limit", evidence,
                "Linear growth past a knee is queueing in front of a fixed capacity (Little's law): add capacity "
                        + "to the bottleneck or keep the load below the knee."));
    }

    /** R² of the least-squares line through (x, y). */
    static double rSquared(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) return 0;
        return sxy * sxy / (sxx * syy);
    }
}
