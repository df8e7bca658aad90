package io.headroom.analysis.compare;

import io.headroom.analysis.SyntheticRun;
import io.headroom.analysis.compare.Change.Method;
import io.headroom.analysis.compare.Change.Quantity;
import io.headroom.analysis.stats.Interval;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunResult;
import io.headroom.analysis.RunView;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Estimates inside their own intervals, percentiles on the log-ratio scale, "inconclusive" without power (issue 14). */
class SoundIntervalsTest {
    private static Change find(Comparison c, Quantity q) {
        return c.changes().stream().filter(ch -> ch.quantity() == q && ch.endpoint() == null).findFirst().orElseThrow();
    }

    /** {@code steady} seconds at about 300 req/s, then {@code tail} seconds of a graceful stop at 20 req/s. */
    private static RunResult throughputRun(String name, int steady, int tail) {
        SyntheticRun r = new SyntheticRun(name).duration(Duration.ofSeconds(steady + tail))
                .latency(Tags.empty(), SyntheticRun.lognormalMillis(3, 3000, 20, 0.3));
        double total = 0;
        for (int s = 0; s < steady; s++) {
            double n = 300 + (s % 3 - 1) * 6;
            r.second(n, 4, 20, 40, 0);
            total += n;
        }
        for (int s = 0; s < tail; s++) {
            r.second(20, 1, 20, 40, 0);
            total += 20;
        }
        return r.counter(BuiltinMetrics.HTTP_REQS, Tags.empty(), total).build();
    }

    @Test
    void throughputEstimateLiesInItsOwnInterval() {
        // The case: one run with a long graceful stop, one without. Whole-run totals said −22 %, while the
        // interval over the steady seconds said about ±2 %.
        Comparison c = RunComparison.compare(throughputRun("a", 10, 0), throughputRun("b", 10, 3), ComparisonOptions.defaults());
        Change t = find(c, Quantity.THROUGHPUT);
        assertThat(t.method()).isEqualTo(Method.WELCH_STEADY_SECONDS);
        Interval r = t.relativeDifference();
        assertThat(t.relativeChange()).as(ComparisonReport.evidence(t)).isBetween(r.low(), r.high());
        assertThat(ComparisonReport.text(c)).contains("throughput: Welch's t-test over the per-second request rates of the steady seconds");
    }

    @Test
    void equalThroughputOfTwoSteadyRunsIsWithinItsInterval() {
        Comparison c = RunComparison.compare(throughputRun("a", 10, 0), throughputRun("b", 10, 0), ComparisonOptions.defaults());
        Change t = find(c, Quantity.THROUGHPUT);
        assertThat(t.relativeChange()).isZero();
        assertThat(t.relativeDifference().low()).isNegative();
        assertThat(t.relativeDifference().high()).isPositive();
        assertThat(t.significant()).isFalse();
    }

    /** A few hundred heavy-tailed latencies: p99 is nearly the maximum, as in a short run of a slow service. */
    private static TrendStats heavyTail() {
        return RunView.trendOf(SyntheticRun.lognormalMillis(7, 300, 20, 1.4));
    }

    @Test
    void aSummaryComparedWithItselfHasAPercentileIntervalAboveMinus100Percent() {
        TrendStats t = heavyTail();
        double[] clustered = {8, 8};
        ComparisonOptions options = ComparisonOptions.defaults();
        Change p99 = RunComparison.percentile(Quantity.P99, 99, t, t, clustered, null, true, options);
        assertThat(p99.method()).isEqualTo(Method.BOOTSTRAP_LOG_RATIO);
        Interval r = p99.relativeDifference();
        assertThat(r.low()).as(ComparisonReport.evidence(p99)).isGreaterThan(-1);
        assertThat(r.low()).isNegative();
        assertThat(r.high()).isPositive();
        // On the log scale the interval of a self-comparison is symmetric: ratio bounds are reciprocal.
        assertThat((1 + r.low()) * (1 + r.high())).isBetween(0.8, 1.25);
        assertThat(p99.regression()).isFalse();
        // The control: the same resamples on the difference scale fall below −100 % (the p99 [−525 %, +503 %]).
        Histogram h = t.histogram();
        Interval absolute = options.bootstrap().percentileDifference(h, 8, h, 8, 99, 0.95);
        assertThat(absolute.low() / TrendStats.HISTOGRAM_SCALE / t.percentile(99)).isLessThan(-1);
    }

    @Test
    void aBigChangeOnTheLogScaleKeepsItsEstimateInsideTheInterval() {
        TrendStats before = RunView.trendOf(SyntheticRun.lognormalMillis(1, 5000, 20, 0.5));
        TrendStats after = RunView.trendOf(SyntheticRun.lognormalMillis(2, 5000, 80, 0.5));
        Change p95 = RunComparison.percentile(Quantity.P95, 95, before, after, new double[] {1, 1}, null, true,
                ComparisonOptions.defaults());
        assertThat(p95.regression()).isTrue();
        assertThat(p95.relativeChange()).isBetween(p95.relativeDifference().low(), p95.relativeDifference().high());
        assertThat(p95.ratio()).isBetween(3.5, 4.5);
    }

    private static RunResult sized(String name, long seed, int requests, int seconds) {
        SyntheticRun r = new SyntheticRun(name).duration(Duration.ofSeconds(seconds))
                .latency(Tags.empty(), SyntheticRun.lognormalMillis(seed, requests, 20, 0.6))
                .failures(Tags.empty(), 0, requests)
                .counter(BuiltinMetrics.HTTP_REQS, Tags.empty(), requests);
        for (int s = 0; s < seconds; s++) r.second(requests / (double) seconds * (1 + (s % 3 - 1) * 0.03), 4, 20, 40, 0);
        return r.build();
    }

    @Test
    void tooLittleDataIsInconclusiveWithTheSmallestDetectableChangeNeverNoRegression() {
        Comparison c = RunComparison.compare(sized("a", 1, 150, 3), sized("b", 2, 150, 3), ComparisonOptions.defaults());
        Change p99 = find(c, Quantity.P99);
        assertThat(p99.regression()).isFalse();
        assertThat(p99.inconclusive()).isTrue();
        assertThat(p99.detectable()).isGreaterThan(0.10);
        String verdict = ComparisonReport.verdict(c);
        assertThat(verdict).startsWith("INCONCLUSIVE: ").contains("p99 [", "the data detects changes of +")
                .doesNotContain("No regression");
        assertThat(ComparisonReport.evidence(p99)).contains("inconclusive: the data detects changes of +", " / −");
        assertThat(ComparisonReport.json(c)).contains("\"inconclusive\": true", "\"detectable\": ");
    }

    @Test
    void enoughDataOfOneDistributionIsNoRegressionNotInconclusive() {
        Comparison c = RunComparison.compare(sized("a", 1, 60_000, 30), sized("b", 2, 60_000, 30), ComparisonOptions.defaults());
        assertThat(c.inconclusiveGated()).as(ComparisonReport.text(c)).isEmpty();
        assertThat(ComparisonReport.verdict(c)).startsWith("No regression");
        assertThat(find(c, Quantity.P99).detectable()).isLessThan(0.10);
    }
}
