package io.headroom.report;

import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.ValueType;
import io.headroom.core.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console summary's CHECKS section, k6's layout: checks_total, checks_succeeded and checks_failed, then each
 * check with its pass rate, passes and fails, under its group. Appends to the summary's buffer; one use per
 * rendering, not thread-safe.
 */
final class ConsoleChecks {
    private static final String INDENT = "    ";

    private final RunReport report;
    private final RunResult result;
    private final Ansi ansi;
    private final StringBuilder out;

    ConsoleChecks(RunReport report, Ansi ansi, StringBuilder out) {
        this.report = report;
        this.result = report.result();
        this.ansi = ansi;
        this.out = out;
    }

    /**
     * k6 v1's lines above the checks (internal/output/summary/data.go, populateSummaryChecks): checks_total a
     * count and its rate per second, checks_succeeded and checks_failed each a fraction and "N out of total".
     */
    private void checkTotals(long passes, long fails) {
        long total = passes + fails;
        double seconds = result.info().duration() == null ? 0 : result.info().duration().toNanos() / 1e9;
        String[][] rows = {
                {"checks_total", Long.toString(total), Units.perSecond(seconds > 0 ? total / seconds : 0, ValueType.DEFAULT)},
                {"checks_succeeded", Units.percent(total == 0 ? 0 : (double) passes / total), passes + " out of " + total},
                {"checks_failed", Units.percent(total == 0 ? 0 : (double) fails / total), fails + " out of " + total},
        };
        int nameWidth = "checks_succeeded".length() + 3;
        int firstWidth = 0;
        for (String[] row : rows) firstWidth = Math.max(firstWidth, row[1].length());
        for (String[] row : rows) {
            out.append(INDENT).append(row[0]).append(ansi.faint(ConsoleMetrics.dots(row[0], nameWidth))).append(": ")
                    .append(ansi.cyan(Ansi.padRight(row[1], firstWidth) + " " + row[2])).append('\n');
        }
        out.append('\n');
    }

    /** The CHECKS section: the totals, then every check by group; nothing when the run had no checks. */
    void render() {
        if (result.checks().isEmpty()) return;
        long passes = 0, fails = 0;
        for (CheckResult c : report.checks()) {
            passes += c.passes();
            fails += c.fails();
        }
        long total = passes + fails;
        String headline = Units.percent(total == 0 ? 0 : (double) passes / total) + " passed (" + passes
                + " of " + total + ")";
        out.append("  ").append(ansi.bold("█ CHECKS")).append("  ").append(fails == 0 ? ansi.green(headline) : ansi.red(headline))
                .append("\n\n");
        checkTotals(passes, fails);

        Map<String, List<CheckResult>> byGroup = new LinkedHashMap<>();
        byGroup.put("", new ArrayList<>());
        for (CheckResult c : result.checks()) {
            byGroup.computeIfAbsent(groupName(c.group()), k -> new ArrayList<>()).add(c);
        }
        int nameWidth = 0;
        int passWidth = 0;
        int failWidth = 0;
        for (CheckResult c : result.checks()) {
            int indent = groupName(c.group()).isEmpty() ? 0 : 2;
            nameWidth = Math.max(nameWidth, indent + Ansi.width(c.name()));
            passWidth = Math.max(passWidth, Long.toString(c.passes()).length());
            failWidth = Math.max(failWidth, Long.toString(c.fails()).length());
        }
        boolean first = true;
        for (Map.Entry<String, List<CheckResult>> group : byGroup.entrySet()) {
            if (group.getValue().isEmpty()) continue;
            String indent = group.getKey().isEmpty() ? "" : "  ";
            if (!group.getKey().isEmpty()) {
                if (!first) out.append('\n');
                out.append(INDENT).append(ansi.bold("group " + group.getKey())).append('\n');
            }
            for (CheckResult c : group.getValue()) {
                boolean held = c.fails() == 0;
                out.append(INDENT).append(indent).append(held ? ansi.green("✓") : ansi.red("✗")).append(' ')
                        .append(Ansi.padRight(c.name(), nameWidth - indent.length())).append("  ")
                        .append(Ansi.padLeft(Units.percent(c.passRate()), 7)).append("  ")
                        .append(ansi.green("✓")).append(' ').append(Ansi.padRight(Long.toString(c.passes()), passWidth))
                        .append("  ").append(c.fails() > 0 ? ansi.red("✗") : "✗").append(' ')
                        .append(Long.toString(c.fails())).append('\n');
            }
            first = false;
        }
        out.append('\n');
    }

    private static String groupName(String group) {
        if (group == null) return "";
        String g = group.strip();
        while (g.startsWith("::")) g = g.substring(2);
        return g;
    }
}
