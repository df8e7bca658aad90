package io.headroom.report;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.ValueType;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.threshold.ThresholdExpr;
import io.headroom.core.threshold.ThresholdSpec;

import java.util.Optional;

/**
 * A threshold's actual value named like its expression's left side and in its metric's unit, as the
 * console shows it: {@code p(95)=45.12ms}, {@code rate=0.12%}. Shared by the HTML, JUnit and markdown outputs.
 */
final class ThresholdText {
    private ThresholdText() {}

    /** After the actual value of a threshold evaluated on k6's values of an empty series (0). */
    static final String NO_DATA = "no data — no sample matched this selector";
    /** A threshold without samples and without a value to compare (a rate's rate), which k6 passes. */
    static final String NOT_EVALUATED = NO_DATA + "; not evaluated, counts as held";

    /** {@link #actual(RunResult, ThresholdSpec, double)}, followed by {@link #NO_DATA} when {@code noData}. */
    static String actual(RunResult result, ThresholdSpec spec, double actual, boolean noData) {
        String shown = actual(result, spec, actual);
        return noData ? shown + " (" + NO_DATA + ")" : shown;
    }

    static String actual(RunResult result, ThresholdSpec spec, double actual) {
        ThresholdExpr expr = spec.expr();
        Optional<SeriesResult> series = result.series().stream().filter(s -> s.metric().equals(spec.metric())).findFirst();
        MetricKind kind = series.map(SeriesResult::kind).orElse(null);
        ValueType type = series.map(SeriesResult::valueType).orElse(ValueType.DEFAULT);
        String shown = switch (expr) {
            case ThresholdExpr.Rate r when kind == MetricKind.RATE -> Units.percent(actual);
            case ThresholdExpr.Rate r -> Units.perSecond(actual, type);
            case ThresholdExpr.Count c -> type == ValueType.DATA ? Units.bytes(actual) : Units.number(actual, 2);
            default -> kind == MetricKind.TREND || kind == MetricKind.GAUGE ? Units.value(actual, type) : Units.number(actual, 4);
        };
        return expr.aggregation() + "=" + shown;
    }
}
