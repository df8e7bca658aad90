package io.headroom.core.threshold;

/** The comparison of a threshold expression: the threshold holds when {@code actual <op> bound}. */
public enum ThresholdOperator {
    LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="), EQUAL("=="), NOT_EQUAL("!=");

    private final String symbol;

    ThresholdOperator(String symbol) {
        this.symbol = symbol;
    }

    /** As written in k6 syntax. */
    public String symbol() {
        return symbol;
    }

    /** True when {@code actual <op> bound} holds; NaN never holds. */
    public boolean holds(double actual, double bound) {
        if (Double.isNaN(actual)) return false;
        return switch (this) {
            case LESS -> actual < bound;
            case LESS_OR_EQUAL -> actual <= bound;
            case GREATER -> actual > bound;
            case GREATER_OR_EQUAL -> actual >= bound;
            case EQUAL -> actual == bound;
            case NOT_EQUAL -> actual != bound;
        };
    }
}
