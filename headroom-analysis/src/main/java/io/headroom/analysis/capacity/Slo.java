package io.headroom.analysis.capacity;

import io.headroom.core.threshold.ThresholdExpr;
import io.headroom.core.threshold.ThresholdOperator;
import io.headroom.core.threshold.ThresholdParser;
import io.headroom.core.threshold.ThresholdSyntaxException;

import java.util.Locale;

/**
 * A latency objective in threshold syntax, {@code p(95)<500} or {@code avg<200} (milliseconds), checked
 * per load level. Only p(95), p(99) and avg: per-second statistics a summary keeps that average sensibly over a
 * level. Read by core's one threshold grammar ({@link ThresholdParser}), then narrowed to those. Immutable.
 *
 * @param statistic {@code p(95)}, {@code p(99)} or {@code avg}, as the threshold's aggregation
 */
public record Slo(String statistic, double limitMillis) {
    /** Parses {@code p(95)<500} (an {@code ms} after the number is allowed); the message says what is accepted otherwise. */
    public static Slo parse(String text) {
        String s = text.toLowerCase(Locale.ROOT).strip();
        if (s.endsWith("ms")) s = s.substring(0, s.length() - 2);
        ThresholdExpr expr;
        try {
            expr = ThresholdParser.parseExpression(s);
        } catch (ThresholdSyntaxException e) {
            expr = null;
        }
        boolean level = expr instanceof ThresholdExpr.Avg
                || expr instanceof ThresholdExpr.Percentile p && (p.percentile() == 95 || p.percentile() == 99);
        if (!level || expr.operator() != ThresholdOperator.LESS || !(expr.bound() >= 0)) {
            throw new IllegalArgumentException("SLO \"" + text + "\" not understood; use p(95)<X, p(99)<X or avg<X "
                    + "with X in milliseconds, e.g. \"p(95)<500\"");
        }
        return new Slo(expr.aggregation(), expr.bound());
    }

    @Override
    public String toString() {
        return statistic + "<" + io.headroom.analysis.Numbers.sig3(limitMillis);
    }
}
