package io.headroom.analysis.compare;

import io.headroom.analysis.SyntheticRun;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Invalid runs, other plans and other environments are named before any statistic (issue 14). */
class ComparabilityTest {
    private static RunResult run(String plan, double medianMillis, UnaryOperator<SyntheticRun> extra) {
        SyntheticRun r = new SyntheticRun(plan).scenario("api", "constant-vus", false, 4)
                .latency(Tags.empty(), SyntheticRun.lognormalMillis((long) medianMillis, 20_000, medianMillis, 0.3))
                .failures(Tags.empty(), 0, 20_000)
                .counter(BuiltinMetrics.HTTP_REQS, Tags.empty(), 20_000);
        for (int s = 0; s < 10; s++) r.second(2000, 4, medianMillis, medianMillis * 2, 0);
        return extra.apply(r).build();
    }

    @Test
    void anInvalidRunIsNamedInEveryOutputAndItsRegressionIsNoVerdictOnTheTarget() {
        RunResult before = run("p", 20, r -> r);
        RunResult after = run("p", 60, r -> r.invalid("17 iterations were dropped"));
        Comparison c = RunComparison.compare(before, after, ComparisonOptions.defaults()).withNames("a.json", "b.json");
        assertThat(c.hasRegression()).isTrue();
        assertThat(c.invalidRun()).isTrue();
        String verdict = ComparisonReport.verdict(c);
        assertThat(verdict).startsWith("INVALID RUN: b.json is invalid").contains("no verdict on the target", "REGRESSION: ");
        assertThat(ComparisonReport.text(c)).startsWith("WARNING: b.json is an INVALID RUN").contains("17 iterations were dropped");
        assertThat(ComparisonReport.markdown(c)).contains("> **WARNING:** b.json is an INVALID RUN", "**INVALID RUN: ");
        assertThat(ComparisonReport.json(c)).contains("\"invalidRun\": true", "\"after\": [\"17 iterations were dropped\"]",
                "\"verdict\": \"INVALID RUN: ");
    }

    @Test
    void twoValidRunsOfOnePlanHaveNoWarning() {
        Comparison c = RunComparison.compare(run("p", 20, r -> r.metadata("host.name", "ci-1")),
                run("p", 20, r -> r.metadata("host.name", "ci-1")), ComparisonOptions.defaults());
        assertThat(c.invalidRun()).isFalse();
        assertThat(c.comparability().differentPlans()).isFalse();
        assertThat(c.warnings()).isEmpty();
        assertThat(ComparisonReport.text(c)).doesNotContain("WARNING").doesNotContain("INVALID");
        assertThat(ComparisonReport.json(c)).contains("\"invalidRun\": false", "\"planDifference\": null", "\"warnings\": []");
    }

    @Test
    void anotherPlanNameOrScenarioSetIsAPlanDifference() {
        Comparison names = RunComparison.compare(run("01-hello", 20, r -> r), run("05-checkout-flow", 20, r -> r),
                ComparisonOptions.defaults());
        assertThat(names.comparability().planDifference()).contains("\"01-hello\" (api: constant-vus)", "\"05-checkout-flow\"");
        Comparison executors = RunComparison.compare(run("p", 20, r -> r),
                run("p", 20, r -> r.scenario("extra", "constant-arrival-rate", true, 10)), ComparisonOptions.defaults());
        assertThat(executors.comparability().differentPlans()).isTrue();
        assertThat(executors.warnings()).anySatisfy(w -> assertThat(w).startsWith("different plans: ")
                .contains("extra: constant-arrival-rate"));
    }

    @Test
    void environmentDifferencesWarnAndSummariesWithoutThemStayComparable() {
        Comparison c = RunComparison.compare(run("p", 20, r -> r.metadata("host.cpu", "EPYC").metadata("git.commit", "abc")
                        .metadata("tag.version", "1.4")),
                run("p", 20, r -> r.metadata("host.cpu", "Xeon").metadata("tag.version", "1.5")), ComparisonOptions.defaults());
        // git.commit is only in one summary (an older writer, or no repository): not a difference.
        assertThat(c.comparability().environmentDifferences()).containsExactly("host.cpu EPYC → Xeon", "tag.version 1.4 → 1.5");
        assertThat(ComparisonReport.text(c)).contains("WARNING: different environment: host.cpu EPYC → Xeon");
        Comparison old = RunComparison.compare(run("p", 20, r -> r), run("p", 20, r -> r.metadata("host.cpu", "Xeon")),
                ComparisonOptions.defaults());
        assertThat(old.warnings()).isEmpty();
    }
}
