package io.headroom.core.metric;

import io.headroom.core.time.ManualClock;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MetricRegistryTest {
    private final ManualClock clock = new ManualClock();
    private final MetricRegistry registry = new MetricRegistry(clock);

    @Test
    void recordingFromManyVirtualThreadsGivesExactCounts() throws Exception {
        CounterSeries reqs = registry.counter("http_reqs", ValueType.DEFAULT, Tags.of("name", "a"));
        RateSeries failed = registry.rate("http_req_failed", Tags.of("name", "a"));
        TrendSeries duration = registry.trend("http_req_duration", ValueType.TIME, Tags.of("name", "a"));
        int threads = 200, perThread = 5_000;
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    reqs.add(1);
                    failed.add(i % 4 == 0);
                    duration.recordNanos(1_000_000L * (1 + i % 100));
                    // also resolve series concurrently: one series per key, whoever asks first
                    registry.counter("custom_hits", ValueType.DEFAULT, Tags.of("shard", Integer.toString(i % 3))).add(1);
                }
            }));
            if (t == threads / 2) registry.closeInterval(); // an interval closing mid-flight must lose nothing
        }
        for (Thread t : started) t.join();
        clock.advanceMillis(1000);
        registry.closeInterval();

        long total = (long) threads * perThread;
        assertThat(((SeriesStats.CounterStats) registry.aggregate("http_reqs", Tags.empty()).orElseThrow()).count()).isEqualTo(total);
        SeriesStats.RateStats rate = (SeriesStats.RateStats) registry.aggregate("http_req_failed", Tags.empty()).orElseThrow();
        assertThat(rate.passes()).isEqualTo(total / 4);
        assertThat(rate.fails()).isEqualTo(total - total / 4);
        SeriesStats.TrendStats trend = (SeriesStats.TrendStats) registry.aggregate("http_req_duration", Tags.empty()).orElseThrow();
        assertThat(trend.count()).isEqualTo(total);
        // the exact side loses nothing either: whole milliseconds add exactly in doubles
        assertThat(trend.min()).isEqualTo(1);
        assertThat(trend.max()).isEqualTo(100);
        assertThat(trend.sum()).isEqualTo(threads * (perThread / 100) * 5050.0);
        assertThat(trend.avg()).isEqualTo(50.5);
        assertThat(trend.exactValues()).isEmpty();
        assertThat(((SeriesStats.CounterStats) registry.aggregate("custom_hits", Tags.empty()).orElseThrow()).count()).isEqualTo(total);
        assertThat(registry.seriesCount()).isEqualTo(3 + 3);
    }

    @Test
    void trendPercentilesAreWithinHistogramPrecision() {
        TrendSeries t = registry.trend("http_req_duration", ValueType.TIME, Tags.empty());
        for (int ms = 1; ms <= 10_000; ms++) t.record(ms);
        registry.closeInterval();
        SeriesStats.TrendStats stats = (SeriesStats.TrendStats) registry.aggregate("http_req_duration", Tags.empty()).orElseThrow();
        assertThat(stats.count()).isEqualTo(10_000);
        assertThat(stats.med()).isCloseTo(5000, within(5.0));
        assertThat(stats.p95()).isCloseTo(9500, within(9.5));
        assertThat(stats.p99()).isCloseTo(9900, within(9.9));
        assertThat(stats.percentile(99.9)).isCloseTo(9990, within(10.0));
        assertThat(stats.min()).isCloseTo(1, within(0.001));
        assertThat(stats.max()).isCloseTo(10_000, within(10.0));
        assertThat(stats.avg()).isCloseTo(5000.5, within(5.0));
    }

    @Test
    void timeTrendsKeepMicrosecondsAndClampAboveOneHour() {
        TrendSeries t = registry.trend("iteration_duration", ValueType.TIME, Tags.empty());
        t.recordNanos(1_500);      // 1.5 µs
        t.record(0.25);            // 250 µs
        t.record(2 * 3_600_000.0); // two hours
        t.record(-3);
        registry.closeInterval();
        SeriesStats.TrendStats stats = (SeriesStats.TrendStats) registry.aggregate("iteration_duration", Tags.empty()).orElseThrow();
        assertThat(stats.count()).isEqualTo(4);
        Histogram h = stats.histogram();
        assertThat(h.getValueAtPercentile(40) / 1000.0).isCloseTo(0.002, within(0.0001));
        assertThat(h.getValueAtPercentile(60) / 1000.0).isCloseTo(0.25, within(0.001));
        assertThat(h.getMaxValue() / 1000.0).isCloseTo(3_600_000, within(3_600.0));
        assertThat(registry.clampedTrendValues()).isEqualTo(2);
        // the exact side keeps what was recorded, as k6 does: only the histogram clamps
        assertThat(stats.max()).isEqualTo(2 * 3_600_000.0);
        assertThat(stats.min()).isEqualTo(-3);
        assertThat(stats.exactValues()).containsExactly(-3.0, 0.0015, 0.25, 2 * 3_600_000.0);
    }

    @Test
    void memoryDoesNotGrowWithTheNumberOfValues() {
        TrendSeries t = registry.trend("http_req_duration", ValueType.TIME, Tags.empty());
        TrendCell cell = (TrendCell) t;
        Set<Histogram> intervalHistograms = Collections.newSetFromMap(new IdentityHashMap<>());
        int footprintAfterWarmup = 0;
        for (int interval = 0; interval < 10; interval++) {
            for (int i = 0; i < 100_000; i++) t.recordNanos(1_000L * (1 + (i * 7919L) % 2_000_000));
            clock.advanceMillis(1000);
            registry.closeInterval();
            intervalHistograms.add(cell.lastInterval());
            if (interval == 0) footprintAfterWarmup = cell.cumulative().getEstimatedFootprintInBytes();
        }
        // 1e6 values: every interval is drained into the same recycled interval histogram...
        assertThat(intervalHistograms).hasSize(1);
        assertThat(cell.cumulative().getTotalCount()).isEqualTo(1_000_000);
        // ...and the packed cumulative histogram only widens its counters (10x the values, far less than 2x the bytes),
        // never beyond a plain histogram of the whole 1 µs..1 h range, whatever the number of values
        int footprint = cell.cumulative().getEstimatedFootprintInBytes();
        assertThat(footprint).isLessThan(2 * footprintAfterWarmup);
        assertThat(footprint).isLessThan(new Histogram(1, TrendCell.MAX_TIME_MICROS, 3).getEstimatedFootprintInBytes());
        assertThat(registry.seriesCount()).isEqualTo(1);
    }

    @Test
    void kindConflictsAndBadNamesAreRejected() {
        registry.counter("orders", ValueType.DEFAULT, Tags.empty());
        assertThatThrownBy(() -> registry.trend("orders", ValueType.TIME, Tags.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("metric \"orders\" is a counter; it cannot be used as a trend");
        assertThatThrownBy(() -> registry.trend("http_reqs", ValueType.TIME, Tags.empty()))
                .hasMessageContaining("is a counter (built-in)");
        assertThatThrownBy(() -> registry.trend("http_req_duration", ValueType.DEFAULT, Tags.empty()))
                .hasMessageContaining("holds time values; it cannot be used with default values");
        assertThatThrownBy(() -> registry.counter("2fast", ValueType.DEFAULT, Tags.empty())).hasMessageContaining("invalid metric name");
        assertThatThrownBy(() -> registry.counter("my-metric", ValueType.DEFAULT, Tags.empty())).hasMessageContaining("invalid metric name");
        assertThat(registry.definition("orders").orElseThrow().kind()).isEqualTo(MetricKind.COUNTER);
        assertThat(registry.definition("vus").orElseThrow().kind()).isEqualTo(MetricKind.GAUGE);
        assertThat(registry.definition("nope")).isEmpty();
    }

    @Test
    void aSeriesIsCreatedOnceAndHandlesAreShared() {
        CounterSeries a = registry.counter("hits", ValueType.DEFAULT, Tags.of("x", "1", "y", "2"));
        CounterSeries b = registry.counter("hits", ValueType.DEFAULT, Tags.of("y", "2", "x", "1"));
        assertThat(a).isSameAs(b);
    }

    @Test
    void aggregateMergesTheSeriesMatchingTheSelector() {
        registry.trend("http_req_duration", ValueType.TIME, Tags.of("name", "/login", "method", "POST")).record(100);
        registry.trend("http_req_duration", ValueType.TIME, Tags.of("name", "/login", "method", "GET")).record(300);
        registry.trend("http_req_duration", ValueType.TIME, Tags.of("name", "/home", "method", "GET")).record(900);
        registry.counter("http_reqs", ValueType.DEFAULT, Tags.of("status", "200")).add(3);
        registry.counter("http_reqs", ValueType.DEFAULT, Tags.of("status", "500")).add(1);
        registry.gauge("queue", ValueType.DEFAULT, Tags.of("q", "a")).set(5);
        clock.advanceMillis(2000);
        registry.closeInterval();

        var login = (SeriesStats.TrendStats) registry.aggregate("http_req_duration", Tags.of("name", "/login")).orElseThrow();
        assertThat(login.count()).isEqualTo(2);
        assertThat(login.max()).isCloseTo(300, within(0.5));
        var all = (SeriesStats.TrendStats) registry.aggregate("http_req_duration", Tags.empty()).orElseThrow();
        assertThat(all.count()).isEqualTo(3);
        var reqs = (SeriesStats.CounterStats) registry.aggregate("http_reqs", Tags.empty()).orElseThrow();
        assertThat(reqs.count()).isEqualTo(4);
        assertThat(reqs.ratePerSecond()).isCloseTo(2.0, within(1e-9));
        assertThat(registry.aggregate("http_reqs", Tags.of("status", "404"))).isEmpty();
        assertThat(registry.aggregate("unknown_metric", Tags.empty())).isEmpty();
        assertThat(((SeriesStats.GaugeStats) registry.aggregate("queue", Tags.empty()).orElseThrow()).value()).isEqualTo(5);
        // series resolved but never used do not count as data
        registry.rate("checks", Tags.of("check", "never"));
        registry.closeInterval();
        assertThat(registry.aggregate("checks", Tags.empty())).isEmpty();
    }

    @Test
    void intervalPointsHoldEachSecondAndUntaggedAggregates() {
        CounterSeries ok = registry.counter("http_reqs", ValueType.DEFAULT, Tags.of("status", "200"));
        CounterSeries bad = registry.counter("http_reqs", ValueType.DEFAULT, Tags.of("status", "500"));
        TrendSeries d200 = registry.trend("http_req_duration", ValueType.TIME, Tags.of("status", "200"));
        GaugeSeries vus = registry.gauge("vus", ValueType.DEFAULT, Tags.empty());
        ok.add(5);
        bad.add(2);
        d200.record(10);
        d200.record(20);
        vus.set(3);
        vus.set(7);
        vus.set(4);
        clock.advanceMillis(1000);
        IntervalPoint first = registry.closeInterval();
        ok.add(1);
        clock.advanceMillis(1000);
        IntervalPoint second = registry.closeInterval();

        assertThat(first.offsetMillis()).isEqualTo(1000);
        assertThat(series(first, "http_reqs", Tags.empty()).count()).isEqualTo(7);
        assertThat(series(first, "http_reqs", Tags.of("status", "500")).count()).isEqualTo(2);
        assertThat(series(first, "http_req_duration", Tags.empty()).count()).isEqualTo(2);
        assertThat(series(first, "http_req_duration", Tags.empty()).sum()).isCloseTo(30, within(0.1));
        IntervalPoint.Series vusPoint = series(first, "vus", Tags.empty());
        assertThat(vusPoint.last()).isEqualTo(4);
        assertThat(vusPoint.min()).isEqualTo(3);
        assertThat(vusPoint.max()).isEqualTo(7);
        assertThat(first.series().stream().filter(s -> s.metric().equals("vus"))).hasSize(1);

        assertThat(series(second, "http_reqs", Tags.empty()).count()).isEqualTo(1);
        assertThat(second.series().stream().filter(s -> s.tags().equals(Tags.of("status", "500")))).isEmpty();
        assertThat(series(second, "http_req_duration", Tags.empty()).count()).isZero();
        assertThat(series(second, "vus", Tags.empty()).min()).isEqualTo(4);
    }

    @Test
    void resultsListTheAggregateThenEachSeries() {
        registry.counter("http_reqs", ValueType.DEFAULT, Tags.of("status", "200")).add(3);
        registry.counter("http_reqs", ValueType.DEFAULT, Tags.of("status", "500")).add(1);
        registry.rate("checks", Tags.of("check", "status is 200")).add(true);
        registry.rate("checks", Tags.of("check", "status is 200")).add(false);
        registry.rate("checks", Tags.of("check", "has body", "group", "login")).add(true);
        registry.closeInterval();
        List<SeriesResult> results = registry.results();
        assertThat(results).extracting(r -> r.metric() + r.tags())
                .containsExactly("http_reqs{}", "http_reqs{status:200}", "http_reqs{status:500}", "checks{}",
                        "checks{check:status is 200}", "checks{check:has body,group:login}");
        assertThat(((SeriesStats.CounterStats) results.getFirst().stats()).count()).isEqualTo(4);
        assertThat(registry.checkResults()).containsExactly(
                new io.headroom.core.metric.CheckResult("status is 200", "", 1, 1),
                new io.headroom.core.metric.CheckResult("has body", "login", 1, 0));
    }

    private static IntervalPoint.Series series(IntervalPoint p, String metric, Tags tags) {
        return p.series().stream().filter(s -> s.metric().equals(metric) && s.tags().equals(tags)).findFirst()
                .orElseThrow(() -> new AssertionError(metric + tags + " not in " + p));
    }
}
