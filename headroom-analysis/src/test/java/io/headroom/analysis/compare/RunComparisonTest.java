package io.headroom.analysis.compare;

import io.headroom.analysis.SyntheticRun;
import io.headroom.analysis.compare.Change.Direction;
import io.headroom.analysis.compare.Change.Quantity;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunComparisonTest {
    private static RunResult run(String name, long seed, double medianMillis, long failed, double perSecond) {
        SyntheticRun r = new SyntheticRun(name)
                .latency(Tags.empty(), SyntheticRun.lognormalMillis(seed, 3000, medianMillis, 0.5))
                .latency(Tags.of("name", "products"), SyntheticRun.lognormalMillis(seed + 1, 3000, medianMillis, 0.5))
                .failures(Tags.empty(), failed, 3000 - failed)
                .counter(BuiltinMetrics.HTTP_REQS, Tags.empty(), perSecond * 10)
                .checks(3000 - failed, failed);
        for (int s = 0; s < 10; s++) r.second(perSecond + (s % 3 - 1) * perSecond * 0.02, 4, medianMillis, medianMillis * 2, 0);
        return r.build();
    }

    private static Change find(Comparison c, Quantity q, String endpoint) {
        return c.changes().stream().filter(ch -> ch.quantity() == q
                && java.util.Objects.equals(ch.endpoint(), endpoint)).findFirst().orElseThrow();
    }

    @Test
    void samplesOfOneDistributionAreNeverARegressionAndRarelySignificant() {
        int significantP95 = 0;
        for (int i = 0; i < 20; i++) {
            Comparison c = RunComparison.compare(run("a", 10 * i, 20, 3, 300), run("b", 10 * i + 5, 20, 4, 300),
                    ComparisonOptions.defaults());
            assertThat(c.hasRegression()).as(ComparisonReport.text(c)).isFalse();
            assertThat(find(c, Quantity.ERROR_RATE, null).significant()).isFalse();
            if (find(c, Quantity.P95, null).significant()) significantP95++;
        }
        // 95 % intervals: about one false "significant" in 20 is expected; many would mean intervals too narrow.
        assertThat(significantP95).isLessThanOrEqualTo(4);
    }

    @Test
    void doubledLatencyIsARegressionOfTheRightSize() {
        Comparison c = RunComparison.compare(run("a", 1, 20, 3, 300), run("b", 50, 40, 3, 300), ComparisonOptions.defaults());
        Change p95 = find(c, Quantity.P95, null);
        assertThat(p95.regression()).isTrue();
        assertThat(p95.direction()).isEqualTo(Direction.WORSE);
        assertThat(p95.ratio()).isBetween(1.8, 2.2);
        assertThat(p95.relativeDifference().low()).isGreaterThan(0.6);
        assertThat(find(c, Quantity.P95, "products").regression()).isTrue();
        assertThat(ComparisonReport.text(c)).contains("REGRESSION: ", "p95 ");
    }

    @Test
    void halvedLatencyIsSignificantlyBetterNotARegression() {
        Comparison c = RunComparison.compare(run("a", 1, 40, 3, 300), run("b", 50, 20, 3, 300), ComparisonOptions.defaults());
        Change p95 = find(c, Quantity.P95, null);
        assertThat(p95.significant()).isTrue();
        assertThat(p95.direction()).isEqualTo(Direction.BETTER);
        assertThat(c.hasRegression()).as(ComparisonReport.text(c)).isFalse();
        assertThat(ComparisonReport.evidence(p95)).contains("→", "−45", "significant, better");
    }

    @Test
    void errorRateFromNoneToFivePercentIsARegression() {
        Comparison c = RunComparison.compare(run("a", 1, 20, 0, 300), run("b", 1, 20, 150, 300), ComparisonOptions.defaults());
        Change errors = find(c, Quantity.ERROR_RATE, null);
        assertThat(errors.regression()).isTrue();
        assertThat(errors.after()).isEqualTo(0.05);
    }

    @Test
    void smallWorseningWithinTheMarginIsNotARegression() {
        // +5 % median latency on 3000 samples: maybe significant, never beyond a 30 % margin.
        Comparison c = RunComparison.compare(run("a", 1, 20, 3, 300), run("b", 50, 21, 3, 300),
                ComparisonOptions.defaults().withMaxRegression(0.30));
        assertThat(c.hasRegression()).as(ComparisonReport.text(c)).isFalse();
    }

    @Test
    void throughputDropBeyondTheMarginIsARegression() {
        Comparison c = RunComparison.compare(run("a", 1, 20, 3, 300), run("b", 1, 20, 3, 100), ComparisonOptions.defaults());
        Change throughput = find(c, Quantity.THROUGHPUT, null);
        assertThat(throughput.regression()).isTrue();
        assertThat(throughput.ratio()).isCloseTo(1 / 3.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(ComparisonReport.evidence(throughput)).contains("→ 100 req/s", "0.33×");
    }
}
