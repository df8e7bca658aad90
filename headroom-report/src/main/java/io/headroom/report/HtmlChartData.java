package io.headroom.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesStats.TrendStats;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTML report's chart data: per-second series and the latency spectrum, numbers only plus error-code and
 * scenario labels, as JSON safe inside a {@code <script>} element. Stateless and thread-safe.
 */
final class HtmlChartData {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** HdrHistogram's percentile iteration: points per halving of the distance to 100%. */
    private static final int SPECTRUM_TICKS_PER_HALF_DISTANCE = 5;
    /** Bars of the response-time distribution, evenly spaced from the fastest to the slowest request (as Gatling's). */
    static final int DISTRIBUTION_BARS = 40;
    /** Endpoints drawn in the per-endpoint latency chart: the busiest ones, one colour each. */
    static final int ENDPOINT_LINES = 8;

    private HtmlChartData() {}

    /**
     * JSON safe inside a {@code <script>} element: no {@code <}, {@code >} or {@code &} can close the
     * element or open a comment, and U+2028/U+2029 cannot end a line in older JavaScript parsers. These
     * characters only occur inside JSON strings, where the {@code \\u} escapes read back the same.
     */
    static String scriptSafeJson(Object value) {
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is not serialisable", e);
        }
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** Time series and spectrum for the charts; numbers only, plus error-code labels. */
    static Map<String, Object> of(RunResult result) {
        List<IntervalPoint> points = result.intervals();
        int n = points.size();
        Double[] seconds = new Double[n];
        Double[] vus = new Double[n], rps = new Double[n], p50 = new Double[n], p95 = new Double[n],
                p99 = new Double[n], max = new Double[n], errorRate = new Double[n];
        Map<String, Double[]> errorsByCode = new TreeMap<>();
        Map<String, Double[]> iterationsByScenario = new TreeMap<>();
        Double[] lagP95 = new Double[n], dropped = new Double[n];
        List<Integer> slivers = new ArrayList<>();
        long previousMillis = 0;
        // The run's --tag values are on every sample: a scenario's own series carries them beside its name.
        Map<String, String> runTags = new TreeMap<>();
        result.info().metadata().forEach((k, v) -> {
            if (k.startsWith("tag.")) runTags.put(k.substring(4), v);
        });
        for (int i = 0; i < n; i++) {
            IntervalPoint p = points.get(i);
            seconds[i] = p.offsetMillis() / 1000.0;
            double lengthSeconds = Math.max(0.001, (p.offsetMillis() - previousMillis) / 1000.0);
            previousMillis = p.offsetMillis();
            double reqs = 0, failedSamples = 0, failed = 0;
            boolean haveReqs = false, haveFailed = false;
            double droppedAggregate = -1, droppedParts = 0;
            for (IntervalPoint.Series s : p.series()) {
                boolean aggregate = s.tags().isEmpty();
                switch (s.metric()) {
                    case BuiltinMetrics.VUS -> {
                        if (aggregate) vus[i] = s.max();
                    }
                    case BuiltinMetrics.HTTP_REQS -> {
                        if (aggregate) {
                            reqs = s.count();
                            haveReqs = true;
                        }
                    }
                    case BuiltinMetrics.HTTP_REQ_DURATION -> {
                        if (aggregate && s.count() > 0) {
                            p50[i] = s.p50();
                            p95[i] = s.p95();
                            p99[i] = s.p99();
                            max[i] = s.max();
                        }
                    }
                    case BuiltinMetrics.HTTP_REQ_FAILED -> {
                        if (aggregate) {
                            failedSamples = s.count();
                            failed = s.sum();
                            haveFailed = true;
                        } else if (s.sum() > 0) {
                            Double[] series = errorsByCode.computeIfAbsent(ErrorGroup.label(s.tags()), k -> new Double[n]);
                            series[i] = (series[i] == null ? 0 : series[i]) + s.sum() / lengthSeconds;
                        }
                    }
                    case BuiltinMetrics.ITERATIONS -> {
                        String scenario = s.tags().get("scenario");
                        if (scenario != null && onlyScenarioAndRunTags(s.tags().asMap(), runTags)) {
                            iterationsByScenario.computeIfAbsent(scenario, k -> new Double[n])[i] = s.count() / lengthSeconds;
                        }
                    }
                    case BuiltinMetrics.SCHEDULE_LAG -> {
                        if (s.count() > 0) lagP95[i] = lagP95[i] == null ? s.p95() : Math.max(lagP95[i], s.p95());
                    }
                    case BuiltinMetrics.DROPPED_ITERATIONS -> {
                        // The aggregate when there is one, else the sum of the tagged parts.
                        if (aggregate) droppedAggregate = s.count();
                        else droppedParts += s.count();
                    }
                    default -> {
                    }
                }
            }
            dropped[i] = droppedAggregate >= 0 ? droppedAggregate : droppedParts;
            rps[i] = haveReqs ? reqs / lengthSeconds : 0.0;
            errorRate[i] = haveFailed && failedSamples > 0 ? failed / failedSamples : 0.0;
            // A final sliver of a second (the run's last few ms) would divide a handful of requests by
            // almost nothing; leave it out of the rates rather than draw a spike or a drop that never happened.
            if (lengthSeconds < 0.25) slivers.add(i);
        }
        for (Double[] series : errorsByCode.values()) {
            for (int i = 0; i < n; i++) if (series[i] == null) series[i] = 0.0;
        }
        for (Double[] series : iterationsByScenario.values()) {
            for (int i = 0; i < n; i++) if (series[i] == null) series[i] = 0.0;
        }
        for (int i : slivers) {
            rps[i] = null;
            errorRate[i] = null;
            dropped[i] = null;
            for (Double[] series : errorsByCode.values()) series[i] = null;
            for (Double[] series : iterationsByScenario.values()) series[i] = null;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seconds", seconds);
        data.put("vus", vus);
        data.put("rps", rps);
        data.put("p50", p50);
        data.put("p95", p95);
        data.put("p99", p99);
        data.put("max", max);
        data.put("errorRate", errorRate);
        List<Map<String, Object>> codes = new ArrayList<>();
        errorsByCode.forEach((code, values) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", code);
            m.put("values", values);
            codes.add(m);
        });
        data.put("errorsByCode", codes);
        List<Map<String, Object>> scenarios = new ArrayList<>();
        iterationsByScenario.forEach((scenario, values) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", scenario);
            m.put("values", values);
            scenarios.add(m);
        });
        data.put("iterationsByScenario", scenarios);
        data.put("scheduleLagP95", lagP95);
        data.put("dropped", dropped);
        data.put("spectrum", spectrum(result));
        data.put("distribution", distribution(result));
        List<Map<String, Object>> endpointMeans = new ArrayList<>();
        EndpointDetail.meanOverTime(result, EndpointSummary.of(result), ENDPOINT_LINES).forEach((endpoint, values) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", endpoint);
            m.put("values", values);
            endpointMeans.add(m);
        });
        data.put("endpointMeans", endpointMeans);
        List<Map<String, Object>> endpointPercentiles = new ArrayList<>();
        EndpointDetail.percentilesOverTime(result, EndpointSummary.of(result), ENDPOINT_LINES).forEach((endpoint, v) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", endpoint);
            m.put("p50", v[0]);
            m.put("p95", v[1]);
            m.put("p99", v[2]);
            m.put("requests", v[3]);
            endpointPercentiles.add(m);
        });
        data.put("endpointPercentiles", endpointPercentiles);
        data.put("timing", timing(points));
        return data;
    }

    /**
     * The mean of each HTTP timing phase ({@link EndpointDetail#PHASES}) in each second, in milliseconds: exact, the
     * second's sum over its count, of the aggregate series (of the tagged ones summed where a point has no aggregate);
     * null in a second without a sample. Phases never recorded are left out.
     */
    private static List<Map<String, Object>> timing(List<IntervalPoint> points) {
        int n = points.size();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int k = 0; k < EndpointDetail.PHASES.size(); k++) {
            String phase = EndpointDetail.PHASES.get(k);
            Double[] means = new Double[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                double aggSum = 0, aggCount = 0, partSum = 0, partCount = 0;
                for (IntervalPoint.Series s : points.get(i).series()) {
                    if (!s.metric().equals(phase)) continue;
                    if (s.tags().isEmpty()) {
                        aggSum += s.sum();
                        aggCount += s.count();
                    } else {
                        partSum += s.sum();
                        partCount += s.count();
                    }
                }
                double sum = aggCount > 0 ? aggSum : partSum, count = aggCount > 0 ? aggCount : partCount;
                if (count > 0) {
                    means[i] = sum / count;
                    any = true;
                }
            }
            if (!any) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phase", EndpointDetail.PHASE_LABELS.get(k));
            m.put("values", means);
            out.add(m);
        }
        return out;
    }

    private static boolean onlyScenarioAndRunTags(Map<String, String> tags, Map<String, String> runTags) {
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (!t.getKey().equals("scenario") && !t.getValue().equals(runTags.get(t.getKey()))) return false;
        }
        return true;
    }

    /**
     * The response-time distribution of {@code http_req_duration} (every request, as the spectrum):
     * {@link #DISTRIBUTION_BARS} bars of equal width from the smallest to the largest value, x the bar's middle
     * in milliseconds, y its requests, from the HDR histogram.
     */
    private static Map<String, Object> distribution(RunResult result) {
        List<Double> x = new ArrayList<>();
        List<Long> y = new ArrayList<>();
        Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQ_DURATION)
                .map(s -> s.stats() instanceof TrendStats t ? t : null)
                .filter(t -> t.count() > 0 && t.histogram() != null)
                .ifPresent(t -> {
                    Histogram h = t.histogram();
                    double scale = TrendStats.HISTOGRAM_SCALE;
                    double min = h.getMinValue() / scale, max = h.highestEquivalentValue(h.getMaxValue()) / scale;
                    double width = Math.max((max - min) / DISTRIBUTION_BARS, 1e-3);
                    long[] counts = new long[DISTRIBUTION_BARS];
                    for (HistogramIterationValue v : h.recordedValues()) {
                        double millis = h.medianEquivalentValue(v.getValueIteratedTo()) / scale;
                        int bar = (int) Math.min(DISTRIBUTION_BARS - 1, Math.max(0, Math.floor((millis - min) / width)));
                        counts[bar] += v.getCountAtValueIteratedTo();
                    }
                    for (int i = 0; i < DISTRIBUTION_BARS; i++) {
                        x.add(min + (i + 0.5) * width);
                        y.add(counts[i]);
                    }
                });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x);
        m.put("y", y);
        return m;
    }

    /**
     * The latency percentile spectrum of {@code http_req_duration}: x = 1 / (1 − percentile), so that
     * 90%, 99%, 99.9% are evenly spaced on a log axis, as HdrHistogram's plots show them.
     */
    private static Map<String, Object> spectrum(RunResult result) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQ_DURATION)
                .map(s -> s.stats() instanceof TrendStats t ? t : null)
                .filter(t -> t.count() > 0 && t.histogram() != null)
                .ifPresent(t -> {
                    Histogram h = t.histogram();
                    for (HistogramIterationValue v : h.percentiles(SPECTRUM_TICKS_PER_HALF_DISTANCE)) {
                        double percentile = v.getPercentileLevelIteratedTo();
                        if (percentile >= 100.0) break;
                        x.add(1.0 / (1.0 - percentile / 100.0));
                        y.add(h.highestEquivalentValue(v.getValueIteratedTo()) / TrendStats.HISTOGRAM_SCALE);
                    }
                });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x);
        m.put("y", y);
        return m;
    }
}
