package io.headroom.analysis.stats;

/** A two-sided confidence interval {@code [low, high]} at {@code level} (e.g. 0.95), in the estimate's unit. */
public record Interval(double low, double high, double level) {
    public boolean excludesZero() {
        return low > 0 || high < 0;
    }

    /** True when the whole interval lies within {@code [-bound, +bound]}. */
    public boolean within(double bound) {
        return low >= -bound && high <= bound;
    }
}
