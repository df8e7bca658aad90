package io.headroom.core.result;

/**
 * The outcome of one threshold expression; never null. {@code actual} is in the metric's unit. A threshold whose
 * selected series had no samples at the end of the run is evaluated as k6 evaluates an empty sink (0 for a
 * trend's every aggregation, a counter's count and rate, a gauge's value), so {@code count>0} on nothing is
 * {@link Crossed}; {@link #noData()} says so, and every output shows it.
 */
public sealed interface ThresholdVerdict {
    /** True when the selected series had no samples: the actual value is k6's value for an empty series. */
    boolean noData();

    /** The expression held on {@code actual}. */
    record Held(double actual, boolean noData) implements ThresholdVerdict {
        /** Held on measured data. */
        public Held(double actual) {
            this(actual, false);
        }
    }

    /** The expression did not hold on {@code actual}: the run fails (exit 99). */
    record Crossed(double actual, boolean noData) implements ThresholdVerdict {
        /** Crossed on measured data. */
        public Crossed(double actual) {
            this(actual, false);
        }
    }

    /**
     * The selected series had no samples and the expression had no value to compare, so it was not evaluated
     * and counts as held, as in k6: a rate's {@code rate} (k6 has no rate of zero samples), a counter's
     * {@code rate} over a run of zero seconds.
     */
    record NoData() implements ThresholdVerdict {
        @Override
        public boolean noData() {
            return true;
        }
    }
}
