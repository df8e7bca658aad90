package io.headroom.analysis.history;

import java.util.List;

/** What {@link BaselineSelection#choose} found: a baseline, or why there is none. Immutable. */
public sealed interface BaselineChoice {
    /** The earlier runs of the plan that could not serve as a baseline and were passed over, oldest first. */
    List<Skipped> skipped();

    /**
     * A baseline was found.
     *
     * @param baseline the run to compare against
     * @param reason how it was picked, for people ("the median p95 of the last 5 valid runs: ...")
     */
    record Chosen(HistoryEntry baseline, String reason, List<Skipped> skipped) implements BaselineChoice {
        public Chosen {
            skipped = List.copyOf(skipped);
        }
    }

    /** No earlier run can serve; {@code reason} says what the index holds instead. */
    record NoneFound(String reason, List<Skipped> skipped) implements BaselineChoice {
        public NoneFound {
            skipped = List.copyOf(skipped);
        }
    }

    /** An earlier run of the plan that was not used, and why ("invalid run: ...", "ended INTERRUPTED"). */
    record Skipped(HistoryEntry entry, String why) {}
}
