package io.headroom.core.metric;

/** The four metric kinds of k6: how samples of a metric are aggregated. */
public enum MetricKind {
    /** A cumulative sum, e.g. {@code http_reqs}, {@code data_sent}. */
    COUNTER,
    /** The last value set, with its min and max, e.g. {@code vus}. */
    GAUGE,
    /** The fraction of non-zero (true) samples, e.g. {@code http_req_failed}, {@code checks}. */
    RATE,
    /** A distribution kept in an HDR histogram, e.g. {@code http_req_duration}. */
    TREND
}
