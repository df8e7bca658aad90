package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The end-of-test summary as GitHub-flavoured markdown for a pull-request comment: verdict, key numbers,
 * thresholds with actual values, checks and the busiest endpoints. Text from the target or the plan is
 * escaped so it renders as text (GitHub renders inline HTML). Stateless and thread-safe.
 */
public final class MarkdownSummary {
    /** Endpoint rows shown; the JSON summary has them all. */
    public static final int MAX_ENDPOINTS = 20;

    private MarkdownSummary() {}

    /** The markdown text, lines ending in {@code \n}. */
    public static String render(RunResult result) {
        StringBuilder out = new StringBuilder(4096);
        List<ThresholdResult> thresholds = result.thresholds();
        long crossed = thresholds.stream().filter(t -> t.verdict() instanceof ThresholdVerdict.Crossed).count();
        String verdict = thresholds.isEmpty() ? "no thresholds set"
                : crossed == 0 ? "✅ all " + thresholds.size() + " thresholds held"
                : "❌ " + crossed + " of " + thresholds.size() + " thresholds crossed";
        out.append("## Headroom: ").append(text(result.info().name())).append(" — ").append(verdict).append("\n\n");
        if (result.outcome() != RunOutcome.COMPLETED) {
            out.append("> ⚠️ **").append(text(ConsoleSummary.partialHeadline(result.outcome()))).append("**\n\n");
        }
        Optional<SeriesResult> reqs = Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQS);
        Optional<TrendStats> duration = Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQ_DURATION)
                .map(s -> s.stats() instanceof TrendStats t && t.count() > 0 ? t : null);
        Optional<RateStats> failed = Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQ_FAILED)
                .map(s -> s.stats() instanceof RateStats r ? r : null);
        out.append("| requests | req/s | p50 | p95 | p99 | error rate | duration |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        out.append("| ").append(reqs.map(s -> s.stats() instanceof CounterStats c ? Units.number(c.count(), 0) : "-").orElse("-"))
                .append(" | ").append(reqs.map(s -> s.stats() instanceof CounterStats c ? Units.number(c.ratePerSecond(), 2) : "-").orElse("-"))
                .append(" | ").append(duration.map(t -> Units.duration(t.percentile(50))).orElse("-"))
                .append(" | ").append(duration.map(t -> Units.duration(t.percentile(95))).orElse("-"))
                .append(" | ").append(duration.map(t -> Units.duration(t.percentile(99))).orElse("-"))
                .append(" | ").append(failed.map(r -> Units.percent(r.rate())).orElse("-"))
                .append(" | ").append(result.info().duration() == null ? "-" : Units.duration(result.info().duration().toNanos() / 1e6))
                .append(" |\n\n");
        if (!thresholds.isEmpty()) {
            out.append("### Thresholds\n\n| | metric | threshold | actual |\n|---|---|---|---|\n");
            for (ThresholdResult t : thresholds) {
                String mark;
                String actual;
                switch (t.verdict()) {
                    case ThresholdVerdict.Held h -> {
                        mark = "✅";
                        actual = ThresholdText.actual(result, t.spec(), h.actual());
                    }
                    case ThresholdVerdict.Crossed c -> {
                        mark = "❌";
                        actual = "**" + ThresholdText.actual(result, t.spec(), c.actual()) + "**";
                    }
                    case ThresholdVerdict.NoData n -> {
                        mark = "⚪";
                        actual = "no data";
                    }
                }
                out.append("| ").append(mark).append(" | ").append(code(t.spec().selector())).append(" | ")
                        .append(code(t.spec().expression())).append(" | ").append(actual).append(" |\n");
            }
            out.append('\n');
        }
        if (!result.checks().isEmpty()) {
            out.append("### Checks\n\n| | check | passed | ✓ | ✗ |\n|---|---|---:|---:|---:|\n");
            for (CheckResult c : result.checks()) {
                out.append("| ").append(c.fails() == 0 ? "✅" : "❌").append(" | ").append(text(c.name())).append(" | ")
                        .append(Units.percent(c.passRate())).append(" | ").append(c.passes()).append(" | ").append(c.fails()).append(" |\n");
            }
            out.append('\n');
        }
        List<EndpointSummary> endpoints = EndpointSummary.of(result);
        if (!endpoints.isEmpty()) {
            out.append("<details><summary>Endpoints</summary>\n\n")
                    .append("| name | method | count | req/s | p50 | p95 | p99 | max | errors |\n")
                    .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (EndpointSummary e : endpoints.subList(0, Math.min(MAX_ENDPOINTS, endpoints.size()))) {
                out.append("| ").append(text(e.name())).append(" | ").append(text(e.method())).append(" | ").append(e.count())
                        .append(" | ").append(Units.number(e.requestsPerSecond(), 2)).append(" | ").append(Units.duration(e.p50Millis()))
                        .append(" | ").append(Units.duration(e.p95Millis())).append(" | ").append(Units.duration(e.p99Millis()))
                        .append(" | ").append(Units.duration(e.maxMillis())).append(" | ")
                        .append(Double.isNaN(e.errorRate()) ? "-" : Units.percent(e.errorRate())).append(" |\n");
            }
            if (endpoints.size() > MAX_ENDPOINTS) {
                out.append("\n").append(endpoints.size() - MAX_ENDPOINTS).append(" more in the JSON summary.\n");
            }
            out.append("\n</details>\n\n");
        }
        if (!result.errorSamples().isEmpty()) {
            out.append("### Errors\n\n| code | count | sample message |\n|---|---:|---|\n");
            for (io.headroom.core.metric.ErrorSample e : ErrorSamples.byCount(result)) {
                out.append("| ").append(text(e.code())).append(" | ").append(e.count()).append(" | ")
                        .append(text(ErrorSamples.oneLine(e.message(), 200))).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Writes the markdown to {@code file}, replacing it. */
    public static void write(RunResult result, Path file) throws IOException {
        Files.writeString(file, render(result), StandardCharsets.UTF_8);
    }

    /** Plain text in a table cell: HTML and markdown syntax neutralised, secrets redacted, one line. */
    static String text(String value) {
        String s = Redaction.text(value == null ? "" : value);
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '|' -> out.append("\\|");
                case '\n', '\r' -> out.append(' ');
                case '\\', '`', '*', '_', '[', ']', '#', '!' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A code span; markdown escapes do not work inside one, so HTML entities and pipes are the only care. */
    private static String code(String value) {
        String s = Redaction.text(value == null ? "" : value).replace("\n", " ").replace("\r", " ");
        return "<code>" + s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "&#124;") + "</code>";
    }
}
