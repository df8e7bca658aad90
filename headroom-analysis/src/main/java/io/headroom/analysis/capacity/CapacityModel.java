package io.headroom.analysis.capacity;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.RunView;
import io.headroom.analysis.diagnose.LoadLevel;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The capacity of the tested system from a stepped run: the load levels measured, the USL fitted to them,
 * where the SLO broke, and a month-by-month projection of the instances needed. Immutable.
 *
 * @param sloBreak the level where the SLO breaks and stays broken: the first of the levels, up to the highest,
 *                 that all cross the bound; empty when the highest level held or there was no SLO
 * @param lastLevelHoldingSlo the level just below the break (empty when there is no break or even the lowest broke)
 * @param sloCrossedButRecovered levels below the break (or anywhere, without one) that crossed the bound while a
 *                 higher level held again: noise (a stall, a GC pause), not the break; lowest first
 * @param interpolatedBreakConcurrency where the statistic reaches the bound on the straight line between the last
 *                 level that held and the break; NaN without both. The break lies between those two levels: that
 *                 bracket is its uncertainty, the interpolation only a point within it
 * @param perInstanceBasis one sentence saying which levels the per-instance throughput came from
 */
public record CapacityModel(List<LoadLevel> levels, UslFit fit, Optional<Slo> slo, Optional<LoadLevel> sloBreak,
                            Optional<LoadLevel> lastLevelHoldingSlo, List<LoadLevel> sloCrossedButRecovered,
                            double interpolatedBreakConcurrency, double currentPerSecond, boolean currentFromRun,
                            double perInstancePerSecond, String perInstanceBasis, List<Projection> projection,
                            CapacityOptions options) {
    public CapacityModel {
        levels = List.copyOf(levels);
        sloCrossedButRecovered = List.copyOf(sloCrossedButRecovered);
        projection = List.copyOf(projection);
    }

    /** One month of the projection: the peak traffic to serve and the instances needed at the target utilisation. */
    public record Projection(int month, double requiredPerSecond, int instances) {}

    /**
     * Analyses {@code result}; concurrency is the active VUs of each second.
     *
     * @throws IllegalArgumentException when the run has fewer than three load levels (not a stepped run)
     */
    public static CapacityModel of(RunResult result, CapacityOptions options) {
        List<LoadLevel> levels = LoadLevel.of(result);
        if (levels.size() < 3) {
            throw new IllegalArgumentException("the run has " + levels.size() + " load level" + (levels.size() == 1 ? "" : "s")
                    + "; capacity needs a stepped run with three or more (e.g. ramping-vus with steps, examples/stress.yaml)");
        }
        List<LoadPoint> points = new ArrayList<>();
        for (LoadLevel l : levels) points.add(new LoadPoint(l.concurrency(), l.throughputPerSecond()));
        UslFit fit = UslFit.fit(points);

        Optional<Slo> slo = Optional.ofNullable(options.slo());
        // The break is where the bound is crossed and stays crossed: the start of the run of crossing levels that
        // reaches the highest level. A level that crossed while a higher one held again was noise, not the break.
        int breakIndex = levels.size();
        List<LoadLevel> recovered = new ArrayList<>();
        if (slo.isPresent()) {
            while (breakIndex > 0 && crosses(levels.get(breakIndex - 1), slo.get())) breakIndex--;
            for (int i = 0; i < breakIndex; i++) if (crosses(levels.get(i), slo.get())) recovered.add(levels.get(i));
        }
        LoadLevel broke = breakIndex < levels.size() ? levels.get(breakIndex) : null;
        LoadLevel held = broke != null && breakIndex > 0 ? levels.get(breakIndex - 1) : null;
        double interpolated = Double.NaN;
        if (broke != null && held != null) {
            double vh = value(held, slo.get()), vb = value(broke, slo.get()), limit = slo.get().limitMillis();
            double f = vb > vh ? Math.min(1, Math.max(0, (limit - vh) / (vb - vh))) : 1;
            interpolated = held.concurrency() + f * (broke.concurrency() - held.concurrency());
        }
        RunView view = new RunView(result);
        boolean fromRun = options.currentPerSecond() == null;
        double current = fromRun ? view.counter(BuiltinMetrics.HTTP_REQS, Tags.empty()) / view.durationSeconds()
                : options.currentPerSecond();
        // Per instance: the model's ceiling when finite, else the best measured; with an SLO, never beyond the best
        // throughput measured at a level that held it (below the break; noisy crossings do not count against it).
        boolean finite = Double.isFinite(fit.model().maxThroughput());
        double perInstance = finite ? fit.model().maxThroughput() : fit.maxMeasuredThroughput();
        String range = range(levels.get(0), levels.get(levels.size() - 1));
        String basis = finite ? "the USL ceiling fitted to all " + levels.size() + " levels (" + range + ")"
                : "the best throughput measured over all " + levels.size() + " levels (" + range + "; the fit has no ceiling)";
        if (slo.isPresent() && broke != null) {
            LoadLevel best = null;
            for (int i = 0; i < breakIndex; i++) {
                LoadLevel l = levels.get(i);
                if (recovered.contains(l)) continue;
                if (best == null || l.throughputPerSecond() > best.throughputPerSecond()) best = l;
            }
            if (best == null) basis += "; the SLO broke at every level, so no measured level vouches for it";
            else if (best.throughputPerSecond() < perInstance) {
                perInstance = best.throughputPerSecond();
                basis = "the best throughput at a level that held the SLO: " + Numbers.sig3(best.concurrency()) + " users, of the "
                        + (breakIndex - recovered.size()) + " levels that held below the break (" + range(levels.get(0), held) + ")";
            }
        }
        List<Projection> projection = new ArrayList<>();
        for (int m = 0; m <= options.months(); m++) {
            double required = current * Math.pow(1 + options.growthPerMonth(), m) * options.peakFactor();
            int instances = (int) Math.max(1, Math.ceil(required / (perInstance * options.targetUtilization()) - 1e-9));
            projection.add(new Projection(m, required, instances));
        }
        return new CapacityModel(levels, fit, slo, Optional.ofNullable(broke), Optional.ofNullable(held), recovered,
                interpolated, current, fromRun, perInstance, basis, projection, options);
    }

    private static boolean crosses(LoadLevel l, Slo slo) {
        return value(l, slo) >= slo.limitMillis();
    }

    private static String range(LoadLevel low, LoadLevel high) {
        return low == high ? Numbers.sig3(low.concurrency()) + " users"
                : Numbers.sig3(low.concurrency()) + "–" + Numbers.sig3(high.concurrency()) + " users";
    }

    static double value(LoadLevel l, Slo slo) {
        return switch (slo.statistic()) {
            case "avg" -> l.meanLatencyMillis();
            case "p(99)" -> l.p99LatencyMillis();
            default -> l.p95LatencyMillis();
        };
    }
}
