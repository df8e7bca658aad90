package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorSamplesReportTest {
    /** {@code base} with a refused connection, a status failure with a hostile body-like message, and an iteration error. */
    static RunResult withSamples(RunResult base) {
        List<SeriesResult> series = new ArrayList<>(base.series());
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT,
                Tags.of("name", "/", "status", "0", "error_code", "1212"), new RateStats(431, 0)));
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT,
                Tags.of("name", "/", "status", "500", "error_code", "1500"), new RateStats(12, 0)));
        series.add(new SeriesResult(BuiltinMetrics.ITERATION_ERRORS, MetricKind.COUNTER, ValueType.DEFAULT,
                Tags.of("error", "IllegalStateException"), new CounterStats(2, 1)));
        return new RunResult(base.info(), base.outcome(), series, base.checks(), base.thresholds(), base.intervals(),
                base.generatorHealth(), List.of(
                new ErrorSample("1212", "dial tcp 127.0.0.1:1: connection refused", 431, 3),
                new ErrorSample("1500", "HTTP 500 <script>alert(1)</script>", 12, 840),
                new ErrorSample("iteration:IllegalStateException", "IllegalStateException: no token\n\u001b[31mred", 2, 1210)));
    }

    @Test
    void consoleListsEveryCodeWithItsFirstMessageMostFrequentFirst() {
        String console = new ConsoleSummary(false).render(withSamples(SampleResults.smallRun()));

        assertThat(console).contains("█ ERRORS");
        String errors = console.substring(console.indexOf("█ ERRORS"));
        assertThat(errors).containsSubsequence("1212", "431", "dial tcp 127.0.0.1:1: connection refused",
                "1500", "12", "HTTP 500", "iteration:IllegalStateException", "2", "IllegalStateException: no token [31mred");
        assertThat(errors).doesNotContain("\u001b");
    }

    @Test
    void consoleHasNoErrorsSectionWhenNothingFailed() {
        assertThat(new ConsoleSummary(false).render(SampleResults.smallRun())).doesNotContain("ERRORS");
    }

    @Test
    void htmlShowsTheSampleMessageOfEachCodeEscaped() {
        String html = HtmlReport.render(withSamples(SampleResults.smallRun()));
        String errors = html.substring(html.indexOf("<section id=\"errors\">"));
        errors = errors.substring(0, errors.indexOf("</section>"));

        assertThat(errors).contains("<th>sample message</th>")
                .contains("error 1212</td>", "<code>dial tcp 127.0.0.1:1: connection refused</code>")
                .contains("<code>HTTP 500 &lt;script&gt;alert(1)&lt;/script&gt;</code>")
                .contains("iteration error IllegalStateException", "IllegalStateException: no token")
                .doesNotContain("<script>");
    }

    @Test
    void markdownListsTheSamples() {
        String md = MarkdownSummary.render(withSamples(SampleResults.smallRun()));

        assertThat(md).contains("### Errors", "| 1212 | 431 | dial tcp 127.0.0.1:1: connection refused |",
                "HTTP 500 &lt;script&gt;");
    }

    @Test
    void redactionHidesCredentialsInSampleMessages() {
        RunResult base = SampleResults.smallRun();
        RunResult secret = base.withErrorSamples(List.of(
                new ErrorSample("1000", "rejected request with Authorization: Bearer x-secret-token", 1, 0),
                new ErrorSample("1212", "dial http://alice:pw-s3cret@127.0.0.1:1/x refused", 1, 0),
                new ErrorSample("1401", "HTTP 401 for ?api_key=k3y-value", 1, 0)));

        RunResult redacted = Redaction.apply(secret, Set.of("api_key"));

        assertThat(redacted.errorSamples()).extracting(ErrorSample::message).containsExactly(
                "rejected request with Authorization: [REDACTED]",
                "dial http://[REDACTED]@127.0.0.1:1/x refused",
                "HTTP 401 for ?api_key=[REDACTED]");
        String everything = JsonSummary.toJson(redacted) + HtmlReport.render(redacted) + MarkdownSummary.render(redacted)
                + new ConsoleSummary(false).render(redacted);
        assertThat(everything).doesNotContain("x-secret-token", "pw-s3cret", "k3y-value");
        assertThat(Redaction.apply(base.withErrorSamples(List.of(new ErrorSample("1212", "refused", 1, 0)))).errorSamples())
                .extracting(ErrorSample::message).containsExactly("refused");
    }
}
