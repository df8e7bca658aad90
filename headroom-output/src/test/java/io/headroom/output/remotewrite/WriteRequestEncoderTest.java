package io.headroom.output.remotewrite;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.ValueType;
import io.headroom.output.Snapshots;
import io.headroom.report.PrometheusSeries;
import io.headroom.report.Redaction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The WriteRequest bytes, read back field by field as Prometheus's receiver reads them. */
class WriteRequestEncoderTest {
    private static final long TS = 1_764_000_000_123L;

    private static WriteRequestDecoder.Request encoded(IntervalSnapshot... seconds) throws Exception {
        PrometheusSeries series = new PrometheusSeries(List.of(), Redaction::text);
        for (IntervalSnapshot s : seconds) series.add(s);
        return WriteRequestDecoder.decode(WriteRequestEncoder.encode(series.snapshot(), TS, "testid", "run-1"));
    }

    private static WriteRequestDecoder.Series one(WriteRequestDecoder.Request r, String name, Map<String, String> having) {
        return r.series().stream().filter(s -> name.equals(s.name()))
                .filter(s -> s.labelMap().entrySet().containsAll(having.entrySet())).findFirst()
                .orElseThrow(() -> new AssertionError(name + having + " not in " + r.series().stream().map(WriteRequestDecoder.Series::labelMap).toList()));
    }

    @Test
    void countersAreCumulativeTotalsWithThePullEndpointsNames() throws Exception {
        WriteRequestDecoder.Request r = encoded(Snapshots.second(), Snapshots.second());
        WriteRequestDecoder.Series reqs = one(r, "headroom_http_reqs_total", Map.of("name", "products", "testid", "run-1"));
        assertThat(reqs.value()).isEqualTo(6);
        assertThat(reqs.timestampMillis()).isEqualTo(TS);
        assertThat(one(r, "headroom_http_req_failed_nonzero_total", Map.of()).value()).isEqualTo(2);
        assertThat(one(r, "headroom_http_req_failed_samples_total", Map.of()).value()).isEqualTo(6);
        assertThat(one(r, "headroom_vus", Map.of("testid", "run-1")).value()).isEqualTo(4);
    }

    @Test
    void everySeriesHasItsLabelsSortedByNameWithTheNameAmongThem() throws Exception {
        for (WriteRequestDecoder.Series s : encoded(Snapshots.second()).series()) {
            List<String> names = s.labels().stream().map(l -> l[0]).toList();
            assertThat(names).as(names.toString()).isSorted().contains("__name__", "testid").doesNotHaveDuplicates();
            assertThat(s.labels()).allSatisfy(l -> assertThat(l[1]).isNotEmpty());
        }
    }

