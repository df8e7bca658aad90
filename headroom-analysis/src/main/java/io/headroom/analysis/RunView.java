package io.headroom.analysis;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Read-only lookups over a {@link RunResult} for the analyses: aggregates of a metric, exact merges of
 * tagged series (trends through their HDR histograms), per-endpoint views by the {@code name} tag and
 * per-second interval values. Stateless apart from the wrapped result; thread-safe.
 */
public final class RunView {
    /** The tag that names an endpoint (k6's {@code name}). */
    public static final String ENDPOINT_TAG = "name";

    private final RunResult result;

    public RunView(RunResult result) {
        this.result = result;
    }

    public RunResult result() {
        return result;
    }

    /** Run duration in seconds (at least a millisecond, so rates never divide by zero). */
    public double durationSeconds() {
        return Math.max(1, result.info().duration().toMillis()) / 1000.0;
    }

    /** The trend of {@code metric} over series whose tags contain {@code selector}; empty selector = whole run. */
    public Optional<TrendStats> trend(String metric, Tags selector) {
        Histogram merged = null;
        TrendStats single = null;
        int matched = 0;
        for (SeriesResult s : select(metric, selector)) {
            if (!(s.stats() instanceof TrendStats t)) continue;
            matched++;
            single = t;
            if (merged == null) merged = new Histogram(t.histogram().getNumberOfSignificantValueDigits());
            merged.add(t.histogram());
        }
        if (matched == 0) return Optional.empty();
        if (matched == 1) return Optional.of(single);
        return Optional.of(trendOf(merged));
    }

    /** Passes and fails of a rate metric over the selected series. */
    public Optional<RateStats> rate(String metric, Tags selector) {
        long passes = 0, fails = 0;
        boolean any = false;
        for (SeriesResult s : select(metric, selector)) {
            if (!(s.stats() instanceof RateStats r)) continue;
            any = true;
            passes += r.passes();
            fails += r.fails();
        }
        return any ? Optional.of(new RateStats(passes, fails)) : Optional.empty();
    }

    /** The sum of a counter over the selected series, 0 when absent. */
    public double counter(String metric, Tags selector) {
        double sum = 0;
        for (SeriesResult s : select(metric, selector)) {
            if (s.stats() instanceof CounterStats c) sum += c.count();
        }
        return sum;
    }

    /** Largest value a gauge reached over the run, or 0. */
    public double gaugeMax(String metric) {
        double max = 0;
        for (SeriesResult s : result.series()) {
            if (s.metric().equals(metric) && s.stats() instanceof SeriesStats.GaugeStats g) max = Math.max(max, g.max());
        }
        return max;
    }

    /**
     * The untagged aggregate when the result has one and the selector is empty (never counted twice),
     * else every tagged series matching the selector.
     */
    public List<SeriesResult> select(String metric, Tags selector) {
        List<SeriesResult> tagged = new ArrayList<>();
        for (SeriesResult s : result.series()) {
            if (!s.metric().equals(metric)) continue;
            if (s.tags().isEmpty()) {
                if (selector.isEmpty()) return List.of(s);
                continue;
            }
            if (s.tags().matches(selector)) tagged.add(s);
        }
        return tagged;
    }

    /** Endpoint names (values of the {@code name} tag on {@code http_req_duration}), sorted. */
    public List<String> endpoints() {
        TreeSet<String> names = new TreeSet<>();
        for (SeriesResult s : result.series()) {
            if (s.metric().equals(BuiltinMetrics.HTTP_REQ_DURATION) && s.tags().get(ENDPOINT_TAG) != null) {
                names.add(s.tags().get(ENDPOINT_TAG));
            }
        }
        return List.copyOf(names);
    }

