package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.threshold.ThresholdExpr;
import io.headroom.core.threshold.ThresholdOperator;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Gatling's response-time ranges: how many successful requests took less than the first bound, between the
 * bounds, and at least the last one, and how many failed. The bounds are the limits of the plan's
 * {@code http_req_duration} thresholds on the whole metric that cap a time ({@code p(95)<500} gives 500 ms;
 * {@code avg}, {@code med}, {@code max} and {@code p(N)} with {@code <} or {@code <=}), else Gatling's
 * 800 ms and 1,200 ms. Successful requests are the {@code http_req_duration} series not tagged
 * {@code expected_response:false}; failed ones are counted by {@code http_req_failed}. Values come from
 * the HDR histograms (3 significant digits), so a request within 0.1 % of a bound may fall on either side.
 * Series without the {@code expected_response} tag (summaries of older versions) count as successful, so
 * there a failed request is counted in its time range too.
 * Immutable.
 *
 * @param boundsMillis ascending, at least one
 * @param counts       one per range: {@code boundsMillis.size() + 1} of successful requests, then the failed
 * @param fromThresholds whether the bounds came from the plan's thresholds
 */
public record ResponseTimeRanges(List<Double> boundsMillis, List<Long> counts, boolean fromThresholds) {
    /** Gatling's default bounds, in milliseconds. */
    public static final List<Double> GATLING_BOUNDS = List.of(800.0, 1200.0);

    public ResponseTimeRanges {
        boundsMillis = List.copyOf(boundsMillis);
        counts = List.copyOf(counts);
        if (boundsMillis.isEmpty() || counts.size() != boundsMillis.size() + 2) throw new IllegalArgumentException("bad ranges");
    }

    /** The labels of the ranges, in order: {@code < 800ms}, {@code 800ms – 1.2s}, {@code ≥ 1.2s}, {@code failed}. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        labels.add("< " + Units.duration(boundsMillis.get(0)));
        for (int i = 1; i < boundsMillis.size(); i++) {
            labels.add(Units.duration(boundsMillis.get(i - 1)) + " – " + Units.duration(boundsMillis.get(i)));
        }
        labels.add("≥ " + Units.duration(boundsMillis.get(boundsMillis.size() - 1)));
        labels.add("failed");
        return labels;
    }

    /** All requests counted: successful and failed. */
    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    /** The ranges of {@code result}. */
    public static ResponseTimeRanges of(RunResult result) {
        TreeSet<Double> fromPlan = new TreeSet<>();
        for (ThresholdResult t : result.thresholds()) {
            if (!t.spec().metric().equals(BuiltinMetrics.HTTP_REQ_DURATION) || !t.spec().selector().tags().isEmpty()) continue;
            ThresholdExpr e = t.spec().expr();
            boolean capsATime = e instanceof ThresholdExpr.Percentile || e instanceof ThresholdExpr.Avg
                    || e instanceof ThresholdExpr.Med || e instanceof ThresholdExpr.Max;
            boolean upper = e.operator() == ThresholdOperator.LESS || e.operator() == ThresholdOperator.LESS_OR_EQUAL;
            if (capsATime && upper && e.bound() > 0) fromPlan.add(e.bound());
        }
        List<Double> bounds = fromPlan.isEmpty() ? GATLING_BOUNDS : List.copyOf(fromPlan);

        long[] counts = new long[bounds.size() + 2];
        List<TrendStats> ok = new ArrayList<>();
        boolean anyTagged = false;
        long failed = 0;
        for (SeriesResult s : result.series()) {
            if (s.metric().equals(BuiltinMetrics.HTTP_REQ_DURATION) && !s.tags().isEmpty() && s.stats() instanceof TrendStats t) {
                anyTagged = true;
                if (!"false".equals(s.tags().get("expected_response"))) ok.add(t);
            } else if (s.metric().equals(BuiltinMetrics.HTTP_REQ_FAILED) && s.tags().isEmpty() && s.stats() instanceof RateStats r) {
                failed = r.passes();
            }
        }
        if (!anyTagged) {
            Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQ_DURATION)
                    .filter(s -> s.stats() instanceof TrendStats).ifPresent(s -> ok.add((TrendStats) s.stats()));
        }
        for (TrendStats t : ok) {
            Histogram h = t.histogram();
            if (h == null) continue;
            for (HistogramIterationValue v : h.recordedValues()) {
                double millis = h.medianEquivalentValue(v.getValueIteratedTo()) / TrendStats.HISTOGRAM_SCALE;
                int range = 0;
                while (range < bounds.size() && millis >= bounds.get(range)) range++;
                counts[range] += v.getCountAtValueIteratedTo();
            }
        }
        counts[bounds.size() + 1] = failed;
        List<Long> list = new ArrayList<>();
        for (long c : counts) list.add(c);
        return new ResponseTimeRanges(bounds, list, !fromPlan.isEmpty());
    }
}
