package io.headroom.output.otlp;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.ValueType;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.output.Snapshots;
import io.headroom.report.PrometheusSeries;
import io.headroom.report.Redaction;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTLP names land where the pull endpoint's are: Prometheus' OTLP translation (the default
 * {@code UnderscoreEscapingWithSuffixes}: the unit's suffix, {@code _seconds} for {@code s} and {@code _bytes} for
 * {@code By}, then {@code _total} on a monotonic sum) of every metric {@link OtlpTotals} writes gives exactly the
 * families {@link PrometheusSeries} serves, with the same types.
 */
class OtlpNamesTest {
    @Test
    void prometheusTranslationOfTheOtlpNamesGivesThePullEndpointsNames() {
        List<ThresholdSpec> thresholds = List.of(ThresholdSpec.of("http_req_duration", "p(95)<500"));
        IntervalSnapshot base = Snapshots.second();
        List<IntervalSnapshot.SeriesSnapshot> series = new ArrayList<>(base.series());
        series.add(new IntervalSnapshot.CounterSnapshot("data_received", ValueType.DATA, Map.of("scenario", "api"), 2048));
        series.add(new IntervalSnapshot.GaugeSnapshot("lag", ValueType.TIME, Map.of(), 12, 1, 30));
        series.add(Snapshots.trend("iteration_duration", Map.of("scenario", "api"), 5_000, 7_000));
        IntervalSnapshot second = new IntervalSnapshot(1000, series);

        PrometheusSeries pull = new PrometheusSeries(thresholds, Redaction::text);
        pull.add(second);
        Map<String, String> pullFamilies = new TreeMap<>();
        for (MetricSnapshot m : pull.snapshot()) {
            String type = switch (m) {
                case CounterSnapshot c -> "counter";
                case GaugeSnapshot g -> "gauge";
                case HistogramSnapshot h -> "histogram";
                default -> m.getClass().getSimpleName();
            };
            pullFamilies.put(m.getMetadata().getPrometheusName() + (type.equals("counter") ? "_total" : ""), type);
        }

        OtlpTotals totals = new OtlpTotals(Resource.empty(), InstrumentationScopeInfo.create("io.headroom"), "run-7",
                thresholds, Redaction::text);
        totals.add(second, 1_000_000);
        Map<String, String> translated = new TreeMap<>();
        for (MetricData m : totals.metrics(1_000_000)) {
            String name = m.getName() + switch (m.getUnit()) {
                case "s" -> "_seconds";
                case "By" -> "_bytes";
                default -> "";
            };
            String type = switch (m.getType()) {
                case DOUBLE_SUM, LONG_SUM -> m.getType() == MetricDataType.DOUBLE_SUM ? sum(m.getDoubleSumData().isMonotonic())
                        : sum(m.getLongSumData().isMonotonic());
                case DOUBLE_GAUGE, LONG_GAUGE -> "gauge";
                case EXPONENTIAL_HISTOGRAM -> "histogram";
                default -> m.getType().toString();
            };
            translated.put(name + (type.equals("counter") ? "_total" : ""), type);
        }
        assertThat(translated).isEqualTo(pullFamilies)
                .containsEntry("headroom_http_req_duration_seconds", "histogram")
                .containsEntry("headroom_data_received_bytes_total", "counter")
                .containsEntry("headroom_checks_nonzero_total", "counter")
                .containsEntry("headroom_lag_seconds", "gauge");
    }

    private static String sum(boolean monotonic) {
        return monotonic ? "counter" : "gauge";
    }
}
