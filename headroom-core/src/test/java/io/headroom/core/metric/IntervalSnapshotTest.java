package io.headroom.core.metric;

import io.headroom.core.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalSnapshotTest {

    /** Records sample i into the given registry. */
    private static void record(MetricRegistry r, int i, Random random) {
        Tags tags = Tags.of("name", i % 3 == 0 ? "/login" : "/home");
        r.counter("http_reqs", ValueType.DEFAULT, tags).add(1);
        r.counter("data_received", ValueType.DATA, tags).add(100 + i % 17);
        r.rate("http_req_failed", tags).add(i % 11 == 0);
        r.trend("http_req_duration", ValueType.TIME, tags).recordNanos(200_000L + (long) (random.nextDouble() * 80_000_000));
        r.gauge("queue_depth", ValueType.DEFAULT, Tags.empty()).set(i % 50);
    }

    @Test
    void mergingTheSnapshotsOfTwoGeneratorsEqualsRecordingIntoOne() throws Exception {
        ManualClock clock = new ManualClock();
        MetricRegistry a = new MetricRegistry(clock), b = new MetricRegistry(clock), whole = new MetricRegistry(clock);
        Random ra = new Random(1), rb = new Random(2), rw1 = new Random(1), rw2 = new Random(2);
        for (int i = 0; i < 20_000; i++) {
            if (i % 2 == 0) {
                record(a, i, ra);
                record(whole, i, rw1);
            } else {
                record(b, i, rb);
                record(whole, i, rw2);
            }
        }
        clock.advanceMillis(1000);
        IntervalSnapshot merged = IntervalSnapshot.merge(roundTrip(a.closeIntervalWithSnapshot().snapshot()),
                roundTrip(b.closeIntervalWithSnapshot().snapshot()));
        IntervalSnapshot expected = whole.closeIntervalWithSnapshot().snapshot();

        Map<String, IntervalSnapshot.SeriesSnapshot> got = byKey(merged), want = byKey(expected);
        assertThat(got.keySet()).isEqualTo(want.keySet());
        for (String key : want.keySet()) {
            switch (want.get(key)) {
                case IntervalSnapshot.TrendSnapshot w -> {
                    var g = (IntervalSnapshot.TrendSnapshot) got.get(key);
                    assertThat(g.histogram()).as(key).isEqualTo(w.histogram());
                    assertThat(g.histogram().getTotalCount()).isGreaterThan(0);
                }
                case IntervalSnapshot.GaugeSnapshot w -> {
                    var g = (IntervalSnapshot.GaugeSnapshot) got.get(key);
                    assertThat(g.min()).isEqualTo(w.min());
                    assertThat(g.max()).isEqualTo(w.max());
                }
                default -> assertThat(got.get(key)).as(key).isEqualTo(want.get(key));
            }
        }
        assertThat(merged.offsetMillis()).isEqualTo(1000);

        // a coordinator applying the merged snapshot sees the same statistics as the single registry
        MetricRegistry coordinator = new MetricRegistry(clock);
        coordinator.apply(merged);
        var p95Merged = (SeriesStats.TrendStats) coordinator.aggregate("http_req_duration", Tags.of("name", "/login")).orElseThrow();
        var p95Whole = (SeriesStats.TrendStats) whole.aggregate("http_req_duration", Tags.of("name", "/login")).orElseThrow();
        assertThat(p95Merged.count()).isEqualTo(p95Whole.count());
        assertThat(p95Merged.p95()).isEqualTo(p95Whole.p95());
        assertThat(((SeriesStats.RateStats) coordinator.aggregate("http_req_failed", Tags.empty()).orElseThrow()).passes())
                .isEqualTo(((SeriesStats.RateStats) whole.aggregate("http_req_failed", Tags.empty()).orElseThrow()).passes());
    }

    @Test
    void mergingSnapshotsWithConflictingKindsFails() {
        ManualClock clock = new ManualClock();
        MetricRegistry a = new MetricRegistry(clock), b = new MetricRegistry(clock);
        a.counter("thing", ValueType.DEFAULT, Tags.empty()).add(1);
        b.rate("thing", Tags.empty()).add(true);
        IntervalSnapshot sa = a.closeIntervalWithSnapshot().snapshot(), sb = b.closeIntervalWithSnapshot().snapshot();
        assertThatThrownBy(() -> IntervalSnapshot.merge(sa, sb)).hasMessageContaining("\"thing\" is a counter in one snapshot and a rate");
    }

    private static Map<String, IntervalSnapshot.SeriesSnapshot> byKey(IntervalSnapshot s) {
        return s.series().stream().collect(Collectors.toMap(x -> x.metric() + x.tags(), Function.identity()));
    }

    private static IntervalSnapshot roundTrip(IntervalSnapshot snapshot) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(snapshot);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (IntervalSnapshot) in.readObject();
        }
    }
}
