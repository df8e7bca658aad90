package io.headroom.analysis.history;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineSelectionTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static HistoryEntry run(int minute, String plan, String hash, double p95, boolean invalid, String outcome) {
        return new HistoryEntry("r" + minute, T0.plusSeconds(60L * minute), plan, hash, List.of("api"), outcome,
                invalid ? 98 : 0, invalid, p95 / 2, p95, p95 * 1.5, 100, 0, Map.of(), "runs/r" + minute + ".json");
    }

    static HistoryEntry ok(int minute, double p95) {
        return run(minute, "shop", "aaaa", p95, false, "COMPLETED");
    }

    @Test
    void previousSkipsAnInvalidRunAndSaysSo() {
        HistoryEntry current = ok(5, 10);
        List<HistoryEntry> history = List.of(ok(1, 12), ok(2, 11), run(3, "shop", "aaaa", 500, true, "COMPLETED"), current);
        var choice = (BaselineChoice.Chosen) BaselineSelection.choose(history, current, Baseline.PREVIOUS);
        assertThat(choice.baseline().runId()).isEqualTo("r2");
        assertThat(choice.skipped()).singleElement().satisfies(s -> {
            assertThat(s.entry().runId()).isEqualTo("r3");
            assertThat(s.why()).contains("invalid run");
        });
    }

    @Test
    void previousTakesTheLatestValidRunAndSkipsNothingWhenNothingIsInTheWay() {
        HistoryEntry current = ok(5, 10);
        // An invalid run older than the chosen one is not in the way: no skip is reported for it.
        List<HistoryEntry> history = List.of(run(1, "shop", "aaaa", 500, true, "COMPLETED"), ok(2, 12), ok(3, 11), current);
        var choice = (BaselineChoice.Chosen) BaselineSelection.choose(history, current, Baseline.PREVIOUS);
        assertThat(choice.baseline().runId()).isEqualTo("r3");
        assertThat(choice.skipped()).isEmpty();
    }

    @Test
    void aRunOfAnotherPlanIsNeverPicked() {
        HistoryEntry current = ok(5, 10);
        HistoryEntry other = run(4, "other", "bbbb", 1, false, "COMPLETED");
        List<HistoryEntry> history = List.of(ok(1, 20), other, current);
        assertThat(((BaselineChoice.Chosen) BaselineSelection.choose(history, current, Baseline.PREVIOUS)).baseline().runId()).isEqualTo("r1");
        assertThat(((BaselineChoice.Chosen) BaselineSelection.choose(history, current, Baseline.BEST)).baseline().runId()).isEqualTo("r1");
        // An edited plan (same name, another hash) is another plan too.
        HistoryEntry edited = run(3, "shop", "cccc", 1, false, "COMPLETED");
        assertThat(((BaselineChoice.Chosen) BaselineSelection.choose(List.of(ok(1, 20), edited, current), current,
                Baseline.BEST)).baseline().runId()).isEqualTo("r1");
    }

    @Test
    void noEarlierRunOfThePlanIsNoneFoundNamingTheOtherPlans() {
        HistoryEntry current = ok(5, 10);
        var none = BaselineSelection.choose(List.of(run(1, "other", "bbbb", 1, false, "COMPLETED"), current, ok(6, 9)),
                current, Baseline.PREVIOUS);
        assertThat(none).isInstanceOf(BaselineChoice.NoneFound.class);
        assertThat(((BaselineChoice.NoneFound) none).reason()).contains("no earlier run of plan shop (aaaa)", "1 earlier run is of other plans");
    }

    @Test
    void onlyInvalidOrIncompleteEarlierRunsIsNoneFoundWithEachSkipped() {
        HistoryEntry current = ok(5, 10);
        var none = BaselineSelection.choose(List.of(run(1, "shop", "aaaa", 500, true, "COMPLETED"),
                run(2, "shop", "aaaa", 9, false, "INTERRUPTED"), current), current, Baseline.MEDIAN_OF_5);
        assertThat(none).isInstanceOf(BaselineChoice.NoneFound.class);
        assertThat(none.skipped()).extracting(BaselineChoice.Skipped::why)
                .containsExactly("invalid run: the generator was the bottleneck", "ended INTERRUPTED: its numbers cover only part of the plan");
    }

    @Test
    void bestIsTheLowestP95AmongValidRuns() {
        HistoryEntry current = ok(9, 10);
        List<HistoryEntry> history = List.of(ok(1, 30), ok(2, 8), run(3, "shop", "aaaa", 2, true, "COMPLETED"), ok(4, 15), current);
        var choice = (BaselineChoice.Chosen) BaselineSelection.choose(history, current, Baseline.BEST);
        assertThat(choice.baseline().runId()).isEqualTo("r2");
        assertThat(choice.reason()).contains("lowest p95 (8 ms) of 3 earlier valid runs");
    }

    @Test
    void medianOfFiveIsTheRunWithTheMedianP95OfTheLastFiveValidRuns() {
        HistoryEntry current = ok(9, 10);
        // r1 falls out of the window of five; r6 is invalid and not counted.
        List<HistoryEntry> history = List.of(ok(1, 1), ok(2, 50), ok(3, 20), ok(4, 40), ok(5, 10),
                run(6, "shop", "aaaa", 1000, true, "COMPLETED"), ok(7, 30), current);
        var choice = (BaselineChoice.Chosen) BaselineSelection.choose(history, current, Baseline.MEDIAN_OF_5);
        // window r2..r7 without r6: 50, 20, 40, 10, 30 -> median 30 (r7)
        assertThat(choice.baseline().runId()).isEqualTo("r7");
        assertThat(choice.reason()).contains("median p95 (30 ms) of the last 5 earlier valid runs");
        assertThat(choice.skipped()).extracting(s -> s.entry().runId()).containsExactly("r6");
    }

    @Test
    void medianOfFewerThanFiveSaysSoAndTakesTheLowerMiddle() {
        HistoryEntry current = ok(9, 10);
        var choice = (BaselineChoice.Chosen) BaselineSelection.choose(List.of(ok(1, 40), ok(2, 20), current), current,
                Baseline.MEDIAN_OF_5);
        assertThat(choice.baseline().runId()).isEqualTo("r2");
        assertThat(choice.reason()).contains("only 2 (fewer than 5)");
    }

    @Test
    void laterRunsAreNotCandidates() {
        HistoryEntry current = ok(5, 10);
        var choice = (BaselineChoice.Chosen) BaselineSelection.choose(List.of(ok(1, 40), current, ok(7, 1)), current, Baseline.BEST);
        assertThat(choice.baseline().runId()).isEqualTo("r1");
    }

    @Test
    void withoutHashesThePlanIsItsNameAndScenarios() {
        HistoryEntry current = run(5, "shop", null, 10, false, "COMPLETED");
        HistoryEntry sameName = run(1, "shop", null, 10, false, "COMPLETED");
        HistoryEntry otherScenarios = new HistoryEntry("r2", T0.plusSeconds(120), "shop", null, List.of("browse"), "COMPLETED",
                0, false, 1, 1, 1, 1, 0, Map.of(), "runs/r2.json");
        var choice = (BaselineChoice.Chosen) BaselineSelection.choose(List.of(sameName, otherScenarios, current), current, Baseline.PREVIOUS);
        assertThat(choice.baseline().runId()).isEqualTo("r1");
    }

    @Test
    void baselineWordsParseAndAWrongOneNamesTheChoices() {
        assertThat(Baseline.parse("median-of-5")).isEqualTo(Baseline.MEDIAN_OF_5);
        assertThat(Baseline.parse("Previous")).isEqualTo(Baseline.PREVIOUS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Baseline.parse("average"))
                .hasMessageContaining("previous, best, median-of-5").hasMessageContaining("average");
    }
}
