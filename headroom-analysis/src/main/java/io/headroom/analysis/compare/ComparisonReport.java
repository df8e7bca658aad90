package io.headroom.analysis.compare;

import io.headroom.core.text.Json;
import io.headroom.analysis.Numbers;
import io.headroom.analysis.Unit;
import io.headroom.analysis.stats.Interval;

import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Comparison} as evidence: one line per change ("p95 250 ms → 95 ms (−62 %, 0.38×,
 * significant, better)"), grouped by whole run and endpoint, and a verdict. Plain text for the terminal,
 * Markdown for pull-request comments. Stateless.
 */
public final class ComparisonReport {
    private ComparisonReport() {}

    /** Plain text, one change a line, ending with the verdict. */
    public static String text(Comparison c) {
        StringBuilder sb = new StringBuilder();
        // Loudest first: an invalid run or another plan makes every number below suspect.
        for (String w : c.warnings()) sb.append("WARNING: ").append(w).append('\n');
        if (!c.warnings().isEmpty()) sb.append('\n');
        sb.append("Comparing ").append(c.beforeName()).append(" → ").append(c.afterName())
                .append("  (").append(basis(c)).append(")\n");
        if (c.designEffectBefore() > 1.5 || c.designEffectAfter() > 1.5) {
            sb.append("Requests cluster in time (design effect ").append(Numbers.sig3(c.designEffectBefore())).append(" before, ")
                    .append(Numbers.sig3(c.designEffectAfter()))
                    .append(" after): intervals use the effective number of independent requests.\n");
        }
        String group = "";
        for (Change ch : c.changes()) {
            String g = ch.endpoint() == null ? "whole run" : "endpoint " + ch.endpoint();
            if (!g.equals(group)) {
                sb.append('\n').append(g).append('\n');
                group = g;
            }
            sb.append(String.format(Locale.ROOT, "  %-11s %s%n", ch.quantity().label(), evidence(ch)));
        }
        sb.append('\n').append(methods(c)).append('\n');
        sb.append('\n').append(verdict(c)).append('\n');
        return sb.toString();
    }

    /** "Methods: p50, p95, p99: percentile bootstrap of log(after/before) ...; throughput: ...", the methods used. */
    public static String methods(Comparison c) {
        StringBuilder sb = new StringBuilder("Methods:");
        java.util.Map<Change.Method, java.util.Set<String>> used = new java.util.EnumMap<>(Change.Method.class);
        for (Change ch : c.changes()) used.computeIfAbsent(ch.method(), m -> new java.util.LinkedHashSet<>()).add(ch.quantity().label());
        used.forEach((m, quantities) -> sb.append("\n  ").append(String.join(", ", quantities)).append(": ").append(m.description()));
        sb.append(String.format(Locale.ROOT, "%n  smallest detectable change: at %.0f %% power", RunComparison.POWER * 100));
        return sb.toString();
    }

    /**
     * One change as the cells of a table row, formatted as every output of the comparison shows them: the Markdown
     * table, the HTML report's comparison section. Empty strings where a cell does not apply (no ratio for a rate).
     *
     * @param scope "whole run" or the endpoint's name
     */
    public record Row(String scope, String quantity, String before, String after, String change, String ratio,
                      String interval, String verdict, boolean regression) {}

    /** {@code ch} as a {@link Row}. */
    public static Row row(Change ch) {
        Unit unit = ch.quantity().unit();
        return new Row(ch.endpoint() == null ? "whole run" : ch.endpoint(), ch.quantity().label(), unit.format(ch.before()),
                unit.format(ch.after()), change(ch), ratio(ch), interval(ch), label(ch), ch.regression());
    }

    /** The line under the title of every output: confidence and margin, e.g. "95 % confidence; regression = ...". */
    public static String basis(Comparison c) {
        return String.format(Locale.ROOT, "%.0f %% confidence; regression = significantly worse by more than %s",
                c.options().confidenceLevel() * 100, Numbers.percent(c.options().maxRegressionFraction()));
    }

