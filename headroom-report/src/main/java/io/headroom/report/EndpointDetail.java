package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the HTML report shows of an endpoint beyond {@link EndpointSummary}: min, mean and standard deviation of
 * {@code http_req_duration} (the deviation from the merged HDR histogram; NaN without one), the successful and
 * failed requests ({@code http_req_failed}), and the mean of each HTTP timing phase ({@code http_req_blocked}
 * … {@code http_req_receiving}; NaN when not recorded). Milliseconds. Immutable.
 *
 * @param phaseMeansMillis one per {@link #PHASES}, in that order
 */
record EndpointDetail(String name, String method, double minMillis, double meanMillis, double stdDevMillis,
                      long ok, long failed, List<Double> phaseMeansMillis) {
    /** The HTTP timing phases, in the order a request goes through them, with their short labels. */
    static final List<String> PHASES = List.of(BuiltinMetrics.HTTP_REQ_BLOCKED, BuiltinMetrics.HTTP_REQ_CONNECTING,
            BuiltinMetrics.HTTP_REQ_TLS_HANDSHAKING, BuiltinMetrics.HTTP_REQ_SENDING, BuiltinMetrics.HTTP_REQ_WAITING,
            BuiltinMetrics.HTTP_REQ_RECEIVING);
    static final List<String> PHASE_LABELS = List.of("blocked", "connecting", "TLS", "sending", "waiting", "receiving");

    EndpointDetail {
        phaseMeansMillis = List.copyOf(phaseMeansMillis);
    }

    /** The key of an endpoint: its name (the URL without one) and method, as {@link EndpointSummary} groups them. */
    static String key(Tags tags) {
        String name = tags.get("name");
        if (name == null) name = tags.get("url");
        String method = tags.get("method");
        return (name == null ? EndpointSummary.UNNAMED : name) + "\u0000" + (method == null ? "-" : method);
    }

    /** The details of every endpoint of {@code result}, by {@link #key}. */
    static Map<String, EndpointDetail> of(RunResult result) {
        Map<String, Map<String, List<TrendStats>>> trends = new LinkedHashMap<>();
        Map<String, long[]> failures = new LinkedHashMap<>();
        Map<String, String[]> names = new LinkedHashMap<>();
        for (SeriesResult s : result.series()) {
            if (s.tags().isEmpty()) continue;
            String key = key(s.tags());
            names.computeIfAbsent(key, k -> k.split("\u0000", 2));
            if (s.stats() instanceof TrendStats t
                    && (s.metric().equals(BuiltinMetrics.HTTP_REQ_DURATION) || PHASES.contains(s.metric()))) {
                trends.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(s.metric(), m -> new ArrayList<>()).add(t);
            } else if (s.metric().equals(BuiltinMetrics.HTTP_REQ_FAILED) && s.stats() instanceof RateStats r) {
                long[] c = failures.computeIfAbsent(key, k -> new long[2]);
                c[0] += r.fails();
                c[1] += r.passes();
            }
        }
        Map<String, EndpointDetail> out = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : names.entrySet()) {
            Map<String, List<TrendStats>> byMetric = trends.getOrDefault(e.getKey(), Map.of());
            long[] okFailed = failures.getOrDefault(e.getKey(), new long[2]);
            if (!byMetric.containsKey(BuiltinMetrics.HTTP_REQ_DURATION) && !failures.containsKey(e.getKey())) continue;
            TrendStats d = merged(byMetric.get(BuiltinMetrics.HTTP_REQ_DURATION));
            boolean any = d != null && d.count() > 0;
            double std = any && d.histogram() != null ? d.histogram().getStdDeviation() / TrendStats.HISTOGRAM_SCALE : Double.NaN;
            List<Double> phases = new ArrayList<>();
            for (String phase : PHASES) {
                TrendStats p = merged(byMetric.get(phase));
                phases.add(p != null && p.count() > 0 ? p.avg() : Double.NaN);
            }
            out.put(e.getKey(), new EndpointDetail(e.getValue()[0], e.getValue()[1], any ? d.min() : Double.NaN,
                    any ? d.avg() : Double.NaN, std, okFailed[0], okFailed[1], phases));
        }
        return out;
    }

    private static TrendStats merged(List<TrendStats> parts) {
        if (parts == null || parts.isEmpty()) return null;
        return parts.size() == 1 ? parts.get(0) : Aggregates.mergeTrends(parts);
    }

    /**
     * The mean {@code http_req_duration} of each endpoint in each second (exact: the seconds' sums over their counts,
     * over all the endpoint's series), for the {@code limit} busiest endpoints of {@code endpoints}, in that order;
     * null in a second without a request. Per-second percentiles are not mergeable across an endpoint's series
     * (the intervals keep p50/p95/p99 per series, not histograms), so the mean it is.
     */
    static Map<String, Double[]> meanOverTime(RunResult result, List<EndpointSummary> endpoints, int limit) {
        List<IntervalPoint> points = result.intervals();
        Map<String, Double[]> out = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (EndpointSummary e : endpoints) {
            if (labels.size() == limit) break;
            if (e.count() > 0 && !Double.isNaN(e.maxMillis())) labels.put(e.name() + "\u0000" + e.method(), e.method() + " " + Redaction.text(e.name()));
        }
        int n = points.size();
        Map<String, double[]> sums = new LinkedHashMap<>(), counts = new LinkedHashMap<>();
        for (String key : labels.keySet()) {
            sums.put(key, new double[n]);
            counts.put(key, new double[n]);
        }
        for (int i = 0; i < n; i++) {
            for (IntervalPoint.Series s : points.get(i).series()) {
                if (!s.metric().equals(BuiltinMetrics.HTTP_REQ_DURATION) || s.tags().isEmpty()) continue;
                String key = key(s.tags());
                if (!sums.containsKey(key)) continue;
                sums.get(key)[i] += s.sum();
                counts.get(key)[i] += s.count();
            }
        }
        labels.forEach((key, label) -> {
            Double[] means = new Double[n];
            for (int i = 0; i < n; i++) means[i] = counts.get(key)[i] > 0 ? sums.get(key)[i] / counts.get(key)[i] : null;
            out.put(label, means);
        });
        return out;
    }

    /**
     * The p50, p95 and p99 of {@code http_req_duration} of each endpoint in each second, from the intervals'
     * per-endpoint series ({@link IntervalPoint#endpoints()}: the endpoint's histograms merged, so exact however many
     * status codes or scenarios it spans), for the {@code limit} busiest endpoints of {@code endpoints}, in that order.
     * Each value: {@code [p50, p95, p99, requests]} arrays, one slot per interval, null where the endpoint had no
     * request (or was not among the second's busiest {@link io.headroom.core.metric.EndpointIntervals#MAX_ENDPOINTS}).
     * Empty when the summary has no per-endpoint intervals (an older one).
     */
    static Map<String, Double[][]> percentilesOverTime(RunResult result, List<EndpointSummary> endpoints, int limit) {
        List<IntervalPoint> points = result.intervals();
        if (points.stream().allMatch(p -> p.endpoints().isEmpty())) return Map.of();
        Map<String, String> labels = new LinkedHashMap<>();
        for (EndpointSummary e : endpoints) {
            if (labels.size() == limit) break;
            if (e.count() > 0 && !Double.isNaN(e.maxMillis())) labels.put(e.name() + "\u0000" + e.method(), e.method() + " " + Redaction.text(e.name()));
        }
        int n = points.size();
        Map<String, Double[][]> byKey = new LinkedHashMap<>();
        for (String key : labels.keySet()) byKey.put(key, new Double[4][n]);
        for (int i = 0; i < n; i++) {
            for (IntervalPoint.Series s : points.get(i).endpoints()) {
                Double[][] v = byKey.get(key(s.tags()));
                if (v == null || s.count() <= 0) continue;
                v[0][i] = s.p50();
                v[1][i] = s.p95();
                v[2][i] = s.p99();
                v[3][i] = s.count();
            }
        }
        Map<String, Double[][]> out = new LinkedHashMap<>();
        labels.forEach((key, label) -> out.put(label, byKey.get(key)));
        return out;
    }
}
