package io.headroom.core.threshold;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.SeriesStats;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed threshold expression such as {@code p(95)<500}: an aggregation of the selected series, an operator
 * and a bound in the metric's unit (milliseconds for time trends). Which aggregations fit which metric kind
 * follows k6: counters {@code count}, {@code rate}; gauges {@code value}; rates {@code rate}; trends
 * {@code avg}, {@code min}, {@code max}, {@code med}, {@code p(N)}. Immutable.
 *
 * <p>Everything that differs between aggregations is said here, by each record: its keyword, the kinds it fits
 * ({@link #appliesTo}), its value on each kind's statistics ({@link #ofTrend}, {@link #ofCounter}, {@link #ofGauge},
 * {@link #ofRate}) and whether that value is in the metric's unit
 * ({@link #inMetricUnit}). The evaluator and every renderer ask these instead of switching over the records, so
 * a new aggregation is a change to this file alone (and the plan schema's pattern, which a test compares with
 * {@link #KEYWORDS}).
 */
public sealed interface ThresholdExpr {
    /** The aggregation keywords {@link #of} knows, in the order messages list them; {@code p} stands for {@code p(N)}. */
    List<String> KEYWORDS = List.of("avg", "min", "max", "med", "p", "count", "rate", "value");

    ThresholdOperator operator();

    double bound();

    /** The aggregation as written in k6 syntax, e.g. {@code p(99.9)} or {@code avg}. */
    String aggregation();

    /** True when this aggregation is defined for metrics of {@code kind}. */
    boolean appliesTo(MetricKind kind);

    /**
     * This aggregation of a trend's statistics, which hold at least one sample; NaN for the aggregations that
     * do not {@linkplain #appliesTo apply} to trends.
     */
    default double ofTrend(SeriesStats.TrendStats trend) {
        return Double.NaN;
    }

    /** This aggregation of a counter's statistics; NaN for the aggregations that do not apply to counters. */
    default double ofCounter(SeriesStats.CounterStats counter) {
        return Double.NaN;
    }

    /** This aggregation of a gauge's statistics; NaN for the aggregations that do not apply to gauges. */
    default double ofGauge(SeriesStats.GaugeStats gauge) {
        return Double.NaN;
    }

    /**
     * This aggregation of a rate metric's statistics, which hold at least one sample; NaN for the aggregations that
     * do not apply to rate metrics.
     */
    default double ofRate(SeriesStats.RateStats rate) {
        return Double.NaN;
    }

    /**
     * True when the value is in the metric's own unit (milliseconds for a time trend, bytes for a data counter),
     * false when it is a count or a rate whatever the metric measures.
     */
    default boolean inMetricUnit() {
        return true;
    }

    /**
     * The metric kind this aggregation implies for a metric that was never defined: the one kind it applies to;
     * empty when it fits several ({@code rate}: counters and rates).
     */
    default Optional<MetricKind> impliedKind() {
        List<MetricKind> kinds = Arrays.stream(MetricKind.values()).filter(this::appliesTo).toList();
        return kinds.size() == 1 ? Optional.of(kinds.get(0)) : Optional.empty();
    }

    /** The expression in canonical k6 syntax, e.g. {@code p(95)<500}. */
    default String text() {
        return aggregation() + operator().symbol() + formatNumber(bound());
    }

    /** True for the aggregation keywords {@link #of} knows ({@link #KEYWORDS}). */
    static boolean isKeyword(String keyword) {
        return KEYWORDS.contains(keyword);
    }

    /**
     * The expression for an aggregation keyword: a new aggregation is a record below, its keyword in this
     * switch and in {@link #KEYWORDS}.
     *
     * @param keyword lower case: {@code p} (with {@code percentile}), {@code avg}, {@code min}, ...
     * @throws IllegalArgumentException for an unknown keyword
     */
    static ThresholdExpr of(String keyword, double percentile, ThresholdOperator operator, double bound) {
        return switch (keyword) {
            case "p" -> new Percentile(percentile, operator, bound);
            case "avg" -> new Avg(operator, bound);
            case "min" -> new Min(operator, bound);
            case "max" -> new Max(operator, bound);
            case "med" -> new Med(operator, bound);
            case "rate" -> new Rate(operator, bound);
            case "count" -> new Count(operator, bound);
            case "value" -> new Value(operator, bound);
            default -> throw new IllegalArgumentException("unknown aggregation " + keyword);
        };
    }

    private static String formatNumber(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** The {@code percentile}-th percentile (0–100) of a trend. */
    record Percentile(double percentile, ThresholdOperator operator, double bound) implements ThresholdExpr {
        public Percentile {
            Objects.requireNonNull(operator, "operator");
            if (!(percentile >= 0 && percentile <= 100)) throw new IllegalArgumentException("percentile must lie in 0..100: " + percentile);
        }

        public String aggregation() {
            return "p(" + formatNumber(percentile) + ")";
        }

        public boolean appliesTo(MetricKind kind) {
            return kind == MetricKind.TREND;
        }

        public double ofTrend(SeriesStats.TrendStats trend) {
            return trend.percentile(percentile);
        }
    }

    /** The mean of a trend. */
    record Avg(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "avg"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.TREND; }

        public double ofTrend(SeriesStats.TrendStats trend) { return trend.avg(); }
    }

    /** The smallest value of a trend. */
    record Min(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "min"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.TREND; }

        public double ofTrend(SeriesStats.TrendStats trend) { return trend.min(); }
    }

    /** The largest value of a trend. */
    record Max(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "max"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.TREND; }

        public double ofTrend(SeriesStats.TrendStats trend) { return trend.max(); }
    }

    /** The median of a trend. */
    record Med(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "med"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.TREND; }

        public double ofTrend(SeriesStats.TrendStats trend) { return trend.med(); }
    }

    /** A rate metric's fraction of non-zero samples, or a counter's total per second of run time. */
    record Rate(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "rate"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.RATE || kind == MetricKind.COUNTER; }

        public double ofCounter(SeriesStats.CounterStats counter) { return counter.ratePerSecond(); }

        public double ofRate(SeriesStats.RateStats rate) { return rate.rate(); }

        public boolean inMetricUnit() { return false; }
    }

    /** A counter's total. */
    record Count(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "count"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.COUNTER; }

        public double ofCounter(SeriesStats.CounterStats counter) { return counter.count(); }

        public boolean inMetricUnit() { return false; }
    }

    /** A gauge's last value. */
    record Value(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "value"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.GAUGE; }

        public double ofGauge(SeriesStats.GaugeStats gauge) { return gauge.value(); }
    }
}
