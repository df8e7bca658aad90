package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.GaugeStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** Hand-built run results with known values, for golden and arithmetic tests. */
final class SampleResults {
    static final Instant STARTED_AT = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration RUN_DURATION = Duration.ofSeconds(30);

    static final Tags LOGIN_BUY = Tags.of("method", "POST", "name", "/login", "scenario", "buy", "status", "200");
    static final Tags PRODUCTS_BROWSE = Tags.of("method", "GET", "name", "/products", "scenario", "browse", "status", "200");
    static final Tags PRODUCTS_BUY = Tags.of("method", "GET", "name", "/products", "scenario", "buy", "status", "200");

    private SampleResults() {}

    /** A histogram of values given in microseconds (so the scale of {@link TrendStats#HISTOGRAM_SCALE}). */
    static Histogram histogram(long... micros) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (long v : micros) h.recordValue(v);
        return h;
    }

    /** Microseconds {@code from}..{@code to} inclusive, one sample each. */
    static long[] range(long fromMicros, long toMicros) {
        return LongStream.rangeClosed(fromMicros, toMicros).toArray();
    }

    /** Trend stats as the engine derives them: every field from the histogram. */
    static TrendStats trend(Histogram h) {
        double s = TrendStats.HISTOGRAM_SCALE;
        if (h.getTotalCount() == 0) return new TrendStats(0, 0, 0, 0, 0, 0, 0, 0, 0, h);
        return new TrendStats(h.getTotalCount(), h.getMinValue() / s, h.getMaxValue() / s, h.getMean() / s,
                h.getValueAtPercentile(50) / s, h.getValueAtPercentile(90) / s, h.getValueAtPercentile(95) / s,
                h.getValueAtPercentile(99) / s, h.getValueAtPercentile(99.9) / s, h);
    }

    static Histogram sum(Histogram... parts) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (Histogram p : parts) h.add(p);
        return h;
    }

    static SeriesResult series(String metric, MetricKind kind, ValueType type, Tags tags,
                               io.headroom.core.metric.SeriesStats stats) {
        return new SeriesResult(metric, kind, type, tags, stats);
    }

    static RunInfo info(String name) {
        return new RunInfo(name, STARTED_AT, RUN_DURATION, List.of(
                new RunInfo.ScenarioInfo("browse", "constant-vus", false, 10, 600, 0),
                new RunInfo.ScenarioInfo("buy", "constant-arrival-rate", true, 20, 300, 2)),
                Map.of("plan", "plans/checkout.yaml", "target", "http://127.0.0.1:8080"));
    }

    /**
     * A realistic run: two endpoints (one served to two scenarios), built-in HTTP, execution and network
     * metrics with microsecond, millisecond and second values, a custom trend and counter, checks in the
     * root and in a group, and thresholds that held, crossed and found no data.
     */
    static RunResult checkoutRun(RunOutcome outcome) {
        // /login: 100 requests, 1.001..1.100 ms. /products: browse 1.001..1.100 ms, buy 1.101..1.200 ms.
        Histogram login = histogram(range(1_001, 1_100));
        Histogram productsBrowse = histogram(range(1_001, 1_100));
        Histogram productsBuy = histogram(range(1_101, 1_200));
        Histogram allDurations = sum(login, productsBrowse, productsBuy);
        Histogram blocked = histogram(2, 3, 4, 5, 512, 80_000);
        Histogram iterations = histogram(1_500_000, 1_600_000, 2_100_000, 2_400_000);
        Histogram cartSize = histogram(1_000, 2_000, 3_000, 7_000);

        List<SeriesResult> series = new ArrayList<>();
        series.add(series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, Tags.empty(), trend(allDurations)));
        series.add(series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, LOGIN_BUY, trend(login)));
        series.add(series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, PRODUCTS_BROWSE, trend(productsBrowse)));
        series.add(series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, PRODUCTS_BUY, trend(productsBuy)));
        series.add(series(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT, Tags.empty(), new RateStats(5, 295)));
        series.add(series(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT, LOGIN_BUY, new RateStats(3, 97)));
        series.add(series(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT, PRODUCTS_BROWSE, new RateStats(2, 98)));
        series.add(series(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT, PRODUCTS_BUY, new RateStats(0, 100)));
        series.add(series(BuiltinMetrics.HTTP_REQS, MetricKind.COUNTER, ValueType.DEFAULT, Tags.empty(), new CounterStats(300, 10)));
        series.add(series(BuiltinMetrics.HTTP_REQ_BLOCKED, MetricKind.TREND, ValueType.TIME, Tags.empty(), trend(blocked)));
        series.add(series(BuiltinMetrics.ITERATIONS, MetricKind.COUNTER, ValueType.DEFAULT, Tags.empty(), new CounterStats(900, 30)));
        series.add(series(BuiltinMetrics.ITERATION_DURATION, MetricKind.TREND, ValueType.TIME, Tags.empty(), trend(iterations)));
        series.add(series(BuiltinMetrics.DROPPED_ITERATIONS, MetricKind.COUNTER, ValueType.DEFAULT, Tags.empty(), new CounterStats(2, 2 / 30.0)));
        series.add(series(BuiltinMetrics.VUS, MetricKind.GAUGE, ValueType.DEFAULT, Tags.empty(), new GaugeStats(0, 0, 30)));
        series.add(series(BuiltinMetrics.VUS_MAX, MetricKind.GAUGE, ValueType.DEFAULT, Tags.empty(), new GaugeStats(30, 30, 30)));
        series.add(series(BuiltinMetrics.CHECKS, MetricKind.RATE, ValueType.DEFAULT, Tags.empty(), new RateStats(385, 15)));
        series.add(series(BuiltinMetrics.DATA_RECEIVED, MetricKind.COUNTER, ValueType.DATA, Tags.empty(), new CounterStats(118_000, 118_000 / 30.0)));
        series.add(series(BuiltinMetrics.DATA_SENT, MetricKind.COUNTER, ValueType.DATA, Tags.empty(), new CounterStats(12_000, 400)));
        series.add(series("cart_size", MetricKind.TREND, ValueType.DEFAULT, Tags.empty(), trend(cartSize)));
        series.add(series("orders_placed", MetricKind.COUNTER, ValueType.DEFAULT, Tags.empty(), new CounterStats(42, 1.4)));

        List<CheckResult> checks = List.of(
                new CheckResult("logged in", "", 100, 0),
                new CheckResult("listed", "", 185, 15),
                new CheckResult("paid", "::checkout", 100, 0));

        List<ThresholdResult> thresholds = List.of(
                new ThresholdResult(ThresholdSpec.of("http_req_duration", "p(95)<500"), new ThresholdVerdict.Held(1.19)),
                new ThresholdResult(ThresholdSpec.parse("http_req_failed", "rate<0.01", true, Duration.ofSeconds(10)),
                        new ThresholdVerdict.Crossed(5 / 300.0)),
                new ThresholdResult(ThresholdSpec.of("http_req_duration{name:/login}", "p(99)<100"),
                        new ThresholdVerdict.Held(1.099)),
                new ThresholdResult(ThresholdSpec.of("http_req_duration{name:/missing}", "p(99)<100"),
                        new ThresholdVerdict.Held(0, true)),
                new ThresholdResult(ThresholdSpec.of("http_reqs", "count>100"), new ThresholdVerdict.Held(300)));

        List<IntervalPoint> intervals = List.of(
                new IntervalPoint(1_000, List.of(
                        new IntervalPoint.Series("http_reqs", MetricKind.COUNTER, Tags.empty(), 10, 0, 0, 0, 0, 0, 0, 0),
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, Tags.empty(), 10, 11.5, 0, 1.001, 1.05, 1.09, 1.1, 1.1),
                        new IntervalPoint.Series("vus", MetricKind.GAUGE, Tags.empty(), 0, 0, 10, 0, 0, 0, 0, 10))),
                new IntervalPoint(2_000, List.of(
                        new IntervalPoint.Series("http_reqs", MetricKind.COUNTER, Tags.empty(), 12, 0, 0, 0, 0, 0, 0, 0),
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, Tags.empty(), 12, 13.25, 0, 1.002, 1.1, 1.15, 1.2, 1.2),
                        new IntervalPoint.Series("http_req_failed", MetricKind.RATE, Tags.of("name", "/login"), 12, 1, 0, 0, 0, 0, 0, 0),
                        new IntervalPoint.Series("vus", MetricKind.GAUGE, Tags.empty(), 0, 0, 20, 10, 0, 0, 0, 20))),
                new IntervalPoint(3_000, List.of(
                        new IntervalPoint.Series("http_reqs", MetricKind.COUNTER, Tags.empty(), 0, 0, 0, 0, 0, 0, 0, 0),
                        new IntervalPoint.Series("vus", MetricKind.GAUGE, Tags.empty(), 0, 0, 0, 0, 0, 0, 0, 20))));

        return new RunResult(info("checkout-load"), outcome, series, checks, thresholds, intervals);
    }

    /** A small run for the golden JSON: one series of each kind, one threshold of each verdict, two seconds. */
    static RunResult smallRun() {
        Histogram durations = histogram(1_000, 1_500, 2_000, 250_000);
        List<SeriesResult> series = List.of(
                series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, Tags.empty(), trend(durations)),
                series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME,
                        Tags.of("name", "/", "method", "GET"), trend(durations)),
                series(BuiltinMetrics.HTTP_REQS, MetricKind.COUNTER, ValueType.DEFAULT, Tags.empty(), new CounterStats(4, 2)),
                series(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT, Tags.empty(), new RateStats(1, 3)),
                series(BuiltinMetrics.VUS, MetricKind.GAUGE, ValueType.DEFAULT, Tags.empty(), new GaugeStats(1, 0, 2)));
        List<ThresholdResult> thresholds = List.of(
                new ThresholdResult(ThresholdSpec.of("http_req_duration", "p(95)<200"), new ThresholdVerdict.Crossed(250.111)),
                new ThresholdResult(ThresholdSpec.of("http_req_failed", "rate<0.5"), new ThresholdVerdict.Held(0.25)),
                new ThresholdResult(ThresholdSpec.parse("http_req_failed{name:/x}", "rate<0.1", true, Duration.ofMillis(1500)),
                        new ThresholdVerdict.NoData()),
                new ThresholdResult(ThresholdSpec.of("http_reqs{name:/x}", "count>0"), new ThresholdVerdict.Crossed(0, true)));
        List<IntervalPoint> intervals = List.of(
                new IntervalPoint(1_000, List.of(
                        new IntervalPoint.Series("http_reqs", MetricKind.COUNTER, Tags.empty(), 3, 0, 0, 0, 0, 0, 0, 0),
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, Tags.empty(), 3, 4.5, 0, 1, 1.5, 2, 2, 2))),
                new IntervalPoint(2_000, List.of(
                        new IntervalPoint.Series("http_reqs", MetricKind.COUNTER, Tags.empty(), 1, 0, 0, 0, 0, 0, 0, 0),
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, Tags.empty(), 1, 250, 0, 250, 250, 250, 250, 250),
                        new IntervalPoint.Series("vus", MetricKind.GAUGE, Tags.empty(), 0, 0, 1, 0, 0, 0, 0, 2))));
        RunInfo info = new RunInfo("smoke", STARTED_AT, Duration.ofNanos(2_000_000_500L),
                List.of(new RunInfo.ScenarioInfo("default", "per-vu-iterations", false, 2, 4, 0)),
                Map.of("plan", "smoke.yaml"));
        return new RunResult(info, RunOutcome.COMPLETED, series, List.of(new CheckResult("status is 200", "", 3, 1)),
                thresholds, intervals);
    }

    /** A run that made no request and recorded nothing. */
    static RunResult emptyRun(RunOutcome outcome) {
        RunInfo info = new RunInfo("nothing", STARTED_AT, Duration.ofMillis(1_200),
                List.of(new RunInfo.ScenarioInfo("default", "constant-vus", false, 1, 0, 0)), Map.of());
        return new RunResult(info, outcome, List.of(), List.of(),
                List.of(new ThresholdResult(ThresholdSpec.of("http_req_duration", "p(95)<500"), new ThresholdVerdict.Held(0, true))),
                List.of());
    }
}
