package io.headroom.core.metric;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntervalHistoryTest {
    private static IntervalPoint second(int n, double requests, double p95) {
        return new IntervalPoint(n * 1000L, List.of(
                new IntervalPoint.Series("http_reqs", MetricKind.COUNTER, Tags.empty(), requests, requests, 0, 0, 0, 0, 0, 0),
                new IntervalPoint.Series("http_req_duration", MetricKind.TREND, Tags.empty(), requests, requests * 10,
                        0, requests == 0 ? 0 : 5, 10, p95, p95 + 1, requests == 0 ? 0 : 40),
                new IntervalPoint.Series("vus", MetricKind.GAUGE, Tags.empty(), 0, n, n, 1, 0, 0, 0, n)));
    }

    @Test
    void pastItsBudgetTheHistoryHalvesItsResolutionKeepingCountsExact() {
        IntervalHistory history = new IntervalHistory(12); // 3 series a point: four points fit
        for (int n = 1; n <= 5; n++) history.add(second(n, n == 2 ? 0 : 100, n * 10));
        assertThat(history.compactions()).isEqualTo(1);
        List<IntervalPoint> points = history.points();
        assertThat(points).extracting(IntervalPoint::offsetMillis).containsExactly(2000L, 4000L, 5000L);
        double requests = 0;
        for (IntervalPoint p : points) requests += p.series().getFirst().count();
        assertThat(requests).isEqualTo(400); // 100 + 0 + 100 + 100 + 100: nothing lost
        IntervalPoint.Series firstTwo = points.getFirst().series().get(1);
        assertThat(firstTwo.count()).isEqualTo(100);
        assertThat(firstTwo.min()).as("the empty second does not pull the min to 0").isEqualTo(5);
        assertThat(firstTwo.p95()).as("the larger p95: an upper bound").isEqualTo(20);
        assertThat(firstTwo.max()).isEqualTo(40);
        IntervalPoint.Series vus = points.get(1).series().get(2);
        assertThat(vus.last()).isEqualTo(4);
        assertThat(vus.max()).isEqualTo(4);
        // a reader that takes the interval's length from the offsets still gets the rate: 200 requests in 2 s
        assertThat(points.get(1).series().getFirst().count() * 1000.0 / (4000 - 2000)).isEqualTo(100);
    }

    @Test
    void withinItsBudgetTheHistoryKeepsEverySecond() {
        IntervalHistory history = new IntervalHistory(12);
        for (int n = 1; n <= 4; n++) history.add(second(n, 100, 10));
        assertThat(history.compactions()).isZero();
        assertThat(history.points()).extracting(IntervalPoint::offsetMillis).containsExactly(1000L, 2000L, 3000L, 4000L);
    }

    @Test
    void aLongRunStaysInItsBudget() {
        IntervalHistory history = new IntervalHistory(300);
        for (int n = 1; n <= 10_000; n++) history.add(second(n, 100, 10));
        long seriesPoints = history.points().stream().mapToLong(p -> p.series().size()).sum();
        assertThat(seriesPoints).isLessThanOrEqualTo(300);
        assertThat(history.points().stream().mapToDouble(p -> p.series().getFirst().count()).sum()).isEqualTo(1_000_000);
        assertThat(history.points().getLast().offsetMillis()).isEqualTo(10_000_000L);
    }
}
