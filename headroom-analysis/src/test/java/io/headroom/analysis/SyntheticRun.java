package io.headroom.analysis;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/** Builds synthetic {@link RunResult}s with known distributions for the statistics tests. */
public final class SyntheticRun {
    private final String name;
    private final List<SeriesResult> series = new ArrayList<>();
    private final List<IntervalPoint> intervals = new ArrayList<>();
    private final List<RunInfo.ScenarioInfo> scenarios = new ArrayList<>();
    private Duration duration = Duration.ofSeconds(10);
    private RunOutcome outcome = RunOutcome.COMPLETED;
    private final List<ThresholdResult> thresholds = new ArrayList<>();
    private final Map<String, String> metadata = new java.util.LinkedHashMap<>();
    private GeneratorHealth health = GeneratorHealth.NOT_MEASURED;

    public SyntheticRun(String name) {
        this.name = name;
    }

    /** A lognormal latency sample: median in ms, sigma of the log. */
    public static Histogram lognormalMillis(long seed, int n, double medianMillis, double sigma) {
        SplittableRandom rng = new SplittableRandom(seed);
        return histogram(n, () -> medianMillis * Math.exp(sigma * gaussian(rng)));
    }

    public static Histogram histogram(int n, DoubleSupplier millis) {
        Histogram h = new Histogram(3);
        for (int i = 0; i < n; i++) h.recordValue(Math.max(1, Math.round(millis.getAsDouble() * 1000)));
        return h;
    }

    public static double gaussian(SplittableRandom rng) {
        // Box–Muller, spelled out so that the draws do not depend on the JDK's nextGaussian algorithm.
        double u1 = rng.nextDouble(), u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    public SyntheticRun duration(Duration d) {
        this.duration = d;
        return this;
    }

    public SyntheticRun latency(Tags tags, Histogram h) {
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, tags, RunView.trendOf(h)));
        return this;
    }

    public SyntheticRun trend(String metric, Tags tags, Histogram h) {
        series.add(new SeriesResult(metric, MetricKind.TREND, ValueType.TIME, tags, RunView.trendOf(h)));
        return this;
    }

    public SyntheticRun failures(Tags tags, long failed, long ok) {
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT, tags,
                new SeriesStats.RateStats(failed, ok)));
        return this;
    }

    public SyntheticRun counter(String metric, Tags tags, double count) {
        series.add(new SeriesResult(metric, MetricKind.COUNTER, ValueType.DEFAULT, tags,
                new SeriesStats.CounterStats(count, count / (duration.toMillis() / 1000.0))));
        return this;
    }

    public SyntheticRun gauge(String metric, double last, double max) {
        series.add(new SeriesResult(metric, MetricKind.GAUGE, ValueType.DEFAULT, Tags.empty(),
                new SeriesStats.GaugeStats(last, 0, max)));
        return this;
    }

    public SyntheticRun checks(long passes, long fails) {
        series.add(new SeriesResult(BuiltinMetrics.CHECKS, MetricKind.RATE, ValueType.DEFAULT, Tags.empty(),
                new SeriesStats.RateStats(passes, fails)));
        return this;
    }

    public SyntheticRun scenario(String executor, boolean open, int maxVus, long iterations, long dropped) {
        scenarios.add(new RunInfo.ScenarioInfo("s" + scenarios.size(), executor, open, maxVus, iterations, dropped));
        return this;
    }

    /** A scenario with a name of its own. */
    public SyntheticRun scenario(String scenarioName, String executor, boolean open, int maxVus) {
        scenarios.add(new RunInfo.ScenarioInfo(scenarioName, executor, open, maxVus, 0, 0));
        return this;
    }

    /** One entry of the run's metadata. */
    public SyntheticRun metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Marks the run invalid (its generator was the bottleneck) for {@code reason}. */
    public SyntheticRun invalid(String reason) {
        health = new GeneratorHealth(true, 0, 0, 0, 0, 0, 0, 17, 2, List.of(reason));
        return this;
    }

    /** One second: requests, active VUs, mean and p95 latency in ms, failed requests. */
    public SyntheticRun second(double requests, double vus, double meanMillis, double p95Millis, double failed) {
        return second(1000, requests, vus, meanMillis, p95Millis, failed);
    }

    /** As {@link #second(double, double, double, double, double)}, for an interval of {@code millis}. */
    public SyntheticRun second(long millis, double requests, double vus, double meanMillis, double p95Millis, double failed) {
        long offset = (intervals.isEmpty() ? 0 : intervals.get(intervals.size() - 1).offsetMillis()) + millis;
        intervals.add(new IntervalPoint(offset, List.of(
                new IntervalPoint.Series(BuiltinMetrics.HTTP_REQS, MetricKind.COUNTER, Tags.empty(), requests, 0, 0, 0, 0, 0, 0, 0),
                new IntervalPoint.Series(BuiltinMetrics.VUS, MetricKind.GAUGE, Tags.empty(), 0, 0, vus, vus, 0, 0, 0, vus),
                new IntervalPoint.Series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, Tags.empty(), requests,
                        meanMillis * requests, 0, 0, meanMillis, p95Millis, p95Millis, p95Millis),
                new IntervalPoint.Series(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, Tags.empty(), requests, failed,
                        0, 0, 0, 0, 0, 0))));
        return this;
    }

    /** Marks the run as stopped by {@code selector expression}, crossed with {@code actual}. */
    public SyntheticRun abortedBy(String selector, String expression, double actual) {
        outcome = RunOutcome.ABORTED_BY_THRESHOLD;
        thresholds.add(new ThresholdResult(ThresholdSpec.parse(selector, expression,
                true, Duration.ZERO), new ThresholdVerdict.Crossed(actual)));
        return this;
    }

    public RunResult build() {
        List<CheckResult> checks = List.of();
        return new RunResult(new RunInfo(name, Instant.parse("2026-01-01T00:00:00Z"), duration, scenarios, metadata),
                outcome, series, checks, thresholds, intervals, health);
    }
}
