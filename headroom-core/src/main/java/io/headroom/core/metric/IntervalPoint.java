package io.headroom.core.metric;


import java.util.List;

/**
 * The statistics of one second of the run, for charts and live views. Kept for the whole run, so its
 * size grows with run time, never with the number of requests. {@code offsetMillis} is the end of the
 * second relative to the run start.
 */
public record IntervalPoint(long offsetMillis, List<Series> series) {
    public IntervalPoint {
        series = List.copyOf(series);
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
