package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.GaugeStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;

import java.util.Optional;

/**
 * The run's headline numbers, NaN where the run has none (shown as {@code -}). Latencies in milliseconds,
 * data in bytes; {@code errorRate} is the share of failed requests over {@code failedSamples} requests
 * (0 when the metric exists with no samples). Immutable.
 */
public record KeyNumbers(double requests, double requestsPerSecond, double p50Millis, double p95Millis,
                         double p99Millis, double errorRate, long failedSamples, double dataReceived,
                         double dataSent, double iterations, double maxVus, double durationMillis) {

    static KeyNumbers of(RunResult result) {
        Optional<CounterStats> reqs = counter(result, BuiltinMetrics.HTTP_REQS);
        Optional<TrendStats> duration = Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQ_DURATION)
                .map(s -> s.stats() instanceof TrendStats t && t.count() > 0 ? t : null);
        Optional<RateStats> failed = Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQ_FAILED)
                .map(s -> s.stats() instanceof RateStats r ? r : null);
        double maxVus = Aggregates.aggregate(result, BuiltinMetrics.VUS)
                .map(s -> s.stats() instanceof GaugeStats g ? g.max() : Double.NaN).orElse(Double.NaN);
        return new KeyNumbers(
                reqs.map(CounterStats::count).orElse(Double.NaN),
                reqs.map(CounterStats::ratePerSecond).orElse(Double.NaN),
                duration.map(t -> t.percentile(50)).orElse(Double.NaN),
                duration.map(t -> t.percentile(95)).orElse(Double.NaN),
                duration.map(t -> t.percentile(99)).orElse(Double.NaN),
                failed.map(RateStats::rate).orElse(Double.NaN),
                failed.map(r -> r.passes() + r.fails()).orElse(0L),
                counter(result, BuiltinMetrics.DATA_RECEIVED).map(CounterStats::count).orElse(Double.NaN),
                counter(result, BuiltinMetrics.DATA_SENT).map(CounterStats::count).orElse(Double.NaN),
                counter(result, BuiltinMetrics.ITERATIONS).map(CounterStats::count).orElse(Double.NaN),
                maxVus,
                result.info().duration() == null ? Double.NaN : result.info().duration().toNanos() / 1e6);
    }

    /** The error rate when any request was counted, else NaN. */
    public double measuredErrorRate() {
        return failedSamples > 0 ? errorRate : Double.NaN;
    }

    private static Optional<CounterStats> counter(RunResult result, String metric) {
        return Aggregates.aggregate(result, metric).map(SeriesResult::stats)
                .map(s -> s instanceof CounterStats c ? c : null);
    }
}
