package io.headroom.analysis.capacity;

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
 * @param sloBreak the first level that broke the SLO; empty when it held everywhere or there was no SLO
 * @param lastLevelHoldingSlo the highest level below the first break (empty when even the first broke)
 */
public record CapacityModel(List<LoadLevel> levels, UslFit fit, Optional<Slo> slo, Optional<LoadLevel> sloBreak,
                            Optional<LoadLevel> lastLevelHoldingSlo, double currentPerSecond, boolean currentFromRun,
                            double perInstancePerSecond, List<Projection> projection, CapacityOptions options) {
    public CapacityModel {
        levels = List.copyOf(levels);
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
        LoadLevel broke = null, held = null;
        if (slo.isPresent()) {
            for (LoadLevel l : levels) {
                if (value(l, slo.get()) >= slo.get().limitMillis()) {
                    broke = l;
                    break;
                }
                held = l;
            }
        }
        RunView view = new RunView(result);
        boolean fromRun = options.currentPerSecond() == null;
        double current = fromRun ? view.counter(BuiltinMetrics.HTTP_REQS, Tags.empty()) / view.durationSeconds()
                : options.currentPerSecond();
        // Per instance: the model's ceiling when finite, else the best measured; never beyond what the SLO allows.
        double perInstance = Double.isFinite(fit.model().maxThroughput()) ? fit.model().maxThroughput() : fit.maxMeasuredThroughput();
        if (broke != null && held != null) perInstance = Math.min(perInstance, held.throughputPerSecond());
        List<Projection> projection = new ArrayList<>();
        for (int m = 0; m <= options.months(); m++) {
            double required = current * Math.pow(1 + options.growthPerMonth(), m) * options.peakFactor();
            int instances = (int) Math.max(1, Math.ceil(required / (perInstance * options.targetUtilization()) - 1e-9));
            projection.add(new Projection(m, required, instances));
        }
        return new CapacityModel(levels, fit, slo, Optional.ofNullable(broke), Optional.ofNullable(broke == null ? null : held),
                current, fromRun, perInstance, projection, options);
    }

    static double value(LoadLevel l, Slo slo) {
        return switch (slo.statistic()) {
            case "avg" -> l.meanLatencyMillis();
            case "p(99)" -> l.p99LatencyMillis();
            default -> l.p95LatencyMillis();
        };
    }
}
