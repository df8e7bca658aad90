package io.headroom.core.threshold;

import io.headroom.core.plan.ThresholdSpec;

/** A {@link ThresholdSpec} with its selector and expression parsed. Immutable. */
public record ParsedThreshold(ThresholdSpec spec, ThresholdSelector selector, ThresholdExpr expr) {
    /** k6 notation, e.g. {@code http_req_duration{name:/login}: p(95)<500}. */
    @Override
    public String toString() {
        return selector + ": " + expr.text();
    }
}
