package io.headroom.core.threshold;

import java.time.Duration;
import java.util.Objects;

/**
 * One threshold of a plan, parsed once where it enters (the plan loader, the Java API, a summary file): what
 * it looks at ({@link #selector()}, e.g. {@code http_req_duration{name:/login}}), the expression it checks
 * ({@link #expr()}, e.g. {@code p(95)<500}; durations in milliseconds), and both as the user wrote them,
 * for display. With {@code abortOnFail} the run stops as soon as the threshold is crossed, but not before
 * {@code delayAbortEval} has passed since the start. Immutable.
 *
 * @param selectorText the selector as written (stripped), shown in every output
 * @param exprText the expression as written (stripped), shown in every output
 * @param delayAbortEval never null ({@link Duration#ZERO} when null is given)
 */
public record ThresholdSpec(ThresholdSelector selector, ThresholdExpr expr, String selectorText, String exprText,
                            boolean abortOnFail, Duration delayAbortEval) {
    public ThresholdSpec {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(selectorText, "selectorText");
        Objects.requireNonNull(exprText, "exprText");
        delayAbortEval = delayAbortEval == null ? Duration.ZERO : delayAbortEval;
    }

    /**
     * Parses a threshold written in k6 syntax and, when the selector names a built-in metric, checks that the
     * aggregation fits its kind (custom metrics are checked by whoever knows their kind, with
     * {@link ThresholdExpr#appliesTo}).
     *
     * @throws ThresholdSyntaxException naming the problem and its offset in the selector or the expression
     */
    public static ThresholdSpec parse(String selector, String expression, boolean abortOnFail, Duration delayAbortEval) {
        ThresholdSelector parsedSelector = ThresholdParser.parseSelector(selector);
        ThresholdExpr parsedExpr = ThresholdParser.parseExpression(expression);
        ThresholdParser.requireAppliesToBuiltin(parsedSelector, parsedExpr, expression);
        return new ThresholdSpec(parsedSelector, parsedExpr, selector.strip(), expression.strip(), abortOnFail, delayAbortEval);
    }

    /** {@link #parse} without abortOnFail. */
    public static ThresholdSpec of(String selector, String expression) {
        return parse(selector, expression, false, Duration.ZERO);
    }

    /** The selected metric's name. */
    public String metric() {
        return selector.metric();
    }

    /** k6 notation as written, e.g. {@code http_req_duration{name:/login}: p(95)<500}. */
    @Override
    public String toString() {
        return selectorText + ": " + exprText;
    }
}