    /** A Markdown table per group, then the verdict in bold. */
    public static String markdown(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Headroom comparison: ").append(c.beforeName()).append(" → ").append(c.afterName()).append("\n\n");
        for (String w : c.warnings()) sb.append("> **WARNING:** ").append(w).append("\n>\n");
        if (!c.warnings().isEmpty()) sb.setLength(sb.length() - 2);
        if (!c.warnings().isEmpty()) sb.append('\n');
        sb.append("**").append(verdict(c)).append("**\n\n");
        sb.append("| scope | metric | before | after | change | ×  | ")
                .append(String.format(Locale.ROOT, "%.0f %% interval", c.options().confidenceLevel() * 100))
                .append(" | verdict |\n|---|---|---:|---:|---:|---:|---|---|\n");
        for (Change ch : c.changes()) {
            Row row = row(ch);
            sb.append("| ").append(ch.endpoint() == null ? row.scope() : "`" + ch.endpoint() + "`")
                    .append(" | ").append(row.quantity())
                    .append(" | ").append(row.before())
                    .append(" | ").append(row.after())
                    .append(" | ").append(row.change())
                    .append(" | ").append(row.ratio())
                    .append(" | ").append(row.interval())
                    .append(" | ").append(row.verdict()).append(" |\n");
        }
        sb.append('\n');
        for (String line : methods(c).split("\n")) sb.append(line.startsWith("  ") ? "- " + line.strip() : "*" + line + "*").append('\n');
        return sb.toString();
    }

