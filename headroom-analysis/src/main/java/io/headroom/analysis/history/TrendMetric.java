package io.headroom.analysis.history;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** A number of the results index that {@code headroom trend} can follow over runs, named as on the command line. */
public enum TrendMetric {
    /** Median of {@code http_req_duration}, ms. */
    P50("http_req_duration:p50", "ms", HistoryEntry::p50Millis),
    /** 95th percentile of {@code http_req_duration}, ms. */
    P95("http_req_duration:p95", "ms", HistoryEntry::p95Millis),
    /** 99th percentile of {@code http_req_duration}, ms. */
    P99("http_req_duration:p99", "ms", HistoryEntry::p99Millis),
    /** Requests per second over the run ({@code http_reqs} rate). */
    REQUESTS_PER_SECOND("http_reqs:rate", "req/s", HistoryEntry::requestsPerSecond),
    /** Share of failed requests ({@code http_req_failed} rate), 0..1. */
    ERROR_RATE("http_req_failed:rate", "", HistoryEntry::errorRate);

    private final String option;
    private final String unit;
    private final ToDoubleFunction<HistoryEntry> value;

    TrendMetric(String option, String unit, ToDoubleFunction<HistoryEntry> value) {
        this.option = option;
        this.unit = unit;
        this.value = value;
    }

    /** The name on the command line, e.g. {@code http_req_duration:p95}. */
    public String option() {
        return option;
    }

    /** The unit of {@link #of}: "ms", "req/s", or "" for a fraction. */
    public String unit() {
        return unit;
    }

    /** This metric's value in {@code entry}; NaN when the run had none. */
    public double of(HistoryEntry entry) {
        return value.applyAsDouble(entry);
    }

    /**
     * The metric named {@code text}; {@code http_req_duration} alone means its p95.
     *
     * @throws IllegalArgumentException naming the metrics the index keeps
     */
    public static TrendMetric parse(String text) {
        String t = text.strip();
        if (t.equals("http_req_duration")) return P95;
        for (TrendMetric m : values()) if (m.option.equals(t)) return m;
        throw new IllegalArgumentException("the results index keeps " + Arrays.stream(values()).map(TrendMetric::option)
                .collect(Collectors.joining(", ")) + "; got \"" + text + "\"");
    }
}
