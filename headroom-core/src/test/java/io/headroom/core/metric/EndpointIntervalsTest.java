package io.headroom.core.metric;

import io.headroom.core.time.ManualClock;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-endpoint {@code http_req_duration} in each interval: an endpoint whose requests fall into several series (two
 * status codes, two scenarios) gets the percentiles of all its requests together, which no single series has.
 */
class EndpointIntervalsTest {
    private final MetricRegistry registry = new MetricRegistry(new ManualClock());

    @Test
    void anEndpointSplitOverStatusCodesAndScenariosGetsThePercentilesOfAllItsRequests() {
        // /cart: 90 fast 200s in one scenario, 10 slow 500s in another; /home: one series.
        TrendSeries ok = registry.trend(BuiltinMetrics.HTTP_REQ_DURATION, ValueType.TIME,
                Tags.of("name", "/cart", "method", "GET", "status", "200", "scenario", "a"));
        TrendSeries failed = registry.trend(BuiltinMetrics.HTTP_REQ_DURATION, ValueType.TIME,
                Tags.of("name", "/cart", "method", "GET", "status", "500", "scenario", "b"));
        TrendSeries home = registry.trend(BuiltinMetrics.HTTP_REQ_DURATION, ValueType.TIME,
                Tags.of("name", "/home", "method", "GET", "status", "200", "scenario", "a"));
        Histogram all = new Histogram(TrendCell.SIGNIFICANT_DIGITS);
        for (int i = 1; i <= 90; i++) {
            ok.record(i);
            all.recordValue((long) (i * SeriesStats.TrendStats.HISTOGRAM_SCALE));
        }
        for (int i = 1; i <= 10; i++) {
            failed.record(1000 + i);
            all.recordValue((long) ((1000 + i) * SeriesStats.TrendStats.HISTOGRAM_SCALE));
        }
        for (int i = 0; i < 5; i++) home.record(7);
        IntervalPoint point = registry.closeInterval();

        assertThat(point.endpoints()).extracting(IntervalPoint.Series::tags)
                .containsExactly(Tags.of("name", "/cart", "method", "GET"), Tags.of("name", "/home", "method", "GET"));
        IntervalPoint.Series cart = point.endpoints().getFirst();
        assertThat(cart.count()).isEqualTo(100);
        List<IntervalPoint.Series> parts = point.series().stream()
                .filter(s -> s.metric().equals(BuiltinMetrics.HTTP_REQ_DURATION) && "/cart".equals(s.tags().get("name"))).toList();
        assertThat(cart.sum()).as("the parts' sums").isEqualTo(parts.get(0).sum() + parts.get(1).sum())
                .isCloseTo(90 * 91 / 2.0 + 10 * 1000 + 55, org.assertj.core.data.Offset.offset(1.0));
        assertThat(cart.min()).isEqualTo(Math.min(parts.get(0).min(), parts.get(1).min())).isCloseTo(1, org.assertj.core.data.Offset.offset(0.01));
        assertThat(cart.max()).isEqualTo(Math.max(parts.get(0).max(), parts.get(1).max())).isCloseTo(1010, org.assertj.core.data.Offset.offset(1.0));
        double scale = SeriesStats.TrendStats.HISTOGRAM_SCALE;
        assertThat(cart.p50()).isEqualTo(all.getValueAtPercentile(50) / scale).isBetween(49.0, 51.0);
        assertThat(cart.p95()).isEqualTo(all.getValueAtPercentile(95) / scale).isBetween(1004.0, 1006.0);
        // Neither series alone has it: the 200s' p95 is below 90 ms, the 500s' p50 above a second.
        assertThat(parts).hasSize(2).noneSatisfy(s -> assertThat(s.p50()).isEqualTo(cart.p50()));
        // One series: its own numbers.
        IntervalPoint.Series homeSeries = point.endpoints().get(1);
        assertThat(homeSeries.count()).isEqualTo(5);
        IntervalPoint.Series homePart = point.series().stream()
                .filter(s -> s.metric().equals(BuiltinMetrics.HTTP_REQ_DURATION) && "/home".equals(s.tags().get("name"))).findFirst().orElseThrow();
        assertThat(homeSeries.p99()).isEqualTo(homePart.p99()).isCloseTo(7, org.assertj.core.data.Offset.offset(0.01));

        // The next interval without requests has no endpoints; the aggregate series are untouched by them.
        assertThat(registry.closeInterval().endpoints()).isEmpty();
        assertThat(point.series().stream().filter(s -> s.metric().equals(BuiltinMetrics.HTTP_REQ_DURATION) && s.tags().isEmpty())
                .findFirst().orElseThrow().count()).isEqualTo(105);
    }

