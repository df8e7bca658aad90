package io.headroom.core.metric;


import java.util.List;

/**
 * The statistics of one second of the run (or, once a long run's {@link IntervalHistory} was compacted, of a few
 * seconds), for charts and live views. Its size never grows with the number of requests, and the history of them
 * stays within its budget however long the run. {@code offsetMillis} is the end of the interval relative to the
 * run start; an interval's length is the difference to the previous offset.
 *
 * <p>{@code endpoints} are {@code http_req_duration} per endpoint during the interval (see {@link EndpointIntervals}):
 * one trend series per endpoint, tagged with its {@code name} (its {@code url} without one) and {@code method} only,
 * its percentiles from the merged histograms of all the endpoint's series, so exact where {@code series} can only give
 * each status code's or scenario's own. At most {@link EndpointIntervals#MAX_ENDPOINTS}, busiest first (the order is
 * canonical: count descending, then tags). Empty for points built without them (older summaries).
 */
public record IntervalPoint(long offsetMillis, List<Series> series, List<Series> endpoints) {
    public IntervalPoint {
        series = List.copyOf(series);
        endpoints = EndpointIntervals.canonical(endpoints);
    }

    /** A point without per-endpoint series. */
    public IntervalPoint(long offsetMillis, List<Series> series) {
        this(offsetMillis, series, List.of());
    }

    /**
     * One series during the second. Counters: {@code count} = sum added. Rates: {@code count} = samples,
     * {@code sum} = non-zero samples. Gauges: {@code last}, {@code min}, {@code max}. Trends: samples in
     * {@code count}, distribution in {@code min}, {@code p50}, {@code p95}, {@code p99}, {@code max} and
     * {@code sum}. Unused fields are 0.
     */
    public record Series(String metric, MetricKind kind, Tags tags, double count, double sum, double last,
                         double min, double p50, double p95, double p99, double max) {}
}
