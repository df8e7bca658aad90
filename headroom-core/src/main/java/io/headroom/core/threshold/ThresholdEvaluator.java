package io.headroom.core.threshold;

import io.headroom.core.metric.MetricDefinition;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.plan.ThresholdSpec;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;

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
    private final List<ParsedThreshold> thresholds;
    private final Map<ParsedThreshold, ThresholdVerdict.Crossed> abortCrossings = new HashMap<>();

    /** Parses every spec; the first bad one throws its {@link ThresholdSyntaxException}. */
    public ThresholdEvaluator(List<ThresholdSpec> specs) {
        List<ParsedThreshold> parsed = new ArrayList<>(specs.size());
        for (ThresholdSpec spec : specs) parsed.add(ThresholdParser.parse(spec));
        this.thresholds = List.copyOf(parsed);
    }

    public List<ParsedThreshold> thresholds() {
        return thresholds;
    }

    /** The verdict of one threshold on the registry's state as of its last closed interval. */
    public static ThresholdVerdict evaluate(ParsedThreshold threshold, MetricRegistry registry) {
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
                    default -> Double.NaN;
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
        for (ParsedThreshold t : thresholds) {
            if (!t.spec().abortOnFail() || elapsedNanos < t.spec().delayAbortEval().toNanos()) continue;
            if (evaluate(t, registry) instanceof ThresholdVerdict.Crossed crossed) {
                abortCrossings.putIfAbsent(t, crossed);
                return Optional.of(new ThresholdResult(t.spec(), crossed));
            }
        }
        return Optional.empty();
    }

    /** Every threshold's final verdict, in the order given. */
    public List<ThresholdResult> evaluateAll(MetricRegistry registry) {
        List<ThresholdResult> results = new ArrayList<>(thresholds.size());
        for (ParsedThreshold t : thresholds) {
            ThresholdVerdict verdict = evaluate(t, registry);
            ThresholdVerdict.Crossed aborted = abortCrossings.get(t);
            if (aborted != null && !(verdict instanceof ThresholdVerdict.Crossed)) verdict = aborted;
            results.add(new ThresholdResult(t.spec(), verdict));
        }
        return results;
    }
}
