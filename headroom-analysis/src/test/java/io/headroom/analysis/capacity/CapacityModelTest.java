package io.headroom.analysis.capacity;

import io.headroom.analysis.SyntheticRun;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CapacityModelTest {
    /** Steps of 1, 2, 4, 8, 16 VUs against 4 workers of 10 ms: 400 req/s at most. */
    private static RunResult stepped() {
        SyntheticRun run = new SyntheticRun("stress").duration(Duration.ofSeconds(10));
        for (int vus : new int[] {1, 2, 4, 8, 16}) {
            double x = Math.min(vus, 4) * 100.0;
            double latency = vus / x * 1000;
            for (int s = 0; s < 2; s++) run.second(x, vus, latency, latency * 1.2, 0);
        }
        return run.counter(BuiltinMetrics.HTTP_REQS, Tags.empty(), 2000).build();
    }

    @Test
    void findsTheCeilingTheKneeAndWhereTheSloBreaks() {
        CapacityModel c = CapacityModel.of(stepped(), new CapacityOptions(Slo.parse("p(95)<50"), 0, 0, 1, 0.7, null));
        assertThat(c.fit().model().maxThroughput()).isBetween(350.0, 480.0);
        assertThat(c.fit().model().kneeConcurrency()).isBetween(3.0, 6.0);
        // p95 = 1.2 × N / X s: 12 ms at 1..4 VUs, 24 ms at 8, 48 ms at 16 → held everywhere below 50 ms.
        assertThat(c.sloBreak()).isEmpty();
        CapacityModel strict = CapacityModel.of(stepped(), new CapacityOptions(Slo.parse("p(95)<20"), 0, 0, 1, 0.7, null));
        assertThat(strict.sloBreak()).hasValueSatisfying(l -> assertThat(l.concurrency()).isEqualTo(8));
        assertThat(strict.lastLevelHoldingSlo()).hasValueSatisfying(l -> assertThat(l.throughputPerSecond()).isEqualTo(400));
        assertThat(CapacityReport.text("stress.json", strict)).contains("breaks at 8 users", "knee: ", "R² ");
    }

    @Test
    void projectionCompoundsGrowthAndCountsInstancesAtTargetUtilisation() {
        CapacityModel c = CapacityModel.of(stepped(), new CapacityOptions(null, 0.15, 12, 3, 0.7, 100.0));
        // Month 12: 100 × 1.15¹² × 3 = 1605 req/s; one instance serves ≈ 400 × 0.7 = 280 → 6 instances.
        CapacityModel.Projection last = c.projection().get(12);
        assertThat(last.requiredPerSecond()).isBetween(1600.0, 1610.0);
        double perInstance = c.perInstancePerSecond() * 0.7;
        assertThat(last.instances()).isEqualTo((int) Math.ceil(last.requiredPerSecond() / perInstance));
        assertThat(c.projection()).hasSize(13);
        assertThat(c.projection().get(0).requiredPerSecond()).isEqualTo(300);
    }

    @Test
    void aRunAtOneLoadIsNotEnough() {
        SyntheticRun run = new SyntheticRun("flat");
        for (int s = 0; s < 5; s++) run.second(100, 4, 40, 50, 0);
        assertThatThrownBy(() -> CapacityModel.of(run.build(), CapacityOptions.defaults()))
                .hasMessageContaining("1 load level").hasMessageContaining("stepped run");
    }

    /** Steps of 1..16 VUs against 4 workers of 10 ms, with p95 per level as given (ms). */
    private static RunResult steps(int[] vus, double[] p95) {
        SyntheticRun run = new SyntheticRun("stress").duration(Duration.ofSeconds(2L * vus.length));
        double total = 0;
        for (int i = 0; i < vus.length; i++) {
            double x = Math.min(vus[i], 4) * 100.0;
            for (int s = 0; s < 2; s++) run.second(x, vus[i], vus[i] / x * 1000, p95[i], 0);
            total += 2 * x;
        }
        return run.counter(BuiltinMetrics.HTTP_REQS, Tags.empty(), total).build();
    }

    @Test
    void oneNoisyLevelIsNotTheBreakNorCapsThePerInstanceThroughput() {
        // The issue: one noisy level at 2 users crossed p(95)<100 while 3..16 held; the old code broke at 2 users, capped
        // one instance at the 1-user level (100 req/s) and so projected several times the instances the throughput needs.
        int[] vus = {1, 2, 3, 4, 8, 16};
        CapacityModel c = CapacityModel.of(steps(vus, new double[] {12, 140, 15, 20, 40, 80}),
                new CapacityOptions(Slo.parse("p(95)<100"), 0, 0, 1, 0.7, 280.0));
        assertThat(c.sloBreak()).isEmpty();
        assertThat(c.sloCrossedButRecovered()).singleElement().satisfies(l -> assertThat(l.concurrency()).isEqualTo(2));
        assertThat(c.perInstancePerSecond()).isGreaterThanOrEqualTo(380);
        // 280 req/s at 70 % of ~400 per instance: one instance, not three.
        assertThat(c.projection().get(0).instances()).isEqualTo(1);
        assertThat(CapacityReport.text("s.json", c)).contains("held at the highest levels", "crossed the bound at 2 users (140 ms)",
                "not the break", "per instance: the USL ceiling fitted to all 6 levels (1–16 users)");
    }

    @Test
    void aBreakThatStaysIsBracketedAndTheProjectionSaysWhichLevelsItUsed() {
        int[] vus = {1, 2, 3, 4, 8, 16};
        CapacityModel c = CapacityModel.of(steps(vus, new double[] {12, 140, 15, 20, 120, 200}),
                new CapacityOptions(Slo.parse("p(95)<100"), 0, 0, 1, 0.7, 280.0));
        assertThat(c.sloBreak()).hasValueSatisfying(l -> assertThat(l.concurrency()).isEqualTo(8));
        assertThat(c.lastLevelHoldingSlo()).hasValueSatisfying(l -> assertThat(l.concurrency()).isEqualTo(4));
        // 20 ms at 4 users, 120 ms at 8: the line reaches 100 ms at 7.2 users.
        assertThat(c.interpolatedBreakConcurrency()).isCloseTo(7.2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(c.sloCrossedButRecovered()).extracting(l -> l.concurrency()).containsExactly(2.0);
        assertThat(c.perInstanceBasis()).contains("held the SLO", "1–4 users");
        String text = CapacityReport.text("s.json", c);
        assertThat(text).contains("breaks at 8 users", "stays broken above", "between 4 and 8 users (about 7.2");
        assertThat(CapacityReport.json("s.json", c)).contains("\"breaksAtConcurrency\": 8", "\"lastHeldConcurrency\": 4",
                "\"interpolatedBreakConcurrency\": 7.2", "\"crossedButRecovered\": [2]", "\"perInstanceBasis\": ");
    }
}
