package io.headroom.report;

import io.headroom.core.metric.SeriesStats.TrendStats;

import java.util.ArrayList;
import java.util.List;

/**
 * The statistics shown for each trend in the console summary ({@code --summary-trend-stats}), in k6's words:
 * {@code avg}, {@code min}, {@code med}, {@code max}, {@code count} and {@code p(N)} with 0 ≤ N ≤ 100. The
 * rules are k6's ({@code metrics/sample.go} {@code GetResolversForTrendColumns}): names are exact, no spaces,
 * and an empty list is allowed (trend rows then show no statistics). Immutable and thread-safe.
 *
 * @param columns the statistics in the order shown; never null
 */
public record TrendColumns(List<String> columns) {
    // Before DEFAULT: its constructor checks against it.
    private static final List<String> NAMED = List.of("avg", "min", "med", "max", "count");

    /** Headroom's default: k6's six ({@code lib/options.go} {@code DefaultSummaryTrendStats}) plus p(99). */
    public static final TrendColumns DEFAULT = new TrendColumns(List.of("avg", "min", "med", "max", "p(90)", "p(95)", "p(99)"));

    public TrendColumns {
        columns = List.copyOf(columns);
        for (String c : columns) check(c);
    }

    /**
     * Parses a comma-separated list such as {@code "avg,min,p(99.9),count"}; an empty string gives no columns.
     *
     * @throws IllegalArgumentException naming the first statistic k6 would reject
     */
    public static TrendColumns parse(String commaSeparated) {
        if (commaSeparated.isEmpty()) return new TrendColumns(List.of());
        List<String> list = new ArrayList<>(List.of(commaSeparated.split(",", -1)));
        return new TrendColumns(list);
    }

    private static void check(String stat) {
        if (NAMED.contains(stat)) return;
        if (!stat.startsWith("p(") || !stat.endsWith(")")) {
            throw new IllegalArgumentException("invalid trend stat '" + stat + "', unknown format (expected one of "
                    + String.join(", ", NAMED) + " or p(N) with N from 0 to 100)");
        }
        percentile(stat);
    }

    private static double percentile(String stat) {
        double p;
        try {
            p = Double.parseDouble(stat.substring(2, stat.length() - 1));
        } catch (NumberFormatException e) {
            p = Double.NaN;
        }
        // Double.parseDouble accepts what Go's ParseFloat does not ("1d", " 5"); keep k6's digits-only form.
        if (!(p >= 0 && p <= 100) || !stat.substring(2, stat.length() - 1).matches("[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException("invalid percentile trend stat value '" + stat
                    + "', provide a number between 0 and 100");
        }
        return p;
    }

    /** The value of {@code column} for {@code t}, in the metric's unit ({@code count} in samples). */
    static double value(TrendStats t, String column) {
        return switch (column) {
            case "avg" -> t.avg();
            case "min" -> t.min();
            case "med" -> t.med();
            case "max" -> t.max();
            case "count" -> t.count();
            // The fields the summary always had, so these columns read exactly what they read before.
            case "p(90)" -> t.p90();
            case "p(95)" -> t.p95();
            case "p(99)" -> t.p99();
            case "p(99.9)" -> t.p999();
            default -> t.p(percentile(column));
        };
    }
}
