package io.headroom.core.result;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunResultAccessorsTest {
    private static RunResult result() {
        Histogram h = new Histogram(3);
        for (int ms = 1; ms <= 100; ms++) h.recordValue((long) (ms * SeriesStats.TrendStats.HISTOGRAM_SCALE));
        var trend = new SeriesStats.TrendStats(100, 1, 100, 50.5, 50, 90, 95, 99, 100, h);
        var tagged = new SeriesStats.TrendStats(1, 7, 7, 7, 7, 7, 7, 7, 7, new Histogram(3));
        List<SeriesResult> series = List.of(
                new SeriesResult("http_req_duration", MetricKind.TREND, ValueType.TIME, Tags.of("name", "login"), tagged),
                new SeriesResult("http_req_duration", MetricKind.TREND, ValueType.TIME, Tags.empty(), trend),
                new SeriesResult("http_reqs", MetricKind.COUNTER, ValueType.DEFAULT, Tags.empty(),
                        new SeriesStats.CounterStats(100, 50)),
                new SeriesResult("http_req_failed", MetricKind.RATE, ValueType.DEFAULT, Tags.empty(),
                        new SeriesStats.RateStats(1, 99)));
        RunInfo info = new RunInfo("t", Instant.EPOCH, Duration.ofSeconds(2), List.of(), Map.of());
        return new RunResult(info, RunOutcome.COMPLETED, series, List.of(), List.of(), List.of());
    }

    @Test
    void trendIsTheUntaggedAggregateInTheMetricsUnit() {
        var trend = result().trend("http_req_duration");
        assertThat(trend.count()).isEqualTo(100);
        assertThat(trend.p(99)).isEqualTo(trend.percentile(99)).isBetween(98.9, 99.1); // milliseconds
    }

    @Test
    void counterAndRateAreTheUntaggedAggregates() {
        assertThat(result().counter("http_reqs").count()).isEqualTo(100);
        assertThat(result().rate("http_req_failed").rate()).isEqualTo(0.01);
    }

    @Test
    void aMissingOrMistypedMetricNamesWhatWasRecorded() {
        assertThatThrownBy(() -> result().trend("http_req_durations"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no trend metric named http_req_durations")
                .hasMessageContaining("[http_req_duration, http_req_failed, http_reqs]");
        assertThatThrownBy(() -> result().counter("http_req_duration"))
                .hasMessageContaining("no counter metric named http_req_duration");
    }
}
