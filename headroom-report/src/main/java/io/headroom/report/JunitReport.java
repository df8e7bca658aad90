package io.headroom.report;

import io.headroom.core.metric.CheckResult;
import io.headroom.core.result.RunResult;
import io.headroom.core.text.Xml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
public final class JunitReport implements ReportFormat {
    /** The format; {@link ReportFormats#of} hands it out. */
    JunitReport() {}

    /** The XML document, UTF-8, with a trailing newline. */
    public static String render(RunResult result) {
        return render(RunReport.of(result));
    }

    /** The XML document of {@code report}, with a trailing newline. */
    public static String render(RunReport report) {
        RunResult result = report.result();
        List<Case> thresholds = new ArrayList<>();
        for (ThresholdRow t : report.thresholds()) {
            String name = t.selector() + " " + t.expression();
            thresholds.add(switch (t.verdict()) {
                case HELD -> new Case(name, null, t.actual());
                case NO_DATA -> new Case(name, null, t.actual());
                case CROSSED -> new Case(name, "threshold crossed: " + t.actual() + " does not satisfy '" + t.expression() + "'", null);
            });
        }
        List<Case> checks = new ArrayList<>();
        for (CheckResult c : report.checks()) {
            String group = c.group() == null ? "" : c.group().replaceFirst("^::", "");
            String name = group.isEmpty() ? c.name() : group + " :: " + c.name();
            String summary = c.fails() + " of " + (c.passes() + c.fails()) + " failed (" + Units.percent(c.passRate()) + " passed)";
            checks.add(c.fails() > 0 ? new Case(name, "check failed: " + summary, null) : new Case(name, null, summary));
        }
        var health = result.generatorHealth();
        // One verdict in every output: the run the CLI calls invalid (exit 98) fails here as well.
        List<Case> run = List.of(report.outcome().partial()
                        ? new Case("run completed", report.outcome().headline(), null)
                        : new Case("run completed", null, null),
                health.invalid()
                        ? new Case("generator kept to the plan", ConsoleSummary.INVALID_RUN_HEADLINE + ": "
                                + String.join("; ", health.reasons()), null)
                        : new Case("generator kept to the plan", null, null));

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

    @Override
    public void write(RunReport report, OutputStream out) throws IOException {
        out.write(render(report).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes the document to {@code file} by {@link OutputFile}: whole or not at all. */
    public static void write(RunResult result, Path file) throws IOException {
        OutputFile.writeString(file, null, render(result));
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

    /** Escapes for XML text and attributes, secrets redacted; drops characters XML 1.0 cannot hold at all. */
    static String xml(String text) {
        return Xml.escape(Redaction.text(text == null ? "" : text));
    }
}
