package io.headroom.core.engine;

import io.headroom.core.metric.MetricDefinition;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.core.threshold.ThresholdExpr;
import io.headroom.core.threshold.ThresholdSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a run's thresholds against a {@link MetricRegistry} (its state as of the last closed interval):
 * during the run {@link #checkAbort} for the abortOnFail ones once their delayAbortEval has passed, at the end
 * {@link #evaluateAll} for all of them. A threshold whose metric or selected series has no samples is
 * {@link ThresholdVerdict.NoData} (held, as in k6); one whose aggregation does not fit the metric's kind is
 * crossed with a NaN actual value, so a plan mistake fails loudly rather than passing silently. A threshold
 * that aborted the run stays crossed in the final result. Used from one thread at a time.
 */
public final class ThresholdEvaluator {
    private final List<ThresholdSpec> thresholds;
    // Keyed by position: two identical specs are two thresholds.
    private final Map<Integer, ThresholdVerdict.Crossed> abortCrossings = new HashMap<>();

    /** @param specs parsed thresholds, in the order results are reported */
    public ThresholdEvaluator(List<ThresholdSpec> specs) {
        this.thresholds = List.copyOf(specs);
    }

    public List<ThresholdSpec> thresholds() {
        return thresholds;
    }

    /** The verdict of one threshold on the registry's state as of its last closed interval. */
    public static ThresholdVerdict evaluate(ThresholdSpec threshold, MetricRegistry registry) {
        String metric = threshold.selector().metric();
        Optional<MetricDefinition> definition = registry.definition(metric);
        if (definition.isEmpty()) return new ThresholdVerdict.NoData();
        ThresholdExpr expr = threshold.expr();
        if (!expr.appliesTo(definition.get().kind())) return new ThresholdVerdict.Crossed(Double.NaN);
        Optional<SeriesStats> stats = registry.aggregate(metric, threshold.selector().tags());
        if (stats.isEmpty()) return new ThresholdVerdict.NoData();
        double actual = switch (stats.get()) {
            case SeriesStats.CounterStats c -> expr instanceof ThresholdExpr.Rate ? c.ratePerSecond() : c.count();
            case SeriesStats.GaugeStats g -> g.value();
            case SeriesStats.RateStats r -> {
                if (r.passes() + r.fails() == 0) yield Double.NaN;
                yield r.rate();
            }
            case SeriesStats.TrendStats t -> {
                if (t.count() == 0) yield Double.NaN;
                yield switch (expr) {
                    case ThresholdExpr.Avg ignored -> t.avg();
                    case ThresholdExpr.Min ignored -> t.min();
                    case ThresholdExpr.Max ignored -> t.max();
                    case ThresholdExpr.Med ignored -> t.med();
                    case ThresholdExpr.Percentile p -> t.percentile(p.percentile());
                    // appliesTo() has ruled these out for a trend
                    case ThresholdExpr.Rate ignored -> Double.NaN;
                    case ThresholdExpr.Count ignored -> Double.NaN;
                    case ThresholdExpr.Value ignored -> Double.NaN;
                };
            }
        };
        if (Double.isNaN(actual)) return new ThresholdVerdict.NoData();
        return expr.operator().holds(actual, expr.bound()) ? new ThresholdVerdict.Held(actual) : new ThresholdVerdict.Crossed(actual);
    }

    /**
     * Evaluates the abortOnFail thresholds whose delayAbortEval has passed (by the registry's run time) and
     * returns the first that is crossed, if any.
     */
    public Optional<ThresholdResult> checkAbort(MetricRegistry registry) {
        long elapsedNanos = registry.elapsedNanos();
        for (int i = 0; i < thresholds.size(); i++) {
            ThresholdSpec t = thresholds.get(i);
            if (!t.abortOnFail() || elapsedNanos < t.delayAbortEval().toNanos()) continue;
            if (evaluate(t, registry) instanceof ThresholdVerdict.Crossed crossed) {
                abortCrossings.putIfAbsent(i, crossed);
                return Optional.of(new ThresholdResult(t, crossed));
            }
        }
        return Optional.empty();
    }

    /** Every threshold's final verdict, in the order given. */
    public List<ThresholdResult> evaluateAll(MetricRegistry registry) {
        List<ThresholdResult> results = new ArrayList<>(thresholds.size());
        for (int i = 0; i < thresholds.size(); i++) {
            ThresholdSpec t = thresholds.get(i);
            ThresholdVerdict verdict = evaluate(t, registry);
            ThresholdVerdict.Crossed aborted = abortCrossings.get(i);
            if (aborted != null && !(verdict instanceof ThresholdVerdict.Crossed)) verdict = aborted;
            results.add(new ThresholdResult(t, verdict));
        }
        return results;
    }
}
