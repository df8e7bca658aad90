package io.headroom.analysis.history;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.history.BaselineChoice.Skipped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Picks the baseline for {@code compare --baseline} among the runs of a results index. Only earlier runs of the
 * current run's plan ({@link PlanIdentity#sameAs}) are candidates; of those, invalid runs (the generator was the
 * bottleneck), runs that did not complete (interrupted, aborted, stopped by maxDuration: their numbers cover part of
 * the plan) and runs without a p95 are skipped and named. Pure and stateless.
 */
public final class BaselineSelection {
    private BaselineSelection() {}

    /** Orders runs by start time, then by run id (ids sort by start time, to the second). */
    public static final Comparator<HistoryEntry> CHRONOLOGICAL =
            Comparator.comparing(HistoryEntry::startedAt).thenComparing(HistoryEntry::runId);

    /**
     * The baseline for {@code current} by {@code how}.
     *
     * @param history every run of the index, in any order; may contain {@code current}
     */
    public static BaselineChoice choose(List<HistoryEntry> history, HistoryEntry current, Baseline how) {
        List<HistoryEntry> earlier = new ArrayList<>();
        int otherPlans = 0;
        for (HistoryEntry e : history) {
            if (e.runId().equals(current.runId()) || CHRONOLOGICAL.compare(e, current) >= 0) continue;
            if (e.plan().sameAs(current.plan())) earlier.add(e);
            else otherPlans++;
        }
        earlier.sort(CHRONOLOGICAL);
        List<HistoryEntry> usable = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (HistoryEntry e : earlier) {
            String why = unusable(e);
            if (why == null) usable.add(e);
            else skipped.add(new Skipped(e, why));
        }
        String plan = current.plan().describe();
        if (usable.isEmpty()) {
            String reason = earlier.isEmpty()
                    ? "no earlier run of plan " + plan + " in the results index"
                    + (otherPlans > 0 ? " (" + otherPlans + " earlier run" + (otherPlans == 1 ? " is" : "s are") + " of other plans)" : "")
                    : "none of the " + earlier.size() + " earlier run" + (earlier.size() == 1 ? "" : "s") + " of plan "
                    + plan + " can serve as a baseline (each was skipped)";
            return new BaselineChoice.NoneFound(reason, skipped);
        }
        return switch (how) {
            case PREVIOUS -> {
                HistoryEntry last = usable.getLast();
                yield new BaselineChoice.Chosen(last, "the previous valid run of plan " + plan, after(skipped, last));
            }
            case BEST -> {
                HistoryEntry best = usable.getFirst();
                // Ties go to the later run: it describes the target as it is now.
                for (HistoryEntry e : usable) if (e.p95Millis() <= best.p95Millis()) best = e;
                yield new BaselineChoice.Chosen(best, String.format(Locale.ROOT,
                        "the lowest p95 (%s ms) of %d earlier valid run%s of plan %s", num(best.p95Millis()),
                        usable.size(), usable.size() == 1 ? "" : "s", plan), skipped);
            }
            case MEDIAN_OF_5 -> {
                List<HistoryEntry> window = usable.subList(Math.max(0, usable.size() - Baseline.MEDIAN_WINDOW), usable.size());
                List<HistoryEntry> byP95 = new ArrayList<>(window);
                byP95.sort(Comparator.comparingDouble(HistoryEntry::p95Millis).thenComparing(CHRONOLOGICAL));
                // With an even count the lower of the two middle runs: the stricter of the two.
                HistoryEntry median = byP95.get((byP95.size() - 1) / 2);
                String of = window.size() == Baseline.MEDIAN_WINDOW ? "the last " + Baseline.MEDIAN_WINDOW
                        : "only " + window.size() + " (fewer than " + Baseline.MEDIAN_WINDOW + ")";
                yield new BaselineChoice.Chosen(median, String.format(Locale.ROOT,
                        "the run with the median p95 (%s ms) of %s earlier valid run%s of plan %s", num(median.p95Millis()),
                        of, window.size() == 1 ? "" : "s", plan), after(skipped, window.getFirst()));
            }
        };
    }

    /** Why {@code e} cannot be a baseline, or null when it can. */
    static String unusable(HistoryEntry e) {
        if (e.invalid()) return "invalid run: the generator was the bottleneck";
        if (!e.completed()) return "ended " + e.outcome() + ": its numbers cover only part of the plan";
        if (Double.isNaN(e.p95Millis())) return "no http_req_duration samples";
        return null;
    }

    private static List<Skipped> after(List<Skipped> skipped, HistoryEntry from) {
        return skipped.stream().filter(s -> CHRONOLOGICAL.compare(s.entry(), from) > 0).toList();
    }

    private static String num(double v) {
        return Numbers.sig3(v);
    }
}
