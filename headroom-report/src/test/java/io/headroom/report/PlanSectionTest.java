package io.headroom.report;

import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan that ran and its environment: scenarios with executors, thresholds, tags apart from the other metadata. */
class PlanSectionTest {
    @Test
    void scenariosThresholdsTagsAndEnvironment() {
        RunResult base = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        RunInfo info = new RunInfo("r", base.info().startedAt(), base.info().duration(), base.info().scenarios(),
                Map.of("plan", "plans/checkout.yaml", "plan.hash", "abc123", "tag.env", "<staging>", "host.cpus", "2",
                        "headroom.version", "1.2.3"));
        String html = HtmlReport.render(new RunResult(info, base.outcome(), base.series(), base.checks(), base.thresholds(),
                base.intervals()));
        String plan = html.substring(html.indexOf("<section id=\"plan\">"));
        plan = plan.substring(0, plan.indexOf("</section>"));
        assertThat(plan).contains(
                "<tr><td>browse</td><td><code>constant-vus</code></td><td>closed (VUs)</td><td class=\"options\"></td><td class=\"num\">10</td><td class=\"num\">600</td></tr>",
                "<tr><td>buy</td><td><code>constant-arrival-rate</code></td><td>open (arrival rate)</td>",
                "<tr><td><code>http_req_failed</code></td><td><code>rate&lt;0.01</code></td><td>yes</td><td>10s</td></tr>",
                "<dl class=\"metadata\" id=\"plan-tags\"><dt>env</dt><dd>&lt;staging&gt;</dd></dl>",
                "<dt>plan.hash</dt><dd>abc123</dd>", "<dt>headroom.version</dt><dd>1.2.3</dd>", "<dt>host.cpus</dt><dd>2</dd>");
        // A summary without the scenarios' options says where they are.
        assertThat(plan).contains("Stages and executor options are in the plan file, not in this summary (written before Headroom kept them)"
                + " (<code>plans/checkout.yaml</code>).");
        // A tag is listed as a tag, not again as environment.
        assertThat(plan.substring(plan.indexOf("id=\"plan-environment\""))).doesNotContain("tag.env");
    }

    @Test
    void withoutTagsOrMetadataTheSectionSaysSo() {
        RunResult empty = SampleResults.emptyRun(RunOutcome.COMPLETED);
        String html = HtmlReport.render(empty);
        assertThat(html).contains("<section id=\"plan\">", "The summary records no environment.").doesNotContain("id=\"plan-tags\"");
    }

    @Test
    void eachScenariosOptionsStagesIncludedAreListedAndEscaped() {
        RunResult base = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("startVUs", "0");
        options.put("stages", "30s→10, 1m→0");
        options.put("tags", "team=<shop>");
        RunInfo info = new RunInfo("r", base.info().startedAt(), base.info().duration(),
                java.util.List.of(new RunInfo.ScenarioInfo("ramp", "ramping-vus", false, 10, 50, 0, options)), Map.of("plan", "p.yaml"));
        String html = HtmlReport.render(new RunResult(info, base.outcome(), base.series(), base.checks(), base.thresholds(),
                base.intervals()));
        assertThat(html).contains("<td class=\"options\"><code>startVUs: 0</code> <code>stages: 30s→10, 1m→0</code> "
                        + "<code>tags: team=&lt;shop&gt;</code> </td>", "<p class=\"detail\">The plan file: <code>p.yaml</code>.</p>")
                .doesNotContain("not in this summary");
    }
}
