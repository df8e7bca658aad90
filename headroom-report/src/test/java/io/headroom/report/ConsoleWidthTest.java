package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.headroom.report.SampleResults.histogram;
import static io.headroom.report.SampleResults.series;
import static io.headroom.report.SampleResults.trend;
import static org.assertj.core.api.Assertions.assertThat;

/** The console summary fitted to a terminal's width, and the service-time rows printed only where they differ. */
class ConsoleWidthTest {
    private static final Pattern NUMBER_FIELD = Pattern.compile("[a-z0-9()]+=[0-9.]+[a-zµ%/]*");

    @Test
    void at60ColumnsNoLineIsWiderThan59AndEveryValueIsWholeOnOneLine() {
        RunResult run = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        String wide = new ConsoleSummary(false).render(run);
        String narrow = new ConsoleSummary(false, ConsoleSummary.DEFAULT_MAX_ENDPOINTS, TrendColumns.DEFAULT, 60).render(run);
        assertThat(wide.lines().mapToInt(Ansi::width).max().orElse(0)).as("the full summary is wider").isGreaterThan(60);
        for (String line : narrow.lines().toList()) assertThat(Ansi.width(line)).as(line).isLessThanOrEqualTo(59);
        // Every key=value of the full summary is found whole in the narrow one: wrapped between fields, not inside.
        Matcher m = NUMBER_FIELD.matcher(wide);
        List<String> fields = new ArrayList<>();
        while (m.find()) fields.add(m.group());
        assertThat(fields).isNotEmpty();
        for (String field : fields) assertThat(narrow).contains(field);
        // The endpoint table keeps name, count, p95 and errors; p50 is the first to go.
        assertThat(narrow).contains("count").contains("p95").contains("errors").doesNotContain("p50");
        assertThat(wide).contains("p50");
    }

    @Test
    void withNoWidthTheSummaryIsTheFullOne() {
        RunResult run = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        assertThat(new ConsoleSummary(false, ConsoleSummary.DEFAULT_MAX_ENDPOINTS, TrendColumns.DEFAULT, 0).render(run))
                .isEqualTo(new ConsoleSummary(false).render(run));
        String at200 = new ConsoleSummary(false, ConsoleSummary.DEFAULT_MAX_ENDPOINTS, TrendColumns.DEFAULT, 200).render(run);
        assertThat(at200).isEqualTo(new ConsoleSummary(false).render(run));
    }

    @Test
    void serviceTimeRowsThatRepeatTheirMetricAreLeftOutAndShownWhereTheyDiffer() {
        var durations = histogram(1_000, 2_000, 3_000);
        var later = histogram(1_000, 2_000, 900_000);
        RunResult closed = with(SampleResults.smallRun(), List.of(
                series(BuiltinMetrics.HTTP_REQ_SERVICE_DURATION, MetricKind.TREND, ValueType.TIME, Tags.empty(), trend(histogram(1_000, 1_500, 2_000, 250_000))),
                series(BuiltinMetrics.ITERATION_DURATION, MetricKind.TREND, ValueType.TIME, Tags.empty(), trend(durations)),
                series(BuiltinMetrics.ITERATION_SERVICE_DURATION, MetricKind.TREND, ValueType.TIME, Tags.empty(), trend(durations))));
        String closedText = new ConsoleSummary(false).render(closed);
        assertThat(closedText).contains("http_req_duration", "iteration_duration")
                .doesNotContain("http_req_service_duration").doesNotContain("iteration_service_duration");
        // The JSON summary keeps them.
        assertThat(JsonSummary.toJson(closed)).contains("http_req_service_duration", "iteration_service_duration");

        RunResult open = with(SampleResults.smallRun(), List.of(
                series(BuiltinMetrics.HTTP_REQ_SERVICE_DURATION, MetricKind.TREND, ValueType.TIME, Tags.empty(), trend(histogram(900, 1_000, 1_100, 1_200))),
                series(BuiltinMetrics.ITERATION_DURATION, MetricKind.TREND, ValueType.TIME, Tags.empty(), trend(later)),
                series(BuiltinMetrics.ITERATION_SERVICE_DURATION, MetricKind.TREND, ValueType.TIME, Tags.empty(), trend(durations))));
        assertThat(new ConsoleSummary(false).render(open)).contains("http_req_service_duration", "iteration_service_duration");
    }

    @Test
    void theWrapperBreaksAtSpacesIndentsTheRestAndLeavesShortLinesAlone() throws Exception {
        StringWriter sink = new StringWriter();
        try (WrappingWriter w = new WrappingWriter(sink, 20)) {
            w.write("  findings: p95 123.45ms over 0.25% of 1234567 requests\nshort\n");
        }
        assertThat(sink.toString()).isEqualTo("""
                  findings: p95
                    123.45ms over
                    0.25% of 1234567
                    requests
                short
                """);
        assertThat(WrappingWriter.wrapLines("  a very long line\n", 0)).isEqualTo("  a very long line\n");
        // A word longer than the room is broken where it must be (a path, not a number).
        assertThat(WrappingWriter.wrap("/a/very/long/path/without/spaces", 10).lines()).allMatch(l -> l.length() <= 10);
    }

    private static RunResult with(RunResult run, List<SeriesResult> extra) {
        List<SeriesResult> series = new ArrayList<>(run.series());
        series.addAll(extra);
        return new RunResult(run.info(), run.outcome(), series, run.checks(), run.thresholds(), run.intervals());
    }
}