    @Test
    void aDistributedRunsMergedSnapshotGivesTheSameEndpointsAsOneProcess() {
        MetricRegistry agentA = new MetricRegistry(new ManualClock()), agentB = new MetricRegistry(new ManualClock());
        Tags ok = Tags.of("name", "/cart", "method", "GET", "status", "200");
        Tags failed = Tags.of("name", "/cart", "method", "GET", "status", "500");
        for (int i = 1; i <= 50; i++) {
            agentA.trend(BuiltinMetrics.HTTP_REQ_DURATION, ValueType.TIME, ok).record(i);
            registry.trend(BuiltinMetrics.HTTP_REQ_DURATION, ValueType.TIME, ok).record(i);
        }
        for (int i = 1; i <= 50; i++) {
            agentB.trend(BuiltinMetrics.HTTP_REQ_DURATION, ValueType.TIME, failed).record(500 + i);
            registry.trend(BuiltinMetrics.HTTP_REQ_DURATION, ValueType.TIME, failed).record(500 + i);
        }
        IntervalSnapshot merged = IntervalSnapshot.merge(agentA.closeIntervalWithSnapshot().snapshot(),
                agentB.closeIntervalWithSnapshot().snapshot());
        IntervalPoint.Series fromAgents = SnapshotPoints.of(merged).endpoints().getFirst();
        IntervalPoint.Series local = registry.closeInterval().endpoints().getFirst();
        assertThat(fromAgents.count()).isEqualTo(100);
        assertThat(fromAgents.p50()).isEqualTo(local.p50());
        assertThat(fromAgents.p95()).isEqualTo(local.p95()).isGreaterThan(500);
        assertThat(fromAgents.p99()).isEqualTo(local.p99());
    }

    @Test
    void anIntervalKeepsItsBusiestFiftyEndpoints() {
        for (int e = 0; e < EndpointIntervals.MAX_ENDPOINTS + 10; e++) {
            TrendSeries t = registry.trend(BuiltinMetrics.HTTP_REQ_DURATION, ValueType.TIME, Tags.of("name", "/e" + e, "method", "GET"));
            for (int i = 0; i <= e; i++) t.record(5); // endpoint e has e + 1 requests
        }
        List<IntervalPoint.Series> endpoints = registry.closeInterval().endpoints();
        assertThat(endpoints).hasSize(EndpointIntervals.MAX_ENDPOINTS);
        assertThat(endpoints.getFirst().tags().get("name")).isEqualTo("/e59");
        assertThat(endpoints.getLast().tags().get("name")).isEqualTo("/e10");
        // Below the cap nothing is left out.
        List<IntervalPoint.Series> few = new ArrayList<>(endpoints.subList(0, 3));
        assertThat(EndpointIntervals.canonical(few)).hasSize(3);
    }

    @Test
    void theHistoryCountsEndpointsInItsBudgetAndMergesThemWhenItCompacts() {
        IntervalHistory history = new IntervalHistory(8); // 1 series + 1 endpoint a point: four points fit
        for (int n = 1; n <= 5; n++) {
            Tags endpoint = Tags.of("name", "/cart", "method", "GET");
            IntervalPoint.Series s = new IntervalPoint.Series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, endpoint,
                    10, 100, 0, 1, 5, n * 10, n * 10 + 1, 50);
            history.add(new IntervalPoint(n * 1000L, List.of(s), List.of(s)));
        }
        assertThat(history.compactions()).as("five points of two series-points pass a budget of eight").isEqualTo(1);
        IntervalPoint first = history.points().getFirst();
        assertThat(first.endpoints()).hasSize(1);
        assertThat(first.endpoints().getFirst().count()).isEqualTo(20);
        assertThat(first.endpoints().getFirst().p95()).as("the larger of the two: an upper bound").isEqualTo(20);
        // Without endpoints, the same five points fit.
        IntervalHistory plain = new IntervalHistory(8);
        for (int n = 1; n <= 5; n++) plain.add(new IntervalPoint(n * 1000L, List.of(first.series().getFirst())));
        assertThat(plain.compactions()).isZero();
    }
}
