package io.headroom.core.engine;

import io.headroom.core.metric.MetricDefinition;
import io.headroom.core.metric.MetricKind;
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
 * {@link #evaluateAll} for all of them. As in k6, a threshold whose metric or selected series has no samples is
 * skipped during the run ({@link ThresholdVerdict.NoData}, so it never aborts one) and evaluated at the end on
 * k6's values of an empty series (see {@link #emptySeriesValue}), with {@link ThresholdVerdict#noData()} set:
 * {@code count>0} or {@code med>39} on nothing is crossed. One whose aggregation does not fit the metric's kind
 * is crossed with a NaN actual value, so a plan mistake fails loudly rather than passing silently. A threshold
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

    /**
     * The final verdict of one threshold on the registry's state as of its last closed interval, as at the end of
     * a run: a selection without samples is evaluated on k6's values of an empty series.
     */
    public static ThresholdVerdict evaluate(ThresholdSpec threshold, MetricRegistry registry) {
        return evaluate(threshold, registry, true);
    }

    /**
     * The verdict of one threshold as during a run: a selection without samples is skipped
     * ({@link ThresholdVerdict.NoData}), as k6 skips empty sinks until the end.
     */
    public static ThresholdVerdict evaluateDuringRun(ThresholdSpec threshold, MetricRegistry registry) {
        return evaluate(threshold, registry, false);
    }

    private static ThresholdVerdict evaluate(ThresholdSpec threshold, MetricRegistry registry, boolean endOfRun) {
        String metric = threshold.selector().metric();
        ThresholdExpr expr = threshold.expr();
        Optional<MetricDefinition> definition = registry.definition(metric);
        if (definition.isPresent() && !expr.appliesTo(definition.get().kind())) return new ThresholdVerdict.Crossed(Double.NaN);
        Optional<SeriesStats> stats = definition.isEmpty() ? Optional.empty() : registry.aggregate(metric, threshold.selector().tags());
        double actual = stats.map(s -> measured(expr, s)).orElse(Double.NaN);
        if (!Double.isNaN(actual)) return verdict(expr, actual, false);
        if (!endOfRun) return new ThresholdVerdict.NoData();
        // A metric never used has no definition; its kind follows from the aggregation (rate is ambiguous).
        Optional<MetricKind> kind = definition.map(MetricDefinition::kind).or(expr::impliedKind);
        double empty = kind.isEmpty() ? Double.NaN : emptySeriesValue(expr, kind.get(), registry.elapsedNanos());
        return Double.isNaN(empty) ? new ThresholdVerdict.NoData() : verdict(expr, empty, true);
    }

    private static ThresholdVerdict verdict(ThresholdExpr expr, double actual, boolean noData) {
        return expr.operator().holds(actual, expr.bound())
                ? new ThresholdVerdict.Held(actual, noData) : new ThresholdVerdict.Crossed(actual, noData);
    }

    /** The expression's left side on measured statistics; NaN when they hold no sample. */
    private static double measured(ThresholdExpr expr, SeriesStats stats) {
        return switch (stats) {
            case SeriesStats.CounterStats c -> expr.ofCounter(c);
            case SeriesStats.GaugeStats g -> expr.ofGauge(g);
            case SeriesStats.RateStats r -> r.passes() + r.fails() == 0 ? Double.NaN : expr.ofRate(r);
            case SeriesStats.TrendStats t -> t.count() == 0 ? Double.NaN : expr.ofTrend(t);
        };
    }

    /**
     * k6's value of {@code expr} on an empty series of {@code kind}, or NaN where k6 has none and passes the
     * threshold. k6 runs the thresholds of every sink at the end, empty or not (internal/metrics/engine/engine.go,
     * evaluateThresholds with ignoreEmptySinks false), reading a fresh sink (metrics/sink.go) as
     * metrics/thresholds.go's Thresholds.Run does: a TrendSink's min, max, avg and P(x) are 0; a CounterSink's
     * count is 0 and its rate 0 (no rate when the run lasted 0 s); a GaugeSink's value is 0; a RateSink with
     * Total 0 has no rate, and a threshold without its value passes (Threshold.runNoTaint).
     */
    static double emptySeriesValue(ThresholdExpr expr, MetricKind kind, long elapsedNanos) {
        return switch (kind) {
            case TREND, GAUGE -> 0;
            // count 0; a rate per second of 0 s of run time is none
            case COUNTER -> expr.ofCounter(new SeriesStats.CounterStats(0, elapsedNanos <= 0 ? Double.NaN : 0));
            case RATE -> Double.NaN;
        };
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
            if (evaluateDuringRun(t, registry) instanceof ThresholdVerdict.Crossed crossed) {
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
