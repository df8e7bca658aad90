package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One endpoint of a run: the {@code http_req_duration} series with one {@code name} tag (the URL when a
 * request has no name) and one {@code method}, merged exactly over their other tags, with the failed
 * share from the {@code http_req_failed} series of the same name and method. Latencies are in
 * milliseconds; {@code count} is the number of timed requests; latency fields are NaN when the endpoint
 * only has failure samples, {@code errorRate} is NaN when it has none. Immutable.
 */
public record EndpointSummary(String name, String method, long count, double requestsPerSecond, double p50Millis,
                              double p95Millis, double p99Millis, double maxMillis, long failed, long failureSamples) {

    /** The name shown for requests that carry neither a {@code name} nor a {@code url} tag. */
    public static final String UNNAMED = "(unnamed)";

    /** Failed requests as a fraction of the requests counted by {@code http_req_failed}; NaN without samples. */
    public double errorRate() {
        return failureSamples == 0 ? Double.NaN : (double) failed / failureSamples;
    }

    /**
     * The endpoints of {@code result}, busiest first (then by name and method), computed from the tagged
     * series; the requests-per-second divisor is the run's measured duration. Empty without HTTP series.
     */
    public static List<EndpointSummary> of(RunResult result) {
        record Key(String name, String method) {}
        Map<Key, List<TrendStats>> durations = new LinkedHashMap<>();
        Map<Key, long[]> failures = new LinkedHashMap<>();
        for (SeriesResult s : result.series()) {
            if (s.tags().isEmpty()) continue;
            Key key = new Key(nameOf(s.tags()), methodOf(s.tags()));
            if (s.metric().equals(BuiltinMetrics.HTTP_REQ_DURATION) && s.stats() instanceof TrendStats t) {
                durations.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
            } else if (s.metric().equals(BuiltinMetrics.HTTP_REQ_FAILED) && s.stats() instanceof RateStats r) {
                long[] counts = failures.computeIfAbsent(key, k -> new long[2]);
                counts[0] += r.passes();
                counts[1] += r.passes() + r.fails();
            }
        }
        List<Key> keys = new ArrayList<>(durations.keySet());
        for (Key k : failures.keySet()) if (!durations.containsKey(k)) keys.add(k);

        double seconds = result.info().duration() == null ? 0 : result.info().duration().toNanos() / 1e9;
        List<EndpointSummary> rows = new ArrayList<>();
        for (Key key : keys) {
            long[] failed = failures.getOrDefault(key, new long[2]);
            List<TrendStats> parts = durations.get(key);
            if (parts == null) {
                rows.add(new EndpointSummary(key.name(), key.method(), failed[1], perSecond(failed[1], seconds),
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, failed[0], failed[1]));
                continue;
            }
            TrendStats t = parts.size() == 1 ? parts.get(0) : Aggregates.mergeTrends(parts);
            boolean any = t.count() > 0;
            rows.add(new EndpointSummary(key.name(), key.method(), t.count(), perSecond(t.count(), seconds),
                    any ? percentile(t, 50) : Double.NaN, any ? percentile(t, 95) : Double.NaN,
                    any ? percentile(t, 99) : Double.NaN, any ? t.max() : Double.NaN, failed[0], failed[1]));
        }
        rows.sort(Comparator.comparingLong(EndpointSummary::count).reversed()
                .thenComparing(EndpointSummary::name).thenComparing(EndpointSummary::method));
        return List.copyOf(rows);
    }

    // The median is the trend's own field when the histogram is missing, so a summary read from a file
    // without histograms still shows what it can.
    private static double percentile(TrendStats t, double p) {
        if (t.histogram() != null) return t.percentile(p);
        return p == 50 ? t.med() : p == 95 ? t.p95() : p == 99 ? t.p99() : Double.NaN;
    }

    private static double perSecond(long count, double seconds) {
        return seconds > 0 ? count / seconds : Double.NaN;
    }

    private static String nameOf(Tags tags) {
        String name = tags.get("name");
        if (name == null) name = tags.get("url");
        return name == null ? UNNAMED : name;
    }

    private static String methodOf(Tags tags) {
        String method = tags.get("method");
        return method == null ? "-" : method;
    }
}
