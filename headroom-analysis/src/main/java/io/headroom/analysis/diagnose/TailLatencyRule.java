package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.RunView;
import io.headroom.analysis.Unit;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.SeriesStats.TrendStats;

import java.util.List;
import java.util.Optional;

/** The shape of the latency tail: p95/p50 and p99/p95 ratios, judged only when wide and well sampled. Stateless. */
final class TailLatencyRule implements DiagnosisRule {
    /** Tails narrower than this (p99 − p50) are within scheduler and GC jitter; their ratios do not matter. */
    static final double TAIL_FLOOR_MILLIS = 20;
    /** Requests needed beyond a percentile before its ratio is judged (so p95 needs 200, p99 1000). */
    static final double MIN_TAIL_REQUESTS = 10;

    @Override
    public List<Finding> findings(DiagnosisInput run) {
        return tail(run.view()).stream().toList();
    }

    static Optional<Finding> tail(RunView view) {
        Optional<TrendStats> t = view.trend(BuiltinMetrics.HTTP_REQ_DURATION, Tags.empty());
        if (t.isEmpty() || t.get().count() < MIN_REQUESTS) return Optional.empty();
        double p50 = t.get().percentile(50), p95 = t.get().percentile(95), p99 = t.get().percentile(99);
        if (p50 <= 0 || p95 <= 0) return Optional.empty();
        double r95 = p95 / p50, r99 = p99 / p95;
        // A percentile is judged only with at least ten requests beyond it; fewer make its ratio chance.
        long count = t.get().count();
        boolean judge95 = count >= MIN_TAIL_REQUESTS / 0.05, judge99 = count >= MIN_TAIL_REQUESTS / 0.01;
        Severity severity = Severity.INFO;
        if (judge95) severity = Severity.band(r95, 2, 5);
        if (judge99) severity = Severity.worse(severity, Severity.band(r99, 2, 5));
        boolean belowFloor = p99 - p50 < TAIL_FLOOR_MILLIS;
        if (belowFloor) severity = Severity.INFO;
        List<Evidence> evidence = List.of(new Evidence("p50", p50, Unit.MILLISECONDS), new Evidence("p95", p95, Unit.MILLISECONDS),
                new Evidence("p99", p99, Unit.MILLISECONDS), new Evidence("p95/p50", r95, Unit.RATIO), new Evidence("p99/p95", r99, Unit.RATIO));
        String title = "Tail latency: p95 is " + Numbers.sig3(r95) + "× the median, p99 " + Numbers.sig3(r99) + "× p95";
        String next = switch (severity) {
            case INFO -> belowFloor && Math.max(r95, r99) >= 2
                    ? "The tail is only " + Numbers.sig3(p99 - p50) + " ms wide: within scheduler and GC jitter, nothing to chase."
                    : !judge99 && Math.max(r95, r99) >= 2
                    ? "Too few requests (" + count + ") to judge the tail: p95 needs " + (long) (MIN_TAIL_REQUESTS / 0.05)
                    + ", p99 " + (long) (MIN_TAIL_REQUESTS / 0.01) + " (ten beyond the percentile); run longer."
                    : "Healthy: the slow requests are close to the typical ones.";
            case WARNING -> "Some requests wait much longer than typical ones: look at queueing in pools, GC pauses and "
                    + "cache misses; compare the slowest endpoints (headroom profile shows where time goes).";
            case BAD -> "A small share of requests is far slower than the rest: a stall source (GC pauses, lock "
                    + "contention, a saturated pool, retries or a slow dependency); profile during the test and "
                    + "trace the p99 requests.";
        };
        return Optional.of(Finding.of(Rule.TAIL_LATENCY, severity, title, evidence, next));
    }
}
