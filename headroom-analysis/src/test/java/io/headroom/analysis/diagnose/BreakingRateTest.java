package io.headroom.analysis.diagnose;

import io.headroom.analysis.SyntheticRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BreakingRateTest {
    private static SyntheticRun climb(SyntheticRun run) {
        for (int s = 0; s < 12; s++) run.second(50 + 25 * s, 10 + s, 100, s < 9 ? 200 : 900, 0);
        return run;
    }

    @Test
    void theLastSecondBelowTheLimitHeldAndTheNextOneBroke() {
        BreakingRate rate = BreakingRate.of(climb(new SyntheticRun("breakpoint")
                .abortedBy("http_req_duration", "p(95)<500", 640)).build()).orElseThrow();
        // Seconds 0..8 held (p95 200 ms, up to 250 req/s); second 9 (275 req/s) broke.
        assertThat(rate.threshold()).isEqualTo("http_req_duration p(95)<500");
        assertThat(rate.heldRequestsPerSecond()).isCloseTo(250, within(0.01));
        assertThat(rate.brokeRequestsPerSecond()).isCloseTo(275, within(0.01));
        assertThat(rate.heldAtSeconds()).isCloseTo(9, within(0.01));
        assertThat(rate.text()).contains("iterations/s held (250 req/s, until 9 s); http_req_duration p(95)<500 broke at ");
        assertThat(rate.json()).contains("\"heldRequestsPerSecond\": 250", "\"threshold\": \"http_req_duration p(95)<500\"");
    }

    @Test
    void aRunThatCompletedHasNoBreakingRate() {
        assertThat(BreakingRate.of(climb(new SyntheticRun("steady")).build())).isEmpty();
    }

    @Test
    void diagnoseJsonCarriesTheBreakingPointOrNull() {
        var run = climb(new SyntheticRun("breakpoint").abortedBy("http_req_duration", "p(95)<500", 640)).build();
        String json = DiagnosisReport.json("b.json", Diagnosis.of(run), BreakingRate.of(run));
        assertThat(json).contains("\"breakingPoint\": {\"threshold\"").endsWith("}\n");
        assertThat(DiagnosisReport.json("s.json", java.util.List.of(), java.util.Optional.empty()))
                .endsWith("\"findings\": [],\n  \"breakingPoint\": null\n}\n");
    }
}
