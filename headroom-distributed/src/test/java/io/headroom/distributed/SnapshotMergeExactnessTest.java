package io.headroom.distributed;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merging the agents' snapshots (through the wire codec) gives exactly what one registry recording every value
 * would have: the same histogram, counts and sums, for N = 1..7 splits of the same values.
 */
class SnapshotMergeExactnessTest {
    private static final int VALUES = 20_000;

    @Test
    void mergedSplitsEqualOneRegistryOfAllValuesForOneToSevenAgents() throws Exception {
        double[] values = values(42);
        IntervalSnapshot whole = record(values, 1, 0);
        Histogram expected = trend(whole).histogram();
        for (int n = 1; n <= 7; n++) {
            List<SnapshotMerge.Arrival> arrivals = new ArrayList<>();
            for (int part = 0; part < n; part++) {
                byte[] wire = SnapshotCodec.encode(record(values, n, part));
                arrivals.add(new SnapshotMerge.Arrival(part, SnapshotCodec.decode(wire)));
            }
            IntervalSnapshot merged = SnapshotMerge.merge(arrivals, 1000);
            IntervalSnapshot.TrendSnapshot t = trend(merged);
            assertThat(t.histogram()).as("histogram of %d agents", n).isEqualTo(expected);
            assertThat(t.histogram().getTotalCount()).isEqualTo(VALUES);
            assertThat(t.min()).isEqualTo(trend(whole).min());
            assertThat(t.max()).isEqualTo(trend(whole).max());
            assertThat(t.sum()).isCloseTo(trend(whole).sum(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(counter(merged)).isEqualTo(VALUES);

            // and a coordinator's registry built from the merge reports the single registry's statistics
            MetricRegistry coordinator = new MetricRegistry(() -> 0);
            coordinator.apply(merged);
            MetricRegistry single = new MetricRegistry(() -> 0);
            single.apply(whole);
            assertThat(stats(coordinator)).isEqualTo(stats(single));
        }
    }

    @Test
    void aWrongSplitIsNotEqualNegativeControl() throws Exception {
        double[] values = values(42);
        Histogram expected = trend(record(values, 1, 0)).histogram();
        // one of three parts missing: the merge must differ
        List<SnapshotMerge.Arrival> arrivals = List.of(new SnapshotMerge.Arrival(0, record(values, 3, 0)),
                new SnapshotMerge.Arrival(1, record(values, 3, 1)));
        assertThat(trend(SnapshotMerge.merge(arrivals, 1000)).histogram()).isNotEqualTo(expected);
    }

    @Test
    void vusGaugesAddAcrossAgents() {
        List<SnapshotMerge.Arrival> arrivals = new ArrayList<>();
        for (int agent = 0; agent < 3; agent++) {
            arrivals.add(new SnapshotMerge.Arrival(agent, new IntervalSnapshot(1000, List.of(
                    new IntervalSnapshot.GaugeSnapshot("vus", ValueType.DEFAULT, java.util.Map.of(), 10, 10, 10),
                    new IntervalSnapshot.GaugeSnapshot("my_gauge", ValueType.DEFAULT, java.util.Map.of(), 10, 10, 10)))));
        }
        IntervalSnapshot merged = SnapshotMerge.merge(arrivals, 1000);
        assertThat(gauge(merged, "vus").last()).isEqualTo(30);
        // a user's gauge is a value, not a count of one generator: its last value stays
        assertThat(gauge(merged, "my_gauge").last()).isEqualTo(10);
    }

    @Test
    void aCorruptBodyIsRefusedWithAReason() {
        byte[] wire = SnapshotCodec.encode(record(values(1), 1, 0));
        byte[] cut = java.util.Arrays.copyOf(wire, wire.length / 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SnapshotCodec.decode(cut)).isInstanceOf(java.io.IOException.class)
                .hasMessageMatching(".*(cut short|out of range).*");
        byte[] bad = wire.clone();
        bad[0] = 'X';
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SnapshotCodec.decode(bad)).hasMessageContaining("magic");
    }

    private static double[] values(long seed) {
        Random random = new Random(seed);
        double[] v = new double[VALUES];
        for (int i = 0; i < VALUES; i++) v[i] = Math.exp(random.nextGaussian() * 1.5 + 3); // log-normal ms, long tail
        return v;
    }

    /** Part {@code part} of {@code parts} of the values (dealt round robin), recorded in one registry, as one snapshot. */
    private static IntervalSnapshot record(double[] values, int parts, int part) {
        MetricRegistry registry = new MetricRegistry(() -> 0);
        var trend = registry.trend("http_req_duration", ValueType.TIME, Tags.of("name", "a"));
        var counter = registry.counter("http_reqs", ValueType.DEFAULT, Tags.of("name", "a"));
        for (int i = part; i < values.length; i += parts) {
            trend.record(values[i]);
            counter.add(1);
        }
        return registry.closeIntervalWithSnapshot().snapshot();
    }

    private static IntervalSnapshot.TrendSnapshot trend(IntervalSnapshot s) {
        return s.series().stream().filter(x -> x instanceof IntervalSnapshot.TrendSnapshot).map(x -> (IntervalSnapshot.TrendSnapshot) x)
                .findFirst().orElseThrow();
    }

    private static double counter(IntervalSnapshot s) {
        return s.series().stream().filter(x -> x instanceof IntervalSnapshot.CounterSnapshot)
                .mapToDouble(x -> ((IntervalSnapshot.CounterSnapshot) x).sum()).sum();
    }

    private static IntervalSnapshot.GaugeSnapshot gauge(IntervalSnapshot s, String metric) {
        return s.series().stream().filter(x -> x.metric().equals(metric)).map(x -> (IntervalSnapshot.GaugeSnapshot) x).findFirst().orElseThrow();
    }

    private static List<String> stats(MetricRegistry registry) {
        List<String> out = new ArrayList<>();
        for (SeriesResult r : registry.results()) {
            if (r.stats() instanceof SeriesStats.TrendStats t) {
                out.add(r.metric() + r.tags() + " " + t.count() + " " + t.min() + " " + t.max() + " " + t.med() + " " + t.p95() + " " + t.p99());
            } else {
                out.add(r.metric() + r.tags() + " " + r.stats());
            }
        }
        return out;
    }
}
