package io.headroom.core.metric;

import io.headroom.core.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A trend's exact count, min, max, sum and small-sample percentiles, as k6's TrendSink (metrics/sink.go) has them. */
class TrendExactStatsTest {
    private final ManualClock clock = new ManualClock();
    private final MetricRegistry registry = new MetricRegistry(clock);

    private SeriesStats.TrendStats stats(String metric, Tags selector) {
        return (SeriesStats.TrendStats) registry.aggregate(metric, selector).orElseThrow();
    }

    @Test
    void aSmallTrendHasK6sExactStatistics() {
        TrendSeries t = registry.trend("basket_value", ValueType.DEFAULT, Tags.empty());
        t.record(90);
        t.record(70);
        t.record(80);
        registry.closeInterval();
        var s = stats("basket_value", Tags.empty());
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.min()).isEqualTo(70);
        assertThat(s.max()).isEqualTo(90);
        assertThat(s.avg()).isEqualTo(80);
        assertThat(s.sum()).isEqualTo(240);
        assertThat(s.med()).isEqualTo(80);
        // k6: rank 0.9 × 2 = 1.8, so 80 + 0.8 × (90 − 80)
        assertThat(s.p90()).isEqualTo(88);
        assertThat(s.percentile(95)).isEqualTo(89);
        assertThat(s.percentile(100)).isEqualTo(90);
        assertThat(s.percentile(0)).isEqualTo(70);
        assertThat(s.exactValues()).containsExactly(70.0, 80.0, 90.0);
    }

    @Test
    void percentilesInterpolateBetweenRanksUpTo256Values() {
        TrendSeries t = registry.trend("http_req_duration", ValueType.TIME, Tags.of("name", "a"));
        for (int ms = 100; ms >= 1; ms--) t.recordNanos(ms * 1_000_000L);
        registry.closeInterval();
        var s = stats("http_req_duration", Tags.empty());
        // k6: rank 0.95 × 99 = 94.05 between 95 and 96; HDR alone would say 95 (or its bucket's top)
        assertThat(s.p95()).isCloseTo(95.05, within(1e-9));
        assertThat(s.med()).isEqualTo(50.5);
        assertThat(s.p99()).isCloseTo(99.01, within(1e-9));
    }

    @Test
    void beyond256ValuesPercentilesComeFromTheHistogramButMinMaxAvgStayExact() {
        TrendSeries t = registry.trend("basket_value", ValueType.DEFAULT, Tags.empty());
        for (int i = 1; i <= 1000; i++) t.record(i + 0.25);
        registry.closeInterval();
        var s = stats("basket_value", Tags.empty());
        assertThat(s.exactValues()).isEmpty();
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.min()).isEqualTo(1.25);
        assertThat(s.max()).isEqualTo(1000.25);
        assertThat(s.avg()).isEqualTo(500.75);
        // HDR: within 0.1%, not interpolated
        assertThat(s.p95()).isCloseTo(950.25, within(1.0));
        assertThat(s.p95()).isNotEqualTo(950.2 + 0.05 * 0.999);
    }

    @Test
    void exactValuesSurviveSeveralIntervalsAndStopAtTheBound() {
        TrendSeries t = registry.trend("basket_value", ValueType.DEFAULT, Tags.empty());
        for (int i = 0; i < 200; i++) t.record(i);
        registry.closeInterval();
        for (int i = 200; i < 256; i++) t.record(i);
        registry.closeInterval();
        assertThat(stats("basket_value", Tags.empty()).exactValues()).hasSize(256);
        t.record(256);
        registry.closeInterval();
        var s = stats("basket_value", Tags.empty());
        assertThat(s.exactValues()).isEmpty();
        assertThat(s.max()).isEqualTo(256);
        assertThat(s.sum()).isEqualTo(256 * 257 / 2.0);
    }

    @Test
    void concurrentRecordingWhileIntervalsCloseKeepsEveryValueExactlyOnce() throws Exception {
        TrendSeries t = registry.trend("basket_value", ValueType.DEFAULT, Tags.empty());
        List<Thread> threads = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            int base = v * 32;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 32; i++) t.record(base + i);
            }));
            registry.closeInterval(); // closes race with the recording: values in flight wait for a later close
        }
        for (Thread thread : threads) thread.join();
        registry.closeInterval();
        var s = stats("basket_value", Tags.empty());
        assertThat(s.count()).isEqualTo(256);
        assertThat(s.exactValues()).hasSize(256).isSorted().doesNotHaveDuplicates();
        assertThat(s.exactValues().getFirst()).isEqualTo(0);
        assertThat(s.exactValues().getLast()).isEqualTo(255);
        assertThat(s.sum()).isEqualTo(255 * 256 / 2.0);
        assertThat(s.med()).isEqualTo(127.5);
    }

    @Test
    void selectedSeriesMergeTheirExactValues() {
        registry.trend("basket_value", ValueType.DEFAULT, Tags.of("shop", "a")).record(70);
        registry.trend("basket_value", ValueType.DEFAULT, Tags.of("shop", "a")).record(80);
        registry.trend("basket_value", ValueType.DEFAULT, Tags.of("shop", "b")).record(90.5);
        registry.closeInterval();
        var all = stats("basket_value", Tags.empty());
        assertThat(all.exactValues()).containsExactly(70.0, 80.0, 90.5);
        assertThat(all.min()).isEqualTo(70);
        assertThat(all.max()).isEqualTo(90.5);
        assertThat(all.avg()).isEqualTo(240.5 / 3);
        assertThat(all.med()).isEqualTo(80);
        var a = stats("basket_value", Tags.of("shop", "a"));
        assertThat(a.avg()).isEqualTo(75);
        assertThat(a.med()).isEqualTo(75);
    }

    @Test
    void appliedSnapshotsCarryExactMinMaxAndSum() {
        MetricRegistry agent = new MetricRegistry(clock);
        TrendSeries t = agent.trend("basket_value", ValueType.DEFAULT, Tags.empty());
        t.record(70.123);
        t.record(90.456);
        IntervalSnapshot first = agent.closeIntervalWithSnapshot().snapshot();
        t.record(80);
        IntervalSnapshot second = agent.closeIntervalWithSnapshot().snapshot();
        registry.apply(IntervalSnapshot.merge(first, second));
        var s = stats("basket_value", Tags.empty());
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.min()).isEqualTo(70.123);
        assertThat(s.max()).isEqualTo(90.456);
        assertThat(s.sum()).isEqualTo(70.123 + 90.456 + 80);
        // values themselves are not shipped: percentiles from the merged histogram
        assertThat(s.exactValues()).isEmpty();
        assertThat(s.med()).isCloseTo(80, within(0.1));
    }

    @Test
    void aSnapshotWithoutExactStatisticsFallsBackToTheHistogram() {
        MetricRegistry agent = new MetricRegistry(clock);
        agent.trend("basket_value", ValueType.DEFAULT, Tags.empty()).record(70.123);
        var withExact = (IntervalSnapshot.TrendSnapshot) agent.closeIntervalWithSnapshot().snapshot().series().getFirst();
        var without = new IntervalSnapshot.TrendSnapshot(withExact.metric(), withExact.valueType(), withExact.tags(),
                withExact.histogramBase64(), withExact.clamped());
        registry.apply(new IntervalSnapshot(1000, java.util.List.of(without)));
        var s = stats("basket_value", Tags.empty());
        assertThat(s.min()).isCloseTo(70.123, within(0.1)).isNotEqualTo(70.123);
    }
}
