package io.headroom.analysis.history;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.headroom.analysis.history.BaselineSelectionTest.ok;
import static io.headroom.analysis.history.BaselineSelectionTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrendSeriesTest {
    @Test
    void lastRunsOfThePlanOldestFirstWithInvalidAndIncompleteRunsMarked() {
        List<HistoryEntry> history = List.of(ok(4, 40), ok(1, 10), run(2, "other", "bbbb", 5, false, "COMPLETED"),
                run(3, "shop", "aaaa", 300, true, "COMPLETED"), run(5, "shop", "aaaa", 9, false, "INTERRUPTED"), ok(6, 60));
        TrendSeries s = TrendSeries.of(history, e -> "aaaa".equals(e.planHash()), "shop", TrendMetric.P95, 4);
        assertThat(s.points()).extracting(TrendSeries.Point::runId).containsExactly("r3", "r4", "r5", "r6");
        assertThat(s.olderRuns()).isEqualTo(1);
        assertThat(s.points()).extracting(TrendSeries.Point::trusted).containsExactly(false, true, false, true);
        assertThat(s.points()).extracting(TrendSeries.Point::note).containsExactly("invalid run", "", "INTERRUPTED", "");
        assertThat(s.points()).extracting(TrendSeries.Point::value).containsExactly(300.0, 40.0, 9.0, 60.0);
    }

    @Test
    void metricsParseByTheirCommandLineNamesAndAnUnknownOneListsThem() {
        assertThat(TrendMetric.parse("http_req_duration:p99")).isEqualTo(TrendMetric.P99);
        assertThat(TrendMetric.parse("http_req_duration")).isEqualTo(TrendMetric.P95);
        assertThat(TrendMetric.parse("http_reqs:rate").of(ok(1, 10))).isEqualTo(100.0);
        assertThatThrownBy(() -> TrendMetric.parse("vus:max")).hasMessageContaining("http_req_failed:rate").hasMessageContaining("vus:max");
    }
}
