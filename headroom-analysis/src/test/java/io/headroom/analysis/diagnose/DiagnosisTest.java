package io.headroom.analysis.diagnose;

import io.headroom.analysis.SyntheticRun;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnosisTest {
    private static SyntheticRun healthy() {
        return new SyntheticRun("healthy")
                .latency(Tags.empty(), SyntheticRun.lognormalMillis(1, 5000, 20, 0.2))
                .failures(Tags.empty(), 0, 5000)
                .counter(BuiltinMetrics.HTTP_REQS, Tags.empty(), 5000);
    }

    private static Finding only(List<Finding> findings, Rule rule) {
        List<Finding> matching = findings.stream().filter(f -> f.rule() == rule).toList();
        assertThat(matching).as(findings.toString()).hasSize(1);
        return matching.get(0);
    }

    @Test
    void aRunTheSelfCheckCallsInvalidIsAnInvalidRunInTheDiagnosisToo() {
        // lag p99 over its bound but p95 under the diagnosis's 10 ms: the two must not disagree on validity
        var invalid = io.headroom.core.result.GeneratorHealth.assess(18.7, 1388, 0.88, 0.34, 12, 100, 74, 0, 1);
        assertThat(invalid.invalid()).isTrue();
        Finding generator = only(Diagnosis.of(healthy().build().withGeneratorHealth(invalid)), Rule.GENERATOR_OVERLOAD);
        assertThat(generator.severity()).isEqualTo(Severity.BAD);
        assertThat(generator.title()).startsWith("Invalid run: the generator could not keep to the plan: scheduling lag p(99)");
    }

    @Test
    void aValidSelfCheckAddsNoGeneratorFinding() {
        var calm = io.headroom.core.result.GeneratorHealth.assess(0.25, 0, 0.4, 0.2, 12, 8, 3, 0, 2);
        assertThat(Diagnosis.of(healthy().build().withGeneratorHealth(calm))).noneMatch(f -> f.rule() == Rule.GENERATOR_OVERLOAD);
    }

    @Test
    void aHealthyRunHasNoFindingAboveInfo() {
        List<Finding> findings = Diagnosis.of(healthy().build());
        assertThat(findings).isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        assertThat(Diagnosis.worst(findings)).isEqualTo(Severity.INFO);
    }

    @Test
    void aWideTailIsBad() {
        RunResult run = new SyntheticRun("tail").latency(Tags.empty(), SyntheticRun.lognormalMillis(1, 5000, 20, 1.2)).build();
        Finding tail = only(Diagnosis.of(run), Rule.TAIL_LATENCY);
        assertThat(tail.severity()).isEqualTo(Severity.BAD);
        assertThat(tail.evidence()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("p95/p50");
            assertThat(e.value()).isBetween(6.0, 8.5); // exp(1.2 × 1.645) = 7.2
        });
    }

    @Test
    void aWideTailOfAFastServiceIsOnlyInfo() {
        RunResult run = new SyntheticRun("fast").latency(Tags.empty(), SyntheticRun.lognormalMillis(1, 5000, 0.5, 1.0)).build();
        assertThat(only(Diagnosis.of(run), Rule.TAIL_LATENCY).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void errorRateBandsAndDominantCode() {
        for (var band : List.of(new long[] {3, 9997, 0}, new long[] {50, 9950, 1}, new long[] {500, 9500, 2})) {
            RunResult run = new SyntheticRun("errors")
                    .failures(Tags.empty(), band[0], band[1])
                    .failures(Tags.of("name", "p", "status", "500"), band[0], 0)
                    .failures(Tags.of("name", "p", "status", "200"), 0, band[1]).build();
            Finding errors = only(Diagnosis.of(run), Rule.ERROR_RATE);
            assertThat(errors.severity()).isEqualTo(Severity.values()[(int) band[2]]);
            assertThat(errors.title()).contains("HTTP 500 (100 %)");
        }
    }

    @Test
    void timeoutsAndConnectionErrorsAreToldApart() {
        RunResult run = new SyntheticRun("net")
                .failures(Tags.empty(), 300, 9700)
                .failures(Tags.of("error_code", "1050"), 200, 0)
                .failures(Tags.of("error_code", "1212"), 100, 0).build();
        List<Finding> net = Diagnosis.of(run).stream().filter(f -> f.rule() == Rule.NETWORK_ERRORS).toList();
        assertThat(net).extracting(Finding::title).anySatisfy(t -> assertThat(t).startsWith("Timeouts (1050): 200"))
                .anySatisfy(t -> assertThat(t).startsWith("Connection errors (12xx): 100"));
    }

    @Test
    void otherCodesAreNeitherTimeoutsNorConnectionErrors() {
        // 1101 no such host (DNS), 1301 not TLS, 1503 a 503 status: none is a timeout or a 12xx connection error.
        RunResult run = new SyntheticRun("net")
                .failures(Tags.empty(), 300, 9700)
                .failures(Tags.of("error_code", "1101"), 100, 0)
                .failures(Tags.of("error_code", "1301"), 100, 0)
                .failures(Tags.of("error_code", "1503", "status", "503"), 100, 0).build();
        assertThat(Diagnosis.of(run)).noneMatch(f -> f.rule() == Rule.NETWORK_ERRORS);
        assertThat(only(Diagnosis.of(run), Rule.ERROR_RATE).title()).contains("HTTP 503");
    }

    @Test
    void generatorOverloadOutranksEveryTargetFinding() {
        RunResult run = new SyntheticRun("overload")
                .latency(Tags.empty(), SyntheticRun.lognormalMillis(1, 5000, 20, 1.2))
                .failures(Tags.empty(), 500, 4500)
                .counter(BuiltinMetrics.DROPPED_ITERATIONS, Tags.empty(), 42).build();
        List<Finding> findings = Diagnosis.of(run);
        assertThat(findings.get(0).rule()).isEqualTo(Rule.GENERATOR_OVERLOAD);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.BAD);
        assertThat(findings.get(0).title()).contains("42 iterations were dropped");
    }

    /** A closed-model stress run against a service with capacity 400 req/s and 10 ms service time. */
    private static SyntheticRun saturating() {
        SyntheticRun run = new SyntheticRun("stress");
        for (int vus = 1; vus <= 8; vus++) {
            double throughput = Math.min(vus * 100, 400);
            double latency = vus / throughput * 1000;
            for (int s = 0; s < 3; s++) run.second(throughput, vus, latency, latency * 1.5, 0);
        }
        return run;
    }

    @Test
    void throughputPlateauIsFoundAtTheSaturatingLoad() {
        Finding plateau = only(Diagnosis.of(saturating().build()), Rule.THROUGHPUT_PLATEAU);
        assertThat(plateau.title()).contains("400 req/s", "from 4 VUs");
    }

    @Test
    void queueingBehindAFixedCapacityIsLinearGrowth() {
        Finding growth = only(Diagnosis.of(saturating().build()), Rule.LATENCY_GROWTH);
        assertThat(growth.severity()).isEqualTo(Severity.WARNING);
        assertThat(growth.title()).contains("linearly");
    }

    @Test
    void exhaustionIsExponentialGrowth() {
        SyntheticRun run = new SyntheticRun("exhaustion");
        for (int vus = 1; vus <= 8; vus++) run.second(100, vus, 5 * Math.exp(0.6 * vus), 10 * Math.exp(0.6 * vus), 0);
        Finding growth = only(Diagnosis.of(run.build()), Rule.LATENCY_GROWTH);
        assertThat(growth.severity()).isEqualTo(Severity.BAD);
        assertThat(growth.title()).contains("exponentially");
    }

    @Test
    void errorCliffIsFoundAtTheConcurrencyWhereErrorsJump() {
        SyntheticRun run = new SyntheticRun("cliff");
        for (int vus = 1; vus <= 8; vus++) run.second(100 * vus, vus, 10, 15, vus < 6 ? 0 : 25 * vus);
        Finding cliff = only(Diagnosis.of(run.build()), Rule.ERROR_CLIFF);
        assertThat(cliff.title()).contains("at about 6 VUs");
    }

    @Test
    void oneSlowEndpointDominatingTheTailIsNamed() {
        var fast = SyntheticRun.lognormalMillis(1, 8000, 10, 0.2);
        var slow = SyntheticRun.lognormalMillis(2, 2000, 60, 0.2);
        var all = fast.copy();
        all.add(slow);
        RunResult run = new SyntheticRun("endpoints").latency(Tags.empty(), all)
                .latency(Tags.of("name", "products"), fast).latency(Tags.of("name", "search"), slow).build();
        Finding tail = only(Diagnosis.of(run), Rule.ENDPOINT_TAIL);
        assertThat(tail.title()).startsWith("Endpoint search makes 100 % of the slowest 5 %");
    }

    @Test
    void littlesLawHoldsWhenVusMatchThroughputTimesIterationTime() {
        // 4 VUs, 200 iterations/s of 20 ms each: L = 200 × 0.02 = 4.
        SyntheticRun run = new SyntheticRun("little").scenario("constant-vus", false, 4, 2000, 0)
                .counter(BuiltinMetrics.ITERATIONS, Tags.empty(), 2000)
                .trend(BuiltinMetrics.ITERATION_DURATION, Tags.empty(), SyntheticRun.histogram(2000, () -> 20));
        for (int s = 0; s < 10; s++) run.second(200, 4, 20, 20, 0);
        Finding law = only(Diagnosis.of(run.build()), Rule.LITTLES_LAW);
        assertThat(law.severity()).isEqualTo(Severity.INFO);
        assertThat(law.title()).startsWith("Little's law holds");

        SyntheticRun idle = new SyntheticRun("idle").scenario("constant-vus", false, 10, 2000, 0)
                .counter(BuiltinMetrics.ITERATIONS, Tags.empty(), 2000)
                .trend(BuiltinMetrics.ITERATION_DURATION, Tags.empty(), SyntheticRun.histogram(2000, () -> 20));
        for (int s = 0; s < 10; s++) idle.second(200, 10, 20, 20, 0);
        assertThat(only(Diagnosis.of(idle.build()), Rule.LITTLES_LAW).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void jsonCarriesRuleSeverityAndEvidence() {
        RunResult run = new SyntheticRun("tail").latency(Tags.empty(), SyntheticRun.lognormalMillis(1, 5000, 20, 1.2)).build();
        String json = DiagnosisReport.json("s.json", Diagnosis.of(run));
        assertThat(json).contains("\"worst\": \"bad\"", "\"rule\": \"TailLatency\"", "\"name\": \"p95/p50\", \"value\": ");
        assertThat(DiagnosisReport.text("s.json", Diagnosis.of(run))).contains("[bad] Tail latency", "next: ");
    }

    @Test
    void latencyGrowingAtConstantLoadIsDrift() {
        SyntheticRun leak = new SyntheticRun("soak");
        for (int s = 0; s < 40; s++) leak.second(100, 10, 20 + s + (s % 2), 40 + s, 0);
        Finding drift = only(Diagnosis.of(leak.build()), Rule.LATENCY_DRIFT);
        assertThat(drift.severity()).isEqualTo(Severity.BAD); // 21 ms → 58 ms: +170 %
        assertThat(drift.title()).contains("drifts up", "significant");

        SyntheticRun steady = new SyntheticRun("steady");
        for (int s = 0; s < 40; s++) steady.second(100, 10, 20 + (s % 3), 40, 0);
        assertThat(only(Diagnosis.of(steady.build()), Rule.LATENCY_DRIFT).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void latencyGrowingWithLoadIsNotDrift() {
        SyntheticRun ramp = new SyntheticRun("ramp");
        for (int s = 0; s < 40; s++) ramp.second(100, 1 + s, 20 + s, 40 + s, 0);
        assertThat(Diagnosis.of(ramp.build())).noneMatch(f -> f.rule() == Rule.LATENCY_DRIFT);
    }

    @Test
    void anAbortedBreakpointRunReportsTheLastRateThatHeld() {
        SyntheticRun run = new SyntheticRun("breakpoint").abortedBy("http_req_duration", "p(95)<500", 640);
        for (int s = 0; s < 12; s++) {
            double rate = 50 + 25 * s;
            run.second(rate, 10 + s, 100, s < 9 ? 200 : 900, 0);
        }
        Finding point = only(Diagnosis.of(run.build()), Rule.BREAKING_POINT);
        // Seconds 0..8 held (p95 200 ms); second 9 (275 req/s) broke; the last that held ran 250 req/s.
        assertThat(point.title()).contains("http_req_duration p(95)<500 broke", "about 250 req/s");
    }

    @Test
    void aLateScheduleIsAGeneratorWarningWithoutDrops() {
        RunResult run = healthy().trend(BuiltinMetrics.SCHEDULE_LAG, Tags.empty(), SyntheticRun.histogram(1000, () -> 50)).build();
        Finding overload = only(Diagnosis.of(run), Rule.GENERATOR_OVERLOAD);
        assertThat(overload.severity()).isEqualTo(Severity.WARNING);
        assertThat(overload.title()).contains("schedule lag p95 50 ms");
    }

    /** A measured run of one arrival-rate scenario that dropped {@code onTime} + {@code behind} iterations. */
    private static RunResult dropping(long onTime, long behind) {
        var shortages = onTime == 0 ? List.<io.headroom.core.result.VuShortage>of()
                : List.of(new io.headroom.core.result.VuShortage("open", onTime, 500, 2000, 270));
        var health = io.headroom.core.result.GeneratorHealth.assess(0.3, 0, 0.3, 0.2, 10, 0.05, 0, 5, 2,
                onTime + behind, behind, 120_000, 2, shortages);
        return healthy().scenario("constant-arrival-rate", true, 500, 120_000 - onTime - behind, onTime + behind)
                .counter(BuiltinMetrics.DROPPED_ITERATIONS, Tags.empty(), onTime + behind).build().withGeneratorHealth(health);
    }

    @Test
    void dropsForWantOfAVuAreLittlesLawsFindingWithTheSelfChecksSentenceNotTheGenerators() {
        RunResult run = dropping(1204, 0);
        List<Finding> findings = Diagnosis.of(run);
        Finding shortage = only(findings, Rule.LITTLES_LAW);
        assertThat(shortage.severity()).isEqualTo(Severity.WARNING);
        assertThat(shortage.title()).isEqualTo(run.generatorHealth().vuShortages().getFirst().message())
                .contains("the schedule needed ~540 VUs (2000/s × 270 ms p99 iteration duration); maxVUs is 500: raise maxVUs");
        assertThat(findings).noneMatch(f -> f.rule() == Rule.GENERATOR_OVERLOAD);
    }

    @Test
    void dropsBehindScheduleStayTheGeneratorsFinding() {
        Finding overload = only(Diagnosis.of(dropping(0, 5000)), Rule.GENERATOR_OVERLOAD);
        assertThat(overload.severity()).isEqualTo(Severity.BAD);
        assertThat(overload.title()).contains("5000 iterations were dropped");
        // negative control: nothing dropped, nothing said about drops
        assertThat(Diagnosis.of(healthy().build())).noneMatch(f -> f.rule() == Rule.GENERATOR_OVERLOAD)
                .noneMatch(f -> f.title().contains("dropped"));
    }
}
