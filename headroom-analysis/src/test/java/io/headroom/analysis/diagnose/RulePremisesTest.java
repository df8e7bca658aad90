package io.headroom.analysis.diagnose;

import io.headroom.analysis.SyntheticRun;
import io.headroom.analysis.Unit;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule speaks only where its premise holds, and a test without power never says "stable" (issue 14). */
class RulePremisesTest {
    private static Finding only(List<Finding> findings, Rule rule) {
        List<Finding> matching = findings.stream().filter(f -> f.rule() == rule).toList();
        assertThat(matching).as(findings.toString()).hasSize(1);
        return matching.get(0);
    }

    /** Throughput flattening at 400 req/s while concurrency and latency climb, as in DiagnosisTest's stress run. */
    private static SyntheticRun saturating(boolean openModel) {
        SyntheticRun run = new SyntheticRun("stress");
        if (openModel) run.scenario("constant-arrival-rate", true, 50, 0, 0);
        else run.scenario("ramping-vus", false, 8, 0, 0);
        for (int vus = 1; vus <= 8; vus++) {
            double throughput = Math.min(vus * 100, 400);
            double latency = vus / throughput * 1000;
            for (int s = 0; s < 3; s++) run.second(throughput, vus, latency, latency * 1.5, 0);
        }
        return run;
    }

    @Test
    void throughputPlateauAndLatencyGrowthNeedAClosedModel() {
        List<Finding> closed = Diagnosis.of(saturating(false).build());
        assertThat(only(closed, Rule.THROUGHPUT_PLATEAU).title()).contains("capacity reached");
        assertThat(only(closed, Rule.LATENCY_GROWTH).severity()).isEqualTo(Severity.WARNING);
        // Open model: the schedule sets throughput, and VUs follow latency (L = λW): neither finding holds.
        List<Finding> open = Diagnosis.of(saturating(true).build());
        assertThat(open).noneMatch(f -> f.rule() == Rule.THROUGHPUT_PLATEAU || f.rule() == Rule.LATENCY_GROWTH);
    }

    /**
     * A short run at one load (issue 21: "Errors jump from 0 % to 22.2 % at about 8 VUs" on a uniform 5 % error rate):
     * start-up seconds at 2 and 4 VUs without errors, then 8 VUs at 5 % and one unlucky second at 22 %.
     */
    private static SyntheticRun startUpThenSteady(String executor) {
        SyntheticRun run = new SyntheticRun("short").scenario(executor, false, 8, 0, 0);
        run.second(100, 2, 5, 8, 0);
        run.second(200, 4, 5, 8, 0);
        run.second(400, 8, 5, 8, 88);
        run.second(400, 8, 5, 8, 20);
        run.second(400, 8, 5, 8, 20);
        return run;
    }

    @Test
    void aPlanThatHoldsTheLoadHasNoLoadLevelsAndSaysWhatItCannotJudge() {
        List<Finding> constant = Diagnosis.of(startUpThenSteady("constant-vus").build());
        assertThat(constant).noneMatch(f -> f.rule() == Rule.ERROR_CLIFF || f.rule() == Rule.THROUGHPUT_PLATEAU
                || f.rule() == Rule.LATENCY_GROWTH);
        assertThat(Diagnosis.notJudged(startUpThenSteady("constant-vus").build())).containsExactly(
                "Load against concurrency not judged (throughput plateau, latency growth, error cliff, capacity curve): the plan"
                        + " held the load constant (constant-vus), so the run has one load level; a ramping or stepped plan"
                        + " measures several (headroom init stress).",
                "Latency drift over the run too short to judge: 5 s with requests, the test needs at least 20.");
        // Positive control: the same seconds from a ramping plan are load levels, and the jump is a cliff.
        List<Finding> ramping = Diagnosis.of(startUpThenSteady("ramping-vus").build());
        assertThat(only(ramping, Rule.ERROR_CLIFF).title()).startsWith("Errors jump from 0 % to ");
        assertThat(Diagnosis.notJudged(startUpThenSteady("ramping-vus").build()))
                .noneMatch(s -> s.startsWith("Load against concurrency"));
        // A long, steady run has nothing it could not judge but the load it held.
        SyntheticRun longRun = new SyntheticRun("long").scenario("ramping-vus", false, 8, 0, 0);
        for (int vus = 1; vus <= 8; vus++) for (int s = 0; s < 3; s++) longRun.second(100 * vus, vus, 5, 8, 0);
        assertThat(Diagnosis.notJudged(longRun.build())).isEmpty();
    }

