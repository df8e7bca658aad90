package io.headroom.core.result;

import java.util.List;

/**
 * The immutable outcome of a run: everything reports, comparisons and analysis work on. Partial runs
 * (Ctrl-C, abortOnFail, max duration) produce a complete {@code RunResult} too, with the matching
 * {@link RunOutcome}.
 */
public record RunResult(RunInfo info, RunOutcome outcome, List<SeriesResult> series, List<CheckResult> checks,
                        List<ThresholdResult> thresholds, List<IntervalPoint> intervals) {
    public RunResult {
        series = List.copyOf(series);
        checks = List.copyOf(checks);
        thresholds = List.copyOf(thresholds);
        intervals = List.copyOf(intervals);
    }

    /** True when no threshold was crossed. Thresholds without data count as held, as in k6. */
    public boolean thresholdsHeld() {
        return thresholds.stream().noneMatch(t -> t.verdict() instanceof ThresholdVerdict.Crossed);
    }
}