    @Test
    void trendsAreClassicHistogramsInSecondsWithCumulativeBuckets() throws Exception {
        WriteRequestDecoder.Request r = encoded(Snapshots.second());
        Map<String, String> products = Map.of("name", "products");
        assertThat(one(r, "headroom_http_req_duration_seconds_count", products).value()).isEqualTo(3);
        assertThat(one(r, "headroom_http_req_duration_seconds_sum", products).value()).isCloseTo(0.43, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(one(r, "headroom_http_req_duration_seconds_bucket", Map.of("name", "products", "le", "0.01")).value()).isEqualTo(1);
        assertThat(one(r, "headroom_http_req_duration_seconds_bucket", Map.of("name", "products", "le", "0.02")).value()).isEqualTo(2);
        assertThat(one(r, "headroom_http_req_duration_seconds_bucket", Map.of("name", "products", "le", "7.0E-4")).value()).isZero();
        assertThat(one(r, "headroom_http_req_duration_seconds_bucket", Map.of("name", "products", "le", "+Inf")).value()).isEqualTo(3);
        double previous = -1;
        for (WriteRequestDecoder.Series s : r.series()) {
            if (!s.name().equals("headroom_http_req_duration_seconds_bucket")) continue;
            assertThat(s.value()).as("cumulative, in wire order").isGreaterThanOrEqualTo(previous);
            previous = s.value();
        }
    }

    @Test
    void withNativeHistogramsATrendIsAlsoOneNativeHistogramUnderItsBaseName() throws Exception {
        PrometheusSeries series = new PrometheusSeries(List.of(), Redaction::text, true);
        series.add(Snapshots.second());
        series.add(Snapshots.second());
        WriteRequestDecoder.Request r = WriteRequestDecoder.decode(WriteRequestEncoder.encode(series.snapshot(), TS,
                "testid", "run-1", true));
        WriteRequestDecoder.Series h = one(r, "headroom_http_req_duration_seconds", Map.of("name", "products", "testid", "run-1"));
        WriteRequestDecoder.NativeHistogram n = h.histogram();
        assertThat(n).isNotNull();
        assertThat(n.schema()).isEqualTo(3);
        assertThat(n.count()).isEqualTo(6);
        assertThat(n.sum()).isCloseTo(0.86, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(n.zeroCount()).isZero();
        assertThat(n.timestampMillis()).isEqualTo(TS);
        // 10 ms, 20 ms, 400 ms: bucket i holds (2^((i-1)/8), 2^(i/8)], so ceil(8·log2(seconds)); spans with gaps
        assertThat(n.buckets()).containsExactly(Map.entry(-53, 2L), Map.entry(-45, 2L), Map.entry(-10, 2L));
        for (var e : n.buckets().entrySet()) {
            assertThat(Math.pow(2, e.getKey() / 8.0)).as("upper bound of " + e.getKey()).isGreaterThanOrEqualTo(
                    e.getKey() == -53 ? 0.01 : e.getKey() == -45 ? 0.02 : 0.3998);
            assertThat(Math.pow(2, (e.getKey() - 1) / 8.0)).as("lower bound of " + e.getKey()).isLessThan(
                    e.getKey() == -53 ? 0.01 : e.getKey() == -45 ? 0.02 : 0.3998);
        }
        // the classic series are still there
        assertThat(one(r, "headroom_http_req_duration_seconds_count", Map.of("name", "products")).value()).isEqualTo(6);
        // negative control: without native histograms, no series has one
        assertThat(WriteRequestDecoder.decode(WriteRequestEncoder.encode(series.snapshot(), TS, "testid", "run-1", false))
                .series()).allSatisfy(x -> assertThat(x.histogram()).isNull());
    }

    @Test
    void aSeriesWithItsOwnTestIdKeepsIt() throws Exception {
        IntervalSnapshot tagged = new IntervalSnapshot(1000, List.of(
                new IntervalSnapshot.CounterSnapshot("http_reqs", ValueType.DEFAULT, Map.of("testid", "mine"), 1)));
        WriteRequestDecoder.Series s = encoded(tagged).series().getFirst();
        assertThat(s.labelMap()).containsEntry("testid", "mine");
        assertThat(s.labels().stream().filter(l -> l[0].equals("testid")).count()).isEqualTo(1);
        // negative control: without its own, the run's
        assertThat(encoded(Snapshots.second()).series()).allSatisfy(x -> assertThat(x.labelMap()).containsEntry("testid", "run-1"));
    }

    @Test
    void eachFamilyHasItsMetadata() throws Exception {
        WriteRequestDecoder.Request r = encoded(Snapshots.second());
        assertThat(r.metadata()).anySatisfy(m -> {
            assertThat(m.family()).isEqualTo("headroom_http_reqs");
            assertThat(m.type()).isEqualTo(1);
        }).anySatisfy(m -> {
            assertThat(m.family()).isEqualTo("headroom_http_req_duration_seconds");
            assertThat(m.type()).isEqualTo(3);
            assertThat(m.unit()).isEqualTo("seconds");
        }).anySatisfy(m -> assertThat(m.family()).isEqualTo("headroom_vus"));
    }
}
