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
                List.of(new ReportSection("target-profile", "Target <profile>", List.of(ReportBlock.Paragraph.of("hot", "p1"))),
                        new ReportSection("target-resources", "Resources", List.of(ReportBlock.Paragraph.of("a<b", "p2")))));

        int findings = html.indexOf("<section id=\"findings\">");
        int profile = html.indexOf("<section id=\"target-profile\"><h2>Target &lt;profile&gt;</h2><p class=\"p1\">hot</p></section>");
        int resources = html.indexOf("<section id=\"target-resources\"><h2>Resources</h2><p class=\"p2\">a&lt;b</p></section>");
        assertThat(findings).isPositive();
        assertThat(profile).isGreaterThan(findings);
        assertThat(resources).isGreaterThan(profile);
    }

    @Test
    void blocksAreDrawnAsEscapedMarkup() {
        String html = HtmlReport.render(SampleResults.checkoutRun(RunOutcome.COMPLETED), List.of(),
                List.of(new ReportSection("extra", "Extra", List.of(
                        new ReportBlock.Paragraph(List.of(new ReportBlock.Inline.Text("see "),
                                new ReportBlock.Inline.Link("a\"b.html", "<page>")), null),
                        new ReportBlock.Heading("H & h"),
                        new ReportBlock.Table("t", List.of(new ReportBlock.Column("name", false), new ReportBlock.Column("n", true)),
                                List.of(List.of(ReportBlock.Cell.code("<m>"), ReportBlock.Cell.text("1 %")))),
                        new ReportBlock.KeyValues("kv", List.of(new ReportBlock.Entry("σ", "<1>"))),
                        new ReportBlock.EmbeddedPage("flame", "t\"", "<p class=\"x\">&</p>")))));
        assertThat(html).contains("<section id=\"extra\"><h2>Extra</h2><p>see <a href=\"a&quot;b.html\">&lt;page&gt;</a></p>"
                + "<h3>H &amp; h</h3><table class=\"t\"><thead><tr><th>name</th><th class=\"num\">n</th></tr></thead><tbody>"
                + "<tr><td><code>&lt;m&gt;</code></td><td class=\"num\">1 %</td></tr></tbody></table>"
                + "\n<table class=\"kv\"><tbody>\n<tr><th scope=\"row\" style=\"text-transform:none;width:40%\">σ</th><td>&lt;1&gt;</td></tr>\n</tbody></table>\n"
                + "<iframe class=\"flame\" title=\"t&quot;\" loading=\"eager\" sandbox=\"allow-scripts\" style=\"width:100%;height:640px;border:1px solid #ddd\""
                + " srcdoc=\"&lt;p class=&quot;x&quot;&gt;&amp;&lt;/p&gt;\"></iframe></section>");
    }

    @Test
    void sectionIdMustBeASimpleHtmlId() {
        assertThatThrownBy(() -> new ReportSection("x\" onload=\"", "t", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(HtmlReport.render(SampleResults.checkoutRun(RunOutcome.COMPLETED), List.of(), List.of()))
                .isEqualTo(HtmlReport.render(SampleResults.checkoutRun(RunOutcome.COMPLETED)));
    }
}
