package io.headroom.core.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * One threshold expression on one metric selector, in k6 syntax: selector {@code http_req_duration} or
 * {@code http_req_duration{name:/login,method:POST}}, expression {@code p(95)<500}. Durations in
 * expressions are milliseconds. With {@code abortOnFail} the run stops as soon as the threshold is
 * crossed, but not before {@code delayAbortEval} has passed since the start.
 */
public record ThresholdSpec(String selector, String expression, boolean abortOnFail, Duration delayAbortEval) {
    public ThresholdSpec {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(expression, "expression");
        delayAbortEval = delayAbortEval == null ? Duration.ZERO : delayAbortEval;
    }

    public static ThresholdSpec of(String selector, String expression) {
        return new ThresholdSpec(selector, expression, false, Duration.ZERO);
    }
}
