package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Both runs on one elapsed-time axis: every second of either, each run's value where it has one, null elsewhere. */
class HtmlComparisonTest {
    /** A run with one point per entry of {@code offsets} (ms), p95 = the offset in seconds × {@code scale}. */
    private static RunResult run(double scale, long... offsets) {
        List<IntervalPoint> points = new ArrayList<>();
        for (long ms : offsets) {
            double p = ms / 1000.0 * scale;
            points.add(new IntervalPoint(ms, List.of(new IntervalPoint.Series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND,
                    Tags.empty(), 10, 10 * p, 0, p, p, p, p, p))));
        }
        RunInfo info = new RunInfo("r", Instant.EPOCH, Duration.ofMillis(offsets[offsets.length - 1]), List.of(), Map.of());
        return new RunResult(info, RunOutcome.COMPLETED, List.of(), List.of(), List.of(), points);
    }

    @Test
    void runsOfDifferentLengthsAndTicksShareOneAxis() {
        RunResult after = run(1, 1000, 2000, 3000, 3400);
        RunResult before = run(10, 1000, 2000, 2500);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = HtmlComparison.chartData(HtmlChartData.of(after), before);
        assertThat((Double[]) data.get("seconds")).containsExactly(1.0, 2.0, 2.5, 3.0, 3.4);
        @SuppressWarnings("unchecked")
        Map<String, Double[]> a = (Map<String, Double[]>) data.get("after"), b = (Map<String, Double[]>) data.get("before");
        assertThat(Arrays.asList(a.get("p95"))).containsExactly(1.0, 2.0, null, 3.0, 3.4);
        assertThat(Arrays.asList(b.get("p95"))).containsExactly(10.0, 20.0, 25.0, null, null);
        // The same run on both sides: one axis equal to its own, the series equal to its own chart's.
        Map<String, Object> self = HtmlComparison.chartData(HtmlChartData.of(after), after);
        assertThat((Double[]) self.get("seconds")).containsExactly((Double[]) HtmlChartData.of(after).get("seconds"));
        @SuppressWarnings("unchecked")
        Map<String, Double[]> same = (Map<String, Double[]>) self.get("before");
        assertThat(same.get("rps")).containsExactly((Double[]) HtmlChartData.of(after).get("rps"));
    }
}
