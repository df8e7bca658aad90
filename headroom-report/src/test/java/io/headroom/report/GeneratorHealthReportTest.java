package io.headroom.report;

import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.VuShortage;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorHealthReportTest {
    private static final GeneratorHealth STARVED = GeneratorHealth.assess(42.5, 5, 1.0, 0.97, 12, 180, 35, 17, 2);
    private static final GeneratorHealth CALM = GeneratorHealth.assess(0.25, 0, 0.4, 0.2, 12, 8, 3, 0, 2);

    private static RunResult read(String json) throws IOException {
        return JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "summary.json");
    }

    @Test
    void jsonSummaryCarriesTheSelfCheckAndReadsItBack() throws IOException {
        RunResult run = SampleResults.smallRun().withGeneratorHealth(STARVED);
        String json = JsonSummary.toJson(run);
        assertThat(json).contains("\"generatorHealth\"").contains("\"invalidRun\": true").contains("\"droppedIterations\": 17");
        RunResult back = read(json);
        assertThat(back.generatorHealth()).isEqualTo(STARVED);
    }

    @Test
    void summariesWithoutTheSelfCheckStillReadAsNotMeasured() throws IOException {
        String json = JsonSummary.toJson(SampleResults.smallRun());
        assertThat(json).doesNotContain("generatorHealth");
        assertThat(read(json).generatorHealth()).isEqualTo(GeneratorHealth.NOT_MEASURED);
    }

    @Test
    void terminalSummaryFlagsAnInvalidRunWithItsReasons() {
        String text = new ConsoleSummary(false).render(SampleResults.smallRun().withGeneratorHealth(STARVED));
        assertThat(text).contains("INVALID RUN").contains(ConsoleSummary.INVALID_RUN_HEADLINE)
                .contains("17 iterations were dropped").contains("scheduling lag p(99) was 42.5 ms").contains("97% of 2 cores");
        String calm = new ConsoleSummary(false).render(SampleResults.checkoutRun(RunOutcome.COMPLETED).withGeneratorHealth(CALM));
        assertThat(calm).contains("generator").contains("— ok").doesNotContain("invalid run");
    }

    @Test
    void theHtmlReportStatesTheSameInvalidRunVerdictWithTheSameReasons() {
        String html = HtmlReport.render(SampleResults.smallRun().withGeneratorHealth(STARVED));
        assertThat(html).contains(HtmlReport.escape(ConsoleSummary.INVALID_RUN_HEADLINE));
        for (String reason : STARVED.reasons()) assertThat(html).contains(HtmlReport.escape(reason));
        assertThat(HtmlReport.render(SampleResults.smallRun().withGeneratorHealth(CALM)))
                .doesNotContain(HtmlReport.escape(ConsoleSummary.INVALID_RUN_HEADLINE));
    }

    /** A valid run whose "buy" scenario (2 drops in SampleResults) ran short of VUs, on time. */
    private static final VuShortage SHORT = new VuShortage("buy", 2, 20, 2000, 270);
    private static final GeneratorHealth SHORT_OF_VUS = GeneratorHealth.assess(0.25, 0, 0.4, 0.2, 12, 0.05, 0, 8, 3, 2, 0,
            120_000, 2, java.util.List.of(SHORT));

    @Test
    void aVuShortageIsOneWarningRenderedTheSameInEveryFormat() throws IOException {
        RunResult run = SampleResults.checkoutRun(RunOutcome.COMPLETED).withGeneratorHealth(SHORT_OF_VUS);
        String text = new ConsoleSummary(false).render(run);
        String html = HtmlReport.render(run);
        String json = JsonSummary.toJson(run);
        assertThat(SHORT.message()).contains("the schedule needed ~540 VUs (2000/s × 270 ms p99 iteration duration); maxVUs is 20: raise maxVUs");
        assertThat(text).contains("WARNINGS").contains("⚠ " + SHORT.message()).contains("— ok").doesNotContain("invalid run");
        assertThat(html).contains(HtmlReport.escape(SHORT.message())).doesNotContain("generator could not");
        assertThat(json).contains("\"invalidRun\": false").contains("\"neededVUs\": 540").contains("\"maxVUs\": 20");
        assertThat(read(json).generatorHealth()).isEqualTo(SHORT_OF_VUS);
        assertThat(read(json).generatorHealth().vuShortages().getFirst().message()).isEqualTo(SHORT.message());
    }

    @Test
    void withoutDropsThereIsNoDropWarning() {
        String text = new ConsoleSummary(false).render(SampleResults.smallRun().withGeneratorHealth(CALM));
        assertThat(text).doesNotContain("dropped because").doesNotContain("were dropped");
    }

    @Test
    void olderSummariesWithoutTheNewFieldsStillRead() throws IOException {
        String json = JsonSummary.toJson(SampleResults.smallRun().withGeneratorHealth(STARVED))
                .replaceAll("\\s*\"(otherCpuAvgFraction|stealAvgFraction|droppedBehindSchedule)\": [0-9.]+,", "")
                .replaceAll(",\\s*\"vuShortages\": \\[\\s*\\]", "");
        assertThat(json).doesNotContain("vuShortages").doesNotContain("stealAvgFraction");
        GeneratorHealth back = read(json).generatorHealth();
        assertThat(back.vuShortages()).isEmpty();
        assertThat(back.droppedBehindSchedule()).isZero();
        assertThat(back.reasons()).isEqualTo(STARVED.reasons());
    }

    @Test
    void iterationsLeftWhenMaxDurationRanOutAreThePlansNotTheGenerators() {
        RunResult batch = new RunResult(new io.headroom.core.result.RunInfo("batch", null, java.time.Duration.ofSeconds(1),
                java.util.List.of(new io.headroom.core.result.RunInfo.ScenarioInfo("batch", "shared-iterations", false, 5, 0, 95)),
                java.util.Map.of()), RunOutcome.COMPLETED, java.util.List.of(), java.util.List.of(), java.util.List.of(),
                java.util.List.of(), CALM);
        String text = new ConsoleSummary(false).render(batch);
        assertThat(text).contains("⚠ scenario \"batch\": 95 iterations were not started before maxDuration ran out")
                .doesNotContain("invalid run").doesNotContain("generator could not");
        assertThat(HtmlReport.render(batch)).contains("95 iterations were not started before maxDuration ran out");
    }

    private static final io.headroom.core.result.HeapUse HEAP =
            new io.headroom.core.result.HeapUse(41, 15 << 20, 16 << 20, 17 << 20, 1L << 30);

    @Test
    void theHeapAfterGcIsWrittenReadBackAndShownOnTheGeneratorLine() throws IOException {
        RunResult run = SampleResults.smallRun().withGeneratorHealth(CALM.withHeap(HEAP));
        String json = JsonSummary.toJson(run);
        assertThat(json).contains("\"heapAfterGc\"").contains("\"lastBytes\": " + (16 << 20));
        assertThat(read(json).generatorHealth().heap()).isEqualTo(HEAP);
        assertThat(ConsoleSummary.generatorLine(CALM.withHeap(HEAP), false))
                .contains("heap after GC 16 MB → 17 MB (max 18 MB of 1.1 GB)");
    }

    @Test
    void withoutACollectionInTheRunNoHeapIsShownAndOlderSummariesReadAsNotMeasured() throws IOException {
        var noCollection = new io.headroom.core.result.HeapUse(0, 0, 0, 0, 1L << 30);
        assertThat(ConsoleSummary.generatorLine(CALM.withHeap(noCollection), false)).doesNotContain("heap");
        String json = JsonSummary.toJson(SampleResults.smallRun().withGeneratorHealth(CALM));
        assertThat(json).doesNotContain("heapAfterGc");
        assertThat(read(json).generatorHealth().heap()).isEqualTo(io.headroom.core.result.HeapUse.NOT_MEASURED);
    }

    private static final List<io.headroom.core.result.LiveOutputHealth> OUTPUTS = List.of(
            new io.headroom.core.result.LiveOutputHealth("prometheus-rw=http://127.0.0.1:9090/api/v1/write", 7, 3, "HTTP 500: busy"),
            new io.headroom.core.result.LiveOutputHealth("json=results.json", 10, 0, null));

    @Test
    void liveOutputsAreWrittenReadBackAndTheLossyOneIsAWarningInEveryFormat() throws IOException {
        RunResult run = SampleResults.smallRun().withGeneratorHealth(CALM.withLiveOutputs(OUTPUTS));
        String json = JsonSummary.toJson(run);
        assertThat(json).contains("\"liveOutputs\"", "\"droppedBatches\": 3", "\"problem\": \"HTTP 500: busy\"");
        RunResult back = read(json);
        assertThat(back.generatorHealth().liveOutputs()).isEqualTo(OUTPUTS);
        assertThat(back.generatorHealth().invalid()).as("lost batches never make a run invalid").isFalse();
        String text = new ConsoleSummary(false).render(run);
        assertThat(text).contains("--out batches 17 sent, 3 dropped", "WARNINGS",
                "--out prometheus-rw=http://127.0.0.1:9090/api/v1/write: 3 of 10 batches were dropped (last problem: HTTP 500: busy)")
                .doesNotContain("--out json=results.json:");
        assertThat(HtmlReport.render(run)).contains("3 of 10 batches were dropped");
        // negative control: a run without --out has none of it
        String plain = new ConsoleSummary(false).render(SampleResults.smallRun().withGeneratorHealth(CALM));
        assertThat(plain).doesNotContain("--out");
        assertThat(JsonSummary.toJson(SampleResults.smallRun().withGeneratorHealth(CALM))).doesNotContain("liveOutputs");
    }

    @Test
    void aNegativeHeapInASummaryIsRefusedWithItsField() throws IOException {
        String json = JsonSummary.toJson(SampleResults.smallRun().withGeneratorHealth(CALM.withHeap(HEAP)))
                .replace("\"maxBytes\": " + (17 << 20), "\"maxBytes\": -1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(json))
                .isInstanceOf(SummaryFormatException.class).hasMessageContaining("heapAfterGc");
    }

    @Test
    void markdownAndJunitCallAnInvalidRunInvalidAsTheConsoleDoes() {
        RunResult starved = SampleResults.smallRun().withGeneratorHealth(STARVED);
        String markdown = MarkdownSummary.render(starved);
        assertThat(markdown.lines().findFirst().orElseThrow()).contains("⛔ invalid run").doesNotContain("held");
        assertThat(markdown).contains(ConsoleSummary.INVALID_RUN_HEADLINE).contains(STARVED.reasons().getFirst());
        String junit = JunitReport.render(starved);
        assertThat(junit).contains("name=\"generator kept to the plan\"")
                .contains("<failure message=\"" + io.headroom.core.text.Xml.escape(ConsoleSummary.INVALID_RUN_HEADLINE));
    }

    @Test
    void aValidRunIsNotCalledInvalidInMarkdownOrJunit() {
        RunResult calm = SampleResults.smallRun().withGeneratorHealth(CALM);
        assertThat(MarkdownSummary.render(calm)).doesNotContain("invalid run");
        String junit = JunitReport.render(calm);
        assertThat(junit).contains("name=\"generator kept to the plan\"").doesNotContain("could not keep to the plan");
    }

    /** A valid run (its lag p99 small) whose slowest 0.1 % waited on the generator's own pause. */
    private static final io.headroom.core.result.ScheduleLagCauses TAIL = new io.headroom.core.result.ScheduleLagCauses(
            true, 12, 3, 0.4, 12, 99.9);
    private static final GeneratorHealth VALID_WITH_TAIL = GeneratorHealth.assess(0.5, 15, 0.4, 0.2, 12, 0, 0, 8, 3, 0, 0,
            12_000, 2, java.util.List.of(), TAIL);

    @Test
    void everyReportSaysWhichPercentilesTheGeneratorsOwnPausesDecide() throws IOException {
        assertThat(VALID_WITH_TAIL.invalid()).isFalse();
        String note = "p(99.9) and above are within the generator's own pauses: not the target's";
        RunResult run = SampleResults.smallRun().withGeneratorHealth(VALID_WITH_TAIL);
        String json = JsonSummary.toJson(run);
        assertThat(json).contains("\"scheduleLagCauses\"").contains("\"lateByGenerator\": 12").contains(note);
        assertThat(read(json).generatorHealth()).isEqualTo(VALID_WITH_TAIL);
        String text = new ConsoleSummary(false).render(run);
        assertThat(text).contains("WARNINGS").contains(note).doesNotContain("INVALID RUN");
        assertThat(ConsoleSummary.generatorLine(VALID_WITH_TAIL, true))
                .contains("lag p(99) 500µs (the generator's own 400µs; 12 late starts its own, 3 waiting for a VU the target held)");
        String html = HtmlReport.render(run);
        assertThat(html).contains(HtmlReport.escape(note)).contains("3 waited for a VU because every VU was busy with the target");
        // the negative control: the same run without the generator's tail says nothing of it
        GeneratorHealth noTail = GeneratorHealth.assess(0.5, 15, 0.4, 0.2, 12, 0, 0, 8, 3, 0, 0, 12_000, 2, java.util.List.of(),
                new io.headroom.core.result.ScheduleLagCauses(true, 0, 15, 0.1, 0, Double.NaN));
        RunResult calm = SampleResults.smallRun().withGeneratorHealth(noTail);
        assertThat(new ConsoleSummary(false).render(calm)).doesNotContain("generator's own pauses");
        assertThat(HtmlReport.render(calm)).doesNotContain("generator's own pauses");
        assertThat(JsonSummary.toJson(calm)).doesNotContain("tailNote");
        assertThat(read(JsonSummary.toJson(calm)).generatorHealth()).isEqualTo(noTail);
    }
}
