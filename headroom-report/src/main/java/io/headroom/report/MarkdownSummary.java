package io.headroom.report;

import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.result.RunResult;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The end-of-test summary as GitHub-flavoured markdown for a pull-request comment: verdict, key numbers,
 * thresholds with actual values, checks and the busiest endpoints. Text from the target or the plan is
 * escaped so it renders as text (GitHub renders inline HTML). Stateless and thread-safe.
 */
public final class MarkdownSummary implements ReportFormat {
    /** Endpoint rows shown; the JSON summary has them all. */
    public static final int MAX_ENDPOINTS = 20;

    /** The format; {@link ReportFormats#of} hands it out. */
    MarkdownSummary() {}

    /** The markdown text, lines ending in {@code \n}. */
    public static String render(RunResult result) {
        return render(RunReport.of(result));
    }

    /** The markdown text of {@code report}, lines ending in {@code \n}. */
    public static String render(RunReport report) {
        StringBuilder out = new StringBuilder(4096);
        List<ThresholdRow> thresholds = report.thresholds();
        long crossed = report.crossedThresholds();
        var health = report.result().generatorHealth();
        // One verdict in every output: a run the CLI calls invalid (exit 98) is invalid here too, whatever its thresholds.
        String verdict = health.invalid() ? "⛔ invalid run"
                : thresholds.isEmpty() ? "no thresholds set"
                : crossed == 0 ? "✅ all " + thresholds.size() + " thresholds held"
                : "❌ " + crossed + " of " + thresholds.size() + " thresholds crossed";
        out.append("## Headroom: ").append(text(report.name())).append(" — ").append(verdict).append("\n\n");
        if (health.invalid()) {
            out.append("> ⛔ **").append(text(ConsoleSummary.INVALID_RUN_HEADLINE)).append("**\n");
            for (String reason : health.reasons()) out.append("> - ").append(text(reason)).append("\n");
            out.append("\n");
        }
        if (report.outcome().partial()) {
            out.append("> ⚠️ **").append(text(report.outcome().headline())).append("**\n\n");
        }
        KeyNumbers n = report.numbers();
        out.append("| requests | req/s | p50 | p95 | p99 | error rate | duration |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        out.append("| ").append(Units.number(n.requests(), 0))
                .append(" | ").append(Units.number(n.requestsPerSecond(), 2))
                .append(" | ").append(Units.duration(n.p50Millis()))
                .append(" | ").append(Units.duration(n.p95Millis()))
                .append(" | ").append(Units.duration(n.p99Millis()))
                .append(" | ").append(Units.percent(n.errorRate()))
                .append(" | ").append(Units.duration(n.durationMillis()))
                .append(" |\n\n");
        if (!thresholds.isEmpty()) {
            out.append("### Thresholds\n\n| | metric | threshold | actual |\n|---|---|---|---|\n");
            for (ThresholdRow t : thresholds) {
                String mark = switch (t.verdict()) {
                    case HELD -> "✅";
                    case CROSSED -> "❌";
                    case NO_DATA -> "⚪";
                };
                String actual = switch (t.verdict()) {
                    case HELD -> t.actual();
                    case CROSSED -> "**" + t.actual() + "**";
                    case NO_DATA -> t.actual();
                };
                out.append("| ").append(mark).append(" | ").append(code(t.selector())).append(" | ")
                        .append(code(t.expression())).append(" | ").append(actual).append(" |\n");
            }
            out.append('\n');
        }
        if (!report.checks().isEmpty()) {
            out.append("### Checks\n\n| | check | passed | ✓ | ✗ |\n|---|---|---:|---:|---:|\n");
            for (CheckResult c : report.checks()) {
                out.append("| ").append(c.fails() == 0 ? "✅" : "❌").append(" | ").append(text(c.name())).append(" | ")
                        .append(Units.percent(c.passRate())).append(" | ").append(c.passes()).append(" | ").append(c.fails()).append(" |\n");
            }
            out.append('\n');
        }
        List<EndpointSummary> endpoints = report.endpoints();
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
        if (!report.errorSamples().isEmpty()) {
            out.append("### Errors\n\n| code | count | sample message |\n|---|---:|---|\n");
            for (ErrorSample e : report.errorSamples()) {
                out.append("| ").append(text(e.code())).append(" | ").append(e.count()).append(" | ")
                        .append(text(ErrorSamples.oneLine(e.message(), 200))).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public void write(RunReport report, OutputStream out) throws IOException {
        out.write(render(report).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes the markdown to {@code file} by {@link OutputFile}: whole or not at all. */
    public static void write(RunResult result, Path file) throws IOException {
        OutputFile.writeString(file, null, render(result));
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