    /** Sums of a counter (or sample counts of a rate/trend) by the value of {@code tagKey}, largest first. */
    public Map<String, Double> countsByTag(String metric, String tagKey, boolean nonZeroOnly) {
        Map<String, Double> counts = new LinkedHashMap<>();
        for (SeriesResult s : result.series()) {
            String value = s.tags().get(tagKey);
            if (!s.metric().equals(metric) || value == null) continue;
            double n = switch (s.stats()) {
                case CounterStats c -> c.count();
                case RateStats r -> nonZeroOnly ? r.passes() : r.passes() + r.fails();
                case TrendStats t -> t.count();
                case SeriesStats.GaugeStats g -> 0;
            };
            counts.merge(value, n, Double::sum);
        }
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (var e : sorted) if (e.getValue() > 0) ordered.put(e.getKey(), e.getValue());
        return ordered;
    }

    /**
     * The untagged per-second series of {@code metric} at every interval point, in time order; points
     * without it are skipped. The engine writes an untagged aggregate for http_reqs, http_req_duration,
     * http_req_failed, iterations and vus; for other metrics the tagged series of a second are summed.
     */
    public List<Sample> perSecond(String metric) {
        List<Sample> samples = new ArrayList<>();
        for (IntervalPoint p : result.intervals()) {
            IntervalPoint.Series aggregate = null;
            MetricKind kind = null;
            double count = 0, sum = 0, last = 0, max = 0;
            boolean any = false;
            for (IntervalPoint.Series s : p.series()) {
                if (!s.metric().equals(metric)) continue;
                if (s.tags().isEmpty()) {
                    aggregate = s;
                    break;
                }
                any = true;
                kind = s.kind();
                count += s.count();
                sum += s.sum();
                last += s.last();
                max = Math.max(max, s.max());
            }
            if (aggregate != null) samples.add(new Sample(p.offsetMillis(), aggregate));
            else if (any) {
                samples.add(new Sample(p.offsetMillis(), new IntervalPoint.Series(metric, kind, Tags.empty(),
                        count, sum, last, 0, 0, 0, 0, max)));
            }
        }
        return samples;
    }

    /**
     * The design effect of the run's request latencies (see {@link io.headroom.analysis.stats.DesignEffect}):
     * clusters are the seconds of the untagged {@code http_req_duration} interval series; 1 without them.
     */
    public double latencyDesignEffect() {
        Optional<TrendStats> all = trend(BuiltinMetrics.HTTP_REQ_DURATION, Tags.empty());
        if (all.isEmpty() || all.get().count() < 2) return 1;
        List<Sample> seconds = perSecond(BuiltinMetrics.HTTP_REQ_DURATION).stream().filter(s -> s.series().count() > 0).toList();
        double[] counts = new double[seconds.size()];
        double[] means = new double[seconds.size()];
        for (int i = 0; i < seconds.size(); i++) {
            counts[i] = seconds.get(i).series().count();
            means[i] = seconds.get(i).series().sum() / counts[i];
        }
        double sd = all.get().histogram().getStdDeviation() / TrendStats.HISTOGRAM_SCALE;
        return io.headroom.analysis.stats.DesignEffect.of(counts, means, sd * sd);
    }

    /** One second of one series; {@code offsetMillis} is the end of the second relative to the run start. */
    public record Sample(long offsetMillis, IntervalPoint.Series series) {}

    /** Trend statistics derived from a histogram (values ×{@link TrendStats#HISTOGRAM_SCALE}). */
    public static TrendStats trendOf(Histogram h) {
        double s = TrendStats.HISTOGRAM_SCALE;
        long n = h.getTotalCount();
        if (n == 0) return new TrendStats(0, 0, 0, 0, 0, 0, 0, 0, 0, h);
        return new TrendStats(n, h.getMinValue() / s, h.getMaxValue() / s, h.getMean() / s,
                h.getValueAtPercentile(50) / s, h.getValueAtPercentile(90) / s, h.getValueAtPercentile(95) / s,
                h.getValueAtPercentile(99) / s, h.getValueAtPercentile(99.9) / s, h);
    }
}
