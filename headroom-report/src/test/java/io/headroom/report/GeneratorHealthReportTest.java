package io.headroom.report;

import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
}
