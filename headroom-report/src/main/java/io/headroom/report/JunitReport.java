package io.headroom.report;

import io.headroom.core.metric.CheckResult;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run as JUnit XML, the format CI systems (Jenkins, GitLab, GitHub test reporters) read: a suite of
 * one test case per threshold (a crossed one fails, its message names the actual value), a suite of one
 * test case per check (failing when any evaluation failed), and a run case that fails for partial runs.
 * Stateless and thread-safe.
 */
public final class JunitReport {
    private JunitReport() {}

    /** The XML document, UTF-8, with a trailing newline. */
    public static String render(RunResult result) {
        List<Case> thresholds = new ArrayList<>();
        for (ThresholdResult t : result.thresholds()) {
            String name = t.spec().selector() + " " + t.spec().expression();
            thresholds.add(switch (t.verdict()) {
                case ThresholdVerdict.Held h -> new Case(name, null, ThresholdText.actual(result, t.spec(), h.actual()));
                case ThresholdVerdict.NoData n -> new Case(name, null, "no data: no sample matched; counts as held");
                case ThresholdVerdict.Crossed c -> new Case(name, "threshold crossed: "
                        + ThresholdText.actual(result, t.spec(), c.actual()) + " does not satisfy '" + t.spec().expression() + "'", null);
            });
        }
        List<Case> checks = new ArrayList<>();
        for (CheckResult c : result.checks()) {
            String group = c.group() == null ? "" : c.group().replaceFirst("^::", "");
            String name = group.isEmpty() ? c.name() : group + " :: " + c.name();
            String summary = c.fails() + " of " + (c.passes() + c.fails()) + " failed (" + Units.percent(c.passRate()) + " passed)";
            checks.add(c.fails() > 0 ? new Case(name, "check failed: " + summary, null) : new Case(name, null, summary));
        }
        List<Case> run = List.of(result.outcome() == RunOutcome.COMPLETED
                ? new Case("run completed", null, null)
                : new Case("run completed", ConsoleSummary.partialHeadline(result.outcome()), null));

        double seconds = result.info().duration() == null ? 0 : result.info().duration().toNanos() / 1e9;
        int tests = thresholds.size() + checks.size() + run.size();
        long failures = java.util.stream.Stream.of(thresholds, checks, run).flatMap(List::stream).filter(c -> c.failure != null).count();
        StringBuilder out = new StringBuilder(4096);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuites name=\"").append(xml("headroom: " + result.info().name())).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" time=\"").append(time(seconds)).append("\">\n");
        suite(out, "thresholds", thresholds, result, seconds);
        suite(out, "checks", checks, result, 0);
        suite(out, "run", run, result, 0);
        out.append("</testsuites>\n");
        return out.toString();
    }

    /** Writes the document to {@code file}, replacing it. */
    public static void write(RunResult result, Path file) throws IOException {
        Files.writeString(file, render(result), StandardCharsets.UTF_8);
    }

    private record Case(String name, String failure, String output) {}

    private static void suite(StringBuilder out, String name, List<Case> cases, RunResult result, double seconds) {
        long failures = cases.stream().filter(c -> c.failure != null).count();
        out.append("  <testsuite name=\"").append(xml("headroom." + name)).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"").append(time(seconds));
        if (result.info().startedAt() != null) out.append("\" timestamp=\"").append(result.info().startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace("Z", ""));
        out.append("\">\n");
        for (Case c : cases) {
            out.append("    <testcase classname=\"").append(xml("headroom." + name)).append("\" name=\"").append(xml(c.name))
                    .append("\" time=\"0\"");
            if (c.failure == null && c.output == null) {
                out.append("/>\n");
                continue;
            }
            out.append(">\n");
            if (c.failure != null) {
                out.append("      <failure message=\"").append(xml(c.failure)).append("\" type=\"").append(xml(name))
                        .append("\">").append(xml(c.failure)).append("</failure>\n");
            }
            if (c.output != null) out.append("      <system-out>").append(xml(c.output)).append("</system-out>\n");
            out.append("    </testcase>\n");
        }
        out.append("  </testsuite>\n");
    }

    private static String time(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    /** Escapes for XML text and attributes; drops characters XML 1.0 cannot hold at all. */
    static String xml(String text) {
        String redacted = Redaction.text(text == null ? "" : text);
        StringBuilder out = new StringBuilder(redacted.length() + 16);
        for (int i = 0; i < redacted.length(); i++) {
            char c = redacted.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) out.append(c);
                    else out.append('\uFFFD');
                }
            }
        }
        return out.toString();
    }
}
