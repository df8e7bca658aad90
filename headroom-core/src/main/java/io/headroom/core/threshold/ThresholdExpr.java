package io.headroom.core.threshold;

import io.headroom.core.metric.MetricKind;

import java.util.Objects;

/**
 * A parsed threshold expression such as {@code p(95)<500}: an aggregation of the selected series, an operator
 * and a bound in the metric's unit (milliseconds for time trends). Which aggregations fit which metric kind
 * follows k6: counters {@code count}, {@code rate}; gauges {@code value}; rates {@code rate}; trends
 * {@code avg}, {@code min}, {@code max}, {@code med}, {@code p(N)}. Immutable.
 */
public sealed interface ThresholdExpr {
    ThresholdOperator operator();

    double bound();

    /** The aggregation as written in k6 syntax, e.g. {@code p(99.9)} or {@code avg}. */
    String aggregation();

    /** True when this aggregation is defined for metrics of {@code kind}. */
    boolean appliesTo(MetricKind kind);

    /** The expression in canonical k6 syntax, e.g. {@code p(95)<500}. */
    default String text() {
        return aggregation() + operator().symbol() + formatNumber(bound());
    }

    /** True for the aggregation keywords {@link #of} knows ({@code p} stands for {@code p(N)}). */
    static boolean isKeyword(String keyword) {
        return switch (keyword) {
            case "p", "avg", "min", "max", "med", "rate", "count", "value" -> true;
            default -> false;
        };
    }

    /**
     * The expression for an aggregation keyword, the one table of keywords: a new aggregation is a record
     * here, its keyword in this switch and in {@link #isKeyword}, and its case in the evaluator's exhaustive
     * switch (the compiler points at it).
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
    }

    /** The mean of a trend. */
    record Avg(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "avg"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.TREND; }
    }

    /** The smallest value of a trend. */
    record Min(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "min"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.TREND; }
    }

    /** The largest value of a trend. */
    record Max(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "max"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.TREND; }
    }

    /** The median of a trend. */
    record Med(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "med"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.TREND; }
    }

    /** A rate metric's fraction of non-zero samples, or a counter's total per second of run time. */
    record Rate(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "rate"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.RATE || kind == MetricKind.COUNTER; }
    }

    /** A counter's total. */
    record Count(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "count"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.COUNTER; }
    }

    /** A gauge's last value. */
    record Value(ThresholdOperator operator, double bound) implements ThresholdExpr {
        public String aggregation() { return "value"; }

        public boolean appliesTo(MetricKind kind) { return kind == MetricKind.GAUGE; }
    }
}