    @Test
    void aDriftTheTestCouldNotSeeIsInconclusiveNeverStable() {
        // 20 seconds; the last tenth is much slower but varies wildly (the issue: "stable ... drift 324 %; p-value 0.156").
        SyntheticRun run = new SyntheticRun("soak").scenario("constant-vus", false, 4, 0, 0);
        double[] means = new double[20];
        for (int s = 0; s < 20; s++) means[s] = s < 10 ? 9 + (s % 2) : 50;
        means[18] = 15;
        means[19] = 95;
        for (double m : means) run.second(100, 4, m, m * 2, 0);
        Finding drift = only(Diagnosis.of(run.build()), Rule.LATENCY_DRIFT);
        assertThat(drift.title()).as(drift.toString()).startsWith("Latency drift is inconclusive").contains("p-value", "detects only drifts of +")
                .doesNotContain("stable");
        assertThat(drift.severity()).isEqualTo(Severity.WARNING);
        assertThat(drift.evidence()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("smallest detectable drift (80 % power)");
            assertThat(e.value()).isGreaterThan(LatencyDriftRule.WARNING_DRIFT);
        });
    }

    @Test
    void aSteadyRunWithPowerIsStableAndSaysWhatItCouldHaveSeen() {
        SyntheticRun steady = new SyntheticRun("steady").scenario("constant-vus", false, 10, 0, 0);
        for (int s = 0; s < 40; s++) steady.second(100, 10, 20 + (s % 3), 40, 0);
        Finding drift = only(Diagnosis.of(steady.build()), Rule.LATENCY_DRIFT);
        assertThat(drift.severity()).isEqualTo(Severity.INFO);
        assertThat(drift.title()).startsWith("Latency is stable").contains("the test detects drifts of +");
    }

    @Test
    void driftInAnOpenModelIsJudgedAtAConstantRateWhileVusFollowLatency() {
        // 100 iterations/s throughout; latency climbs, so active VUs climb with it (L = λW). Judged by VUs, the rule
        // saw "more load" and said nothing.
        SyntheticRun leak = new SyntheticRun("soak").scenario("constant-arrival-rate", true, 50, 0, 0);
        for (int s = 0; s < 40; s++) {
            double latency = 20 + s + (s % 2);
            leak.second(100, Math.ceil(100 * latency / 1000), latency, latency * 2, 0);
        }
        Finding drift = only(Diagnosis.of(leak.build()), Rule.LATENCY_DRIFT);
        assertThat(drift.title()).contains("drifts up", "significant");
        // And a ramp of the rate is more load, not drift.
        SyntheticRun ramp = new SyntheticRun("ramp").scenario("ramping-arrival-rate", true, 50, 0, 0);
        for (int s = 0; s < 40; s++) ramp.second(50 + 5 * s, 4, 20 + s, 40 + s, 0);
        assertThat(Diagnosis.of(ramp.build())).noneMatch(f -> f.rule() == Rule.LATENCY_DRIFT);
    }

    @Test
    void littlesLawInAnOpenModelNamesAllocatedVusAndIterationsPerSecond() {
        // The summary's maxVus is the peak the executor allocated (13), not the plan's maxVUs (50).
        SyntheticRun run = new SyntheticRun("arrival").scenario("constant-arrival-rate", true, 13, 1000, 0)
                .counter(BuiltinMetrics.ITERATIONS, Tags.empty(), 1000)
                .trend(BuiltinMetrics.ITERATION_DURATION, Tags.empty(), SyntheticRun.histogram(1000, () -> 50));
        for (int s = 0; s < 10; s++) run.second(100, 5, 50, 60, 0);
        Finding law = only(Diagnosis.of(run.build()), Rule.LITTLES_LAW);
        assertThat(law.evidence()).noneMatch(e -> e.name().equals("maxVUs"))
                .anySatisfy(e -> {
                    assertThat(e.name()).isEqualTo("VUs allocated (peak)");
                    assertThat(e.value()).isEqualTo(13);
                })
                .anySatisfy(e -> {
                    assertThat(e.name()).isEqualTo("arrival rate");
                    assertThat(e.unit()).isEqualTo(Unit.ITERATIONS_PER_SECOND);
                    assertThat(e.toString()).isEqualTo("arrival rate 100 it/s");
                });
        assertThat(law.title()).contains("allocated at peak").doesNotContain("maxVUs");
    }
}
