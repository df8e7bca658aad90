package io.headroom.analysis;

/**
 * The units of the numbers the analysis reports (evidence, compared quantities), each with the text it
 * renders and the name it has in JSON. Values in {@link #FRACTION} are fractions (0.012) shown as
 * percentages ("1.2 %"). Immutable.
 */
public enum Unit {
    /** Milliseconds: "250 ms". */
    MILLISECONDS("ms"),
    /** Seconds from the start of the run: "12 s". */
    SECONDS("s"),
    /** A fraction shown as a percentage: 0.012 → "1.2 %"; "fraction" in JSON. */
    FRACTION("%"),
    /** A ratio of two like quantities: "7.2×". */
    RATIO("×"),
    /** Requests per second: "310 req/s". */
    REQUESTS_PER_SECOND("req/s"),
    /** Iterations per second (an iteration may send several requests, or none): "40 it/s". */
    ITERATIONS_PER_SECOND("it/s"),
    /** Virtual users (concurrency): "40 VUs". */
    VUS("VUs"),
    /** A plain count or number without a unit: "1200"; "" in JSON. */
    COUNT("");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /** The unit as printed after a number: "ms", "%", "×", "req/s", "VUs", "s", or "" for counts. */
    public String symbol() {
        return symbol;
    }

    /** The unit's name in JSON outputs: its symbol, except {@code "fraction"} for {@link #FRACTION}. */
    public String jsonName() {
        return this == FRACTION ? "fraction" : symbol;
    }

    /** {@code value} in this unit: "250 ms", "1.2 %", "7.2×", "1200". */
    public String format(double value) {
        return switch (this) {
            case COUNT -> Numbers.count(value);
            case RATIO -> Numbers.sig3(value) + "×";
            case FRACTION -> Numbers.percent(value);
            default -> Numbers.sig3(value) + " " + symbol;
        };
    }
}
