package io.headroom.analysis.compare;

import io.headroom.analysis.Unit;
import io.headroom.analysis.stats.Interval;

/**
 * One compared quantity: its value before and after, the confidence interval of {@code after − before}
 * (in the quantity's unit), whether the change is significant, in which direction it goes for the user,
 * and whether it is a regression (significant, worse, and beyond the margin over its whole interval).
 * {@code endpoint} is null for the whole run. Immutable.
 */
public record Change(Quantity quantity, String endpoint, double before, double after, Interval difference,
                     boolean significant, Direction direction, boolean gated, boolean regression) {

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
