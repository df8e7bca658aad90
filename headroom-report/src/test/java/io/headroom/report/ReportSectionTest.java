package io.headroom.report;

import io.headroom.core.result.RunOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportSectionTest {

    @Test
    void extraSectionsFollowTheFindingsInOrderWithEscapedTitles() {
        String html = HtmlReport.render(SampleResults.checkoutRun(RunOutcome.COMPLETED), List.of(),
                List.of(new ReportSection("target-profile", "Target <profile>", "<p id=\"p1\">hot</p>"),
                        new ReportSection("target-resources", "Resources", "<p id=\"p2\">" + ReportSection.escape("a<b") + "</p>")));

        int findings = html.indexOf("<section id=\"findings\">");
        int profile = html.indexOf("<section id=\"target-profile\"><h2>Target &lt;profile&gt;</h2><p id=\"p1\">hot</p></section>");
        int resources = html.indexOf("<section id=\"target-resources\"><h2>Resources</h2><p id=\"p2\">a&lt;b</p></section>");
        assertThat(findings).isPositive();
        assertThat(profile).isGreaterThan(findings);
        assertThat(resources).isGreaterThan(profile);
    }

    @Test
    void sectionIdMustBeASimpleHtmlId() {
        assertThatThrownBy(() -> new ReportSection("x\" onload=\"", "t", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(HtmlReport.render(SampleResults.checkoutRun(RunOutcome.COMPLETED), List.of(), List.of()))
                .isEqualTo(HtmlReport.render(SampleResults.checkoutRun(RunOutcome.COMPLETED)));
    }
}
