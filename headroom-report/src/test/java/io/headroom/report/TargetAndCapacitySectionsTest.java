package io.headroom.report;

import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.profiler.target.ObservedTarget;
import io.headroom.report.section.CapacitySection;
import io.headroom.report.section.TargetSections;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sections the CLI adds for a watched target and a stepped run, built here from the run and the observation. */
class TargetAndCapacitySectionsTest {
    private static final RunResult RUN = SampleResults.checkoutRun(RunOutcome.COMPLETED);

    @Test
    void nothingWatchedAddsNoSection() {
        ObservedTarget nothing = new ObservedTarget(null, 2, null, null, null, null, List.of(), List.of());
        assertThat(TargetSections.of(RUN, nothing)).isEmpty();
    }

    @Test
    void aMonitoredPidAddsTheResourcesSectionNamingItAndDrawsAsHtml() {
        ObservedTarget monitored = new ObservedTarget(4242L, 2, null, null, null, null, List.of(), List.of());
        List<ReportSection> sections = TargetSections.of(RUN, monitored);
        assertThat(sections).extracting(ReportSection::id).containsExactly("target-resources");
        assertThat(HtmlReport.render(RUN, List.of(), sections))
                .contains("<section id=\"target-resources\"><h2>Target resources</h2>")
                .contains("pid 4242, sampled once a second from /proc; CPU as a share of all 2 cores.");
    }

    @Test
    void aRunAtOneLoadHasNoCapacitySection() {
        assertThat(CapacitySection.forRun(RUN)).isEmpty();
    }
}
