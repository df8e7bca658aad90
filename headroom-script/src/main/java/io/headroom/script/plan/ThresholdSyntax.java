package io.headroom.script.plan;

import io.headroom.core.threshold.ThresholdParser;
import io.headroom.core.threshold.ThresholdSyntaxException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the syntax of one threshold expression such as {@code p(95)<500} at load time. The loader
 * uses {@link #CORE}, the engine's parser; {@link #BASIC} is a dependency-free regex check.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ThresholdSyntax {
    /** What is wrong with the expression, or empty when it is valid. */
    Optional<String> problem(String expression);

    /** {@code AGGREGATION OPERATOR NUMBER}: aggregations {@code p(N) avg min max med rate count value}. */
    Pattern BASIC_PATTERN = Pattern.compile(
            "\\s*(p\\(\\s*(\\d+(?:\\.\\d+)?)\\s*\\)|avg|min|max|med|rate|count|value)\\s*(<=|>=|===|==|!=|<|>)\\s*(-?\\d+(?:\\.\\d+)?)\\s*");

    /** A minimal regex check of k6's syntax; also rejects percentiles above 100. */
    ThresholdSyntax BASIC = expression -> {
        Matcher m = BASIC_PATTERN.matcher(expression);
        if (!m.matches()) {
            return Optional.of("invalid threshold \"" + expression + "\": expected AGGREGATION OPERATOR NUMBER, "
                    + "such as \"p(95)<500\", \"avg<200\", \"rate<0.01\" or \"count>0\"");
        }
        if (m.group(2) != null && Double.parseDouble(m.group(2)) > 100) {
            return Optional.of("invalid threshold \"" + expression + "\": a percentile is at most p(100)");
        }
        return Optional.empty();
    };

    /**
     * The engine's own parser (core's {@code ThresholdParser}), so that a plan that validates is a plan the
     * engine accepts; its reason is followed by examples of valid expressions.
     */
    ThresholdSyntax CORE = expression -> {
        try {
            ThresholdParser.parseExpression(expression);
            return Optional.empty();
        } catch (ThresholdSyntaxException e) {
            return Optional.of("invalid threshold \"" + expression + "\": " + e.reason()
                    + " (expected AGGREGATION OPERATOR NUMBER, such as \"p(95)<500\", \"avg<200\", \"rate<0.01\" or \"count>0\")");
        }
    };

    /** The aggregation of an expression that {@link #BASIC} accepts ({@code p(N)} for any percentile), or null. */
    static String aggregation(String expression) {
        Matcher m = BASIC_PATTERN.matcher(expression);
        if (!m.matches()) return null;
        return m.group(2) != null ? "p(N)" : m.group(1);
    }
}
