package io.headroom.analysis.history;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * One metric over the last runs of a plan, oldest first, for {@code headroom trend}. Invalid and incomplete runs
 * stay in the series, marked, so a gap in the story is visible rather than silently closed. Immutable.
 *
 * @param plan what the runs were selected by, for people
 * @param metric the metric followed
 * @param points one per run, oldest first
 * @param olderRuns how many matching runs were left out by the {@code last} bound
 */
public record TrendSeries(String plan, TrendMetric metric, List<Point> points, int olderRuns) {
    public TrendSeries {
        points = List.copyOf(points);
    }

    /**
     * One run in the series.
     *
     * @param value the metric, NaN when the run had none
     * @param trusted false for an invalid run or one that did not complete ({@code note} says which)
     * @param note "invalid run", "INTERRUPTED", ... ; empty for a trusted run
     */
    public record Point(String runId, Instant startedAt, double value, boolean trusted, String note, HistoryEntry entry) {}

    /**
     * The last {@code last} runs of {@code history} that {@code plan} accepts, oldest first.
     *
     * @param planDescription how the selection is shown ("plan checkout (a1b2...)")
     * @param last at least 1
     */
    public static TrendSeries of(List<HistoryEntry> history, Predicate<HistoryEntry> plan, String planDescription,
                                 TrendMetric metric, int last) {
        if (last < 1) throw new IllegalArgumentException("last must be at least 1, got " + last);
        List<HistoryEntry> runs = history.stream().filter(plan).sorted(BaselineSelection.CHRONOLOGICAL).toList();
        List<HistoryEntry> kept = runs.subList(Math.max(0, runs.size() - last), runs.size());
        List<Point> points = kept.stream().map(e -> {
            String note = e.invalid() ? "invalid run" : e.completed() ? "" : e.outcome();
            return new Point(e.runId(), e.startedAt(), metric.of(e), note.isEmpty(), note, e);
        }).toList();
        return new TrendSeries(planDescription, metric, points, runs.size() - kept.size());
    }
}
