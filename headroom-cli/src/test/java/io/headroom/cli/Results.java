package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesStats;

/** Reading numbers out of a {@link RunResult} in tests. */
final class Results {
    private Results() {}

    /** The untagged total of a counter, or 0 when it has no samples. */
    static double counter(RunResult result, String metric) {
        return result.series().stream()
                .filter(s -> s.metric().equals(metric) && s.tags().isEmpty())
                .map(s -> ((SeriesStats.CounterStats) s.stats()).count())
                .findFirst().orElse(0.0);
    }
}
