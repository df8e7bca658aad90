package io.headroom.report;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.ValueType;
import io.headroom.core.plan.ThresholdSpec;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold's actual value named like its expression's left side and in its metric's unit, as the
 * console shows it: {@code p(95)=45.12ms}, {@code rate=0.12%}. Shared by the HTML, JUnit and markdown outputs.
 */
final class ThresholdText {
    private static final Pattern AGGREGATION = Pattern.compile("^\\s*([a-zA-Z_]+(?:\\([^)]*\\))?)");

    private ThresholdText() {}

    static String actual(RunResult result, ThresholdSpec spec, double actual) {
        Matcher m = AGGREGATION.matcher(spec.expression());
        String aggregation = m.find() ? m.group(1) : "value";
        String metric = Selector.parse(spec.selector()).metric();
        Optional<SeriesResult> series = result.series().stream().filter(s -> s.metric().equals(metric)).findFirst();
        MetricKind kind = series.map(SeriesResult::kind).orElse(null);
        ValueType type = series.map(SeriesResult::valueType).orElse(ValueType.DEFAULT);
        String shown;
        if (aggregation.equals("rate") && kind == MetricKind.RATE) {
            shown = Units.percent(actual);
        } else if (aggregation.equals("rate")) {
            shown = Units.perSecond(actual, type);
        } else if (aggregation.equals("count")) {
            shown = type == ValueType.DATA ? Units.bytes(actual) : Units.number(actual, 2);
        } else if (kind == MetricKind.TREND || kind == MetricKind.GAUGE) {
            shown = Units.value(actual, type);
        } else {
            shown = Units.number(actual, 4);
        }
        return aggregation + "=" + shown;
    }
}
