package io.headroom.analysis.compare;

import io.headroom.analysis.Unit;
import io.headroom.analysis.stats.Interval;

/**
 * One compared quantity: its value before and after, the confidence interval of {@code after − before}
 * (in the quantity's unit), whether the change is significant, in which direction it goes for the user,
 * whether it is a regression (significant, worse, and beyond the margin over its whole interval), the
 * {@link Method} behind the interval, and whether the data could decide at all. {@code endpoint} is null
 * for the whole run. Immutable.
 *
 * @param detectable the smallest change the test would detect at 80 % power: a relative change (0.12 =
 *                   ±12 %) for latencies and throughput, an absolute difference of rates (0.002 = 0.2 pp) for
 *                   {@link Unit#FRACTION} quantities; infinite when there was no interval
 * @param inconclusive true when the interval reaches beyond the margin on a side the verdict depends on
 *                   (for a gated quantity: the worse side, short of a regression; else: either side, short of
 *                   significance): the data can neither show a change beyond the margin nor rule one out
 */
public record Change(Quantity quantity, String endpoint, double before, double after, Interval difference,
                     boolean significant, Direction direction, boolean gated, boolean regression, Method method,
                     double detectable, boolean inconclusive) {

    /** How the interval of a change was obtained; {@link #description()} is what outputs and docs name. */
    public enum Method {
        BOOTSTRAP_LOG_RATIO("bootstrap-log-ratio", "percentile bootstrap of log(after/before) from the HDR histograms"
                + " at the effective sample size (requests / design effect); interval of the ratio, so never below −100 %"),
        WELCH_STEADY_SECONDS("welch-steady-seconds", "Welch's t-test over the per-second request rates of the steady"
                + " seconds; the estimate is the mean of those same seconds"),
        TWO_PROPORTION("two-proportion-z", "two-proportion z-test (pooled) with a Wald interval of the difference in"
                + " percentage points"),
        NONE("none", "too little data for a test (fewer than two steady seconds or no requests)");

        private final String id;
        private final String description;

        Method(String id, String description) {
            this.id = id;
            this.description = description;
        }

        /** The stable name in JSON outputs, e.g. {@code "bootstrap-log-ratio"}. */
        public String id() {
            return id;
        }

        public String description() {
            return description;
        }
    }

    /** What was compared, with its unit and which way is better. */
    public enum Quantity {
        P50("p50", Unit.MILLISECONDS, false), P95("p95", Unit.MILLISECONDS, false), P99("p99", Unit.MILLISECONDS, false),
        ERROR_RATE("error rate", Unit.FRACTION, false), THROUGHPUT("throughput", Unit.REQUESTS_PER_SECOND, true),
        CHECKS("checks", Unit.FRACTION, true);

        private final String label;
        private final Unit unit;
        private final boolean higherIsBetter;

        Quantity(String label, Unit unit, boolean higherIsBetter) {
            this.label = label;
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
        }

        public String label() {
            return label;
        }

        public Unit unit() {
            return unit;
        }

        public boolean higherIsBetter() {
            return higherIsBetter;
        }
    }

    /** Better, worse, or no significant change, from the user's point of view. */
    public enum Direction { BETTER, WORSE, UNCHANGED }

    /** {@code (after − before) / before}; NaN when before is 0. */
    public double relativeChange() {
        return before == 0 ? Double.NaN : (after - before) / before;
    }

    /** {@code after / before}; NaN when before is 0. */
    public double ratio() {
        return before == 0 ? Double.NaN : after / before;
    }

    /** The interval of the relative change; NaN bounds when before is 0. */
    public Interval relativeDifference() {
        if (before == 0) return new Interval(Double.NaN, Double.NaN, difference.level());
        return new Interval(difference.low() / before, difference.high() / before, difference.level());
    }
}