    /**
     * JSON: {@code {"before", "after", "regression", "invalidRun", "inconclusive", "verdict", "warnings": [...],
     * "invalid": {"before": [reasons], "after": [reasons]}, "planDifference" (null when the plans match),
     * "environmentDifferences": [...], "maxRegression", "confidence", "power",
     * "designEffect": {"before", "after"}, "changes": [{"quantity", "endpoint", "unit", "method", "before", "after",
     * "relativeChange", "ratio", "difference": {"low", "high"}, "significant", "direction", "gated",
     * "regression", "inconclusive", "detectable"}]}}; rates are fractions, latencies milliseconds, throughput
     * requests per second; {@code detectable} is relative for latencies and throughput, a fraction for rates.
     */
    public static String json(Comparison c) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"before\": ").append(Json.quote(c.beforeName())).append(",\n");
        sb.append("  \"after\": ").append(Json.quote(c.afterName())).append(",\n");
        sb.append("  \"regression\": ").append(c.hasRegression()).append(",\n");
        sb.append("  \"invalidRun\": ").append(c.invalidRun()).append(",\n");
        sb.append("  \"inconclusive\": ").append(!c.hasRegression() && !c.inconclusiveGated().isEmpty()).append(",\n");
        sb.append("  \"verdict\": ").append(Json.quote(verdict(c))).append(",\n");
        sb.append("  \"warnings\": ").append(strings(c.warnings())).append(",\n");
        sb.append("  \"invalid\": {\"before\": ").append(strings(c.comparability().invalidBefore()))
                .append(", \"after\": ").append(strings(c.comparability().invalidAfter())).append("},\n");
        sb.append("  \"planDifference\": ").append(c.comparability().differentPlans()
                ? Json.quote(c.comparability().planDifference()) : "null").append(",\n");
        sb.append("  \"environmentDifferences\": ").append(strings(c.comparability().environmentDifferences())).append(",\n");
        sb.append("  \"maxRegression\": ").append(Json.number(c.options().maxRegressionFraction())).append(",\n");
        sb.append("  \"confidence\": ").append(Json.number(c.options().confidenceLevel())).append(",\n");
        sb.append("  \"power\": ").append(Json.number(RunComparison.POWER)).append(",\n");
        sb.append("  \"designEffect\": {\"before\": ").append(Json.number(c.designEffectBefore()))
                .append(", \"after\": ").append(Json.number(c.designEffectAfter())).append("},\n");
        sb.append("  \"changes\": [");
        for (int i = 0; i < c.changes().size(); i++) {
            Change ch = c.changes().get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"quantity\": ").append(Json.quote(ch.quantity().label()))
                    .append(", \"endpoint\": ").append(Json.quote(ch.endpoint()))
                    .append(", \"unit\": ").append(Json.quote(ch.quantity().unit().jsonName()))
                    .append(", \"method\": ").append(Json.quote(ch.method().id()))
                    .append(", \"before\": ").append(Json.number(ch.before()))
                    .append(", \"after\": ").append(Json.number(ch.after()))
                    .append(", \"relativeChange\": ").append(Json.number(ch.relativeChange()))
                    .append(", \"ratio\": ").append(Json.number(ch.ratio()))
                    .append(", \"difference\": {\"low\": ").append(Json.number(ch.difference().low()))
                    .append(", \"high\": ").append(Json.number(ch.difference().high())).append('}')
                    .append(", \"significant\": ").append(ch.significant())
                    .append(", \"direction\": ").append(Json.quote(ch.direction().name().toLowerCase(Locale.ROOT)))
                    .append(", \"gated\": ").append(ch.gated())
                    .append(", \"regression\": ").append(ch.regression())
                    .append(", \"inconclusive\": ").append(ch.inconclusive())
                    .append(", \"detectable\": ").append(Json.number(ch.detectable())).append('}');
        }
        return sb.append(c.changes().isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static String strings(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) sb.append(i == 0 ? "" : ", ").append(Json.quote(values.get(i)));
        return sb.append(']').toString();
    }

    /** "250 ms → 95 ms (−62 %, 0.38×, significant, better)". */
    public static String evidence(Change ch) {
        Unit unit = ch.quantity().unit();
        StringBuilder sb = new StringBuilder();
        sb.append(unit.format(ch.before())).append(" → ").append(unit.format(ch.after())).append(" (");
        sb.append(change(ch));
        String ratio = ratio(ch);
        if (!ratio.isEmpty()) sb.append(", ").append(ratio);
        sb.append(", ").append(label(ch));
        String interval = interval(ch);
        if (!interval.isEmpty()) sb.append("; interval ").append(interval);
        return sb.append(')').toString();
    }

    private static String change(Change ch) {
        if (ch.quantity().unit() == Unit.FRACTION) {
            // Rates change in percentage points; a relative change of a rate near 0 says little.
            double pp = (ch.after() - ch.before()) * 100;
            return (pp > 0 ? "+" : pp < 0 ? "−" : "±") + Numbers.sig3(Math.abs(pp)) + " pp";
        }
        return Numbers.signedPercent(ch.relativeChange());
    }

    private static String ratio(Change ch) {
        if (ch.quantity().unit() == Unit.FRACTION || Double.isNaN(ch.ratio())) return "";
        return String.format(Locale.ROOT, "%.2f×", ch.ratio());
    }

    private static String interval(Change ch) {
        Interval d = ch.difference();
        if (Double.isInfinite(d.low()) || Double.isNaN(d.low())) return "";
        if (ch.quantity().unit() == Unit.FRACTION) {
            return "[" + signedPp(d.low()) + ", " + signedPp(d.high()) + "]";
        }
        if (ch.before() == 0) return "";
        Interval r = ch.relativeDifference();
        return "[" + Numbers.signedPercent(r.low()) + ", " + Numbers.signedPercent(r.high()) + "]";
    }

    private static String signedPp(double fraction) {
        double pp = fraction * 100;
        return (pp > 0 ? "+" : pp < 0 ? "−" : "±") + Numbers.sig3(Math.abs(pp)) + " pp";
    }

    private static String label(Change ch) {
        if (ch.regression()) return "REGRESSION";
        if (ch.inconclusive()) return "inconclusive: " + detects(ch);
        if (!ch.significant()) return "not significant";
        return switch (ch.direction()) {
            case BETTER -> "significant, better";
            case WORSE -> "significant, worse" + (ch.gated() ? " but within the margin" : "");
            case UNCHANGED -> "significant";
        };
    }

    /**
     * "the data detects changes of +25 % / −20 % and more" (a ratio detected either way, for log-ratio
     * intervals), "... ±12 % ..." (throughput), "... ±0.4 pp ..." (rates), or that there was no test.
     */
    private static String detects(Change ch) {
        if (!Double.isFinite(ch.detectable())) return "too little data for a test";
        String size;
        if (ch.quantity().unit() == Unit.FRACTION) size = "±" + Numbers.sig3(ch.detectable() * 100) + " pp";
        else if (ch.method() == Change.Method.BOOTSTRAP_LOG_RATIO) {
            size = Numbers.signedPercent(ch.detectable()) + " / " + Numbers.signedPercent(1 / (1 + ch.detectable()) - 1);
        } else size = "±" + Numbers.sig3(ch.detectable() * 100) + " %";
        return "the data detects changes of " + size + " and more";
    }

    /**
     * One sentence: the regressions with their evidence; else, when a gated change could not be decided,
     * that the comparison is inconclusive (never "no regression" then); else that there is none. Prefixed
     * with "INVALID RUN" when either run was invalid, so no output states a verdict on the target alone.
     */
    public static String verdict(Comparison c) {
        String verdict = targetVerdict(c);
        if (!c.invalidRun()) return verdict;
        String who = !c.comparability().invalidBefore().isEmpty() && !c.comparability().invalidAfter().isEmpty()
                ? "both runs are" : (!c.comparability().invalidBefore().isEmpty() ? c.beforeName() : c.afterName()) + " is";
        return "INVALID RUN: " + who + " invalid (the generator was the bottleneck); what follows is no verdict on the target. "
                + verdict;
    }

    private static String targetVerdict(Comparison c) {
        List<Change> regressions = c.regressions();
        List<Change> undecided = c.inconclusiveGated();
        if (regressions.isEmpty() && !undecided.isEmpty()) {
            StringBuilder sb = new StringBuilder("INCONCLUSIVE: no regression shown, none ruled out: ");
            for (int i = 0; i < undecided.size(); i++) {
                Change ch = undecided.get(i);
                if (i == 3) {
                    sb.append("; and ").append(undecided.size() - 3).append(" more");
                    break;
                }
                if (i > 0) sb.append("; ");
                if (ch.endpoint() != null) sb.append(ch.endpoint()).append(' ');
                sb.append(ch.quantity().label());
                String interval = interval(ch);
                sb.append(interval.isEmpty() ? "" : " " + interval).append(" (").append(detects(ch)).append(')');
            }
            return sb.append(". Margin ").append(Numbers.percent(c.options().maxRegressionFraction()))
                    .append(": run longer or with more requests to decide.").toString();
        }
        if (regressions.isEmpty()) {
            long significant = c.significantChanges().size();
            return significant == 0 ? "No regression: no significant change."
                    : "No regression: " + significant + " significant change" + (significant == 1 ? "" : "s")
                    + ", none worse beyond the margin.";
        }
        StringBuilder sb = new StringBuilder("REGRESSION: ");
        for (int i = 0; i < regressions.size(); i++) {
            Change ch = regressions.get(i);
            if (i > 0) sb.append("; ");
            if (ch.endpoint() != null) sb.append(ch.endpoint()).append(' ');
            sb.append(ch.quantity().label()).append(' ')
                    .append(ch.quantity().unit().format(ch.before())).append(" → ")
                    .append(ch.quantity().unit().format(ch.after())).append(" (").append(change(ch)).append(')');
        }
        return sb.append('.').toString();
    }
}
