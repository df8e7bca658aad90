package io.headroom.analysis.history;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@code compare --baseline} picks the run to compare against among the earlier valid runs of one plan. */
public enum Baseline {
    /** The latest earlier run. */
    PREVIOUS("previous"),
    /** The earlier run with the lowest p95 of {@code http_req_duration}: the strictest gate. */
    BEST("best"),
    /**
     * The run whose p95 is the median of the last five (fewer when there are fewer): a real run, so every statistic
     * of {@code compare} still works on its histograms, and one slow or fast outlier cannot set the bar.
     */
    MEDIAN_OF_5("median-of-5");

    /** How many earlier valid runs {@link #MEDIAN_OF_5} looks at. */
    public static final int MEDIAN_WINDOW = 5;

    private final String option;

    Baseline(String option) {
        this.option = option;
    }

    /** The word on the command line. */
    public String option() {
        return option;
    }

    /**
     * The baseline named {@code text} ("previous", "best", "median-of-5"; case-insensitive).
     *
     * @throws IllegalArgumentException naming the words it knows
     */
    public static Baseline parse(String text) {
        for (Baseline b : values()) if (b.option.equalsIgnoreCase(text.strip())) return b;
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values()).map(Baseline::option)
                .collect(Collectors.joining(", ")) + ", got \"" + text + "\"");
    }

    @Override
    public String toString() {
        return option.toLowerCase(Locale.ROOT);
    }
}
