package io.headroom.analysis.compare;

import io.headroom.analysis.RunView;
import io.headroom.analysis.compare.Change.Direction;
import io.headroom.analysis.compare.Change.Method;
import io.headroom.analysis.compare.Change.Quantity;
import io.headroom.analysis.stats.Interval;
import io.headroom.analysis.stats.MeanTest;
import io.headroom.analysis.stats.ProportionTest;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Compares two runs with statistics: latency percentiles by bootstrap resampling of the HDR histograms
 * on the log-ratio scale (at the effective sample size, the request count over the run's design effect
 * by second), error and check rates by the two-proportion z-test, throughput by Welch's t-test over the
 * per-second request rates of the steady seconds (estimate and interval from those same seconds). A
 * change is significant when its confidence interval excludes zero and is not entirely within the noise
 * band; a regression is a significant worsening of p95, p99, error rate or throughput whose whole
 * interval lies beyond the allowed margin, so noise is never called a regression; a change whose
 * interval reaches beyond the margin without deciding is inconclusive, with the smallest change the test
 * could detect. Whether the runs are comparable at all (invalid runs, other plans) is judged first, see
 * {@link Comparability}. Pure function; thread-safe.
 */
public final class RunComparison {
    /** The power at which {@link Change#detectable()} is computed: 80 %, the usual choice. */
    public static final double POWER = 0.8;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private RunComparison() {}

    /** Compares {@code after} against {@code before}: whole run first, then each endpoint both runs have. */
    public static Comparison compare(RunResult before, RunResult after, ComparisonOptions options) {
        RunView b = new RunView(before), a = new RunView(after);
        // Requests of one second share its conditions (GC, stalls, neighbours): fewer independent values than requests.
        double[] designEffects = {b.latencyDesignEffect(), a.latencyDesignEffect()};
        List<Change> changes = new ArrayList<>();
        addRunChanges(b, a, Tags.empty(), null, designEffects, options, changes);
        List<String> afterEndpoints = a.endpoints();
        for (String endpoint : b.endpoints()) {
            if (!afterEndpoints.contains(endpoint)) continue;
            addRunChanges(b, a, Tags.of(RunView.ENDPOINT_TAG, endpoint), endpoint, designEffects, options, changes);
        }
        return new Comparison(before.info().name(), after.info().name(), changes, options, designEffects[0], designEffects[1],
                Comparability.of(before, after));
    }

    private static void addRunChanges(RunView b, RunView a, Tags selector, String endpoint, double[] designEffects,
                                      ComparisonOptions options, List<Change> changes) {
        Optional<TrendStats> tb = b.trend(BuiltinMetrics.HTTP_REQ_DURATION, selector);
        Optional<TrendStats> ta = a.trend(BuiltinMetrics.HTTP_REQ_DURATION, selector);
        if (tb.isPresent() && ta.isPresent() && tb.get().count() > 0 && ta.get().count() > 0) {
            changes.add(percentile(Quantity.P50, 50, tb.get(), ta.get(), designEffects, endpoint, false, options));
            changes.add(percentile(Quantity.P95, 95, tb.get(), ta.get(), designEffects, endpoint, true, options));
            changes.add(percentile(Quantity.P99, 99, tb.get(), ta.get(), designEffects, endpoint, true, options));
        }
        Optional<RateStats> eb = b.rate(BuiltinMetrics.HTTP_REQ_FAILED, selector);
        Optional<RateStats> ea = a.rate(BuiltinMetrics.HTTP_REQ_FAILED, selector);
        if (eb.isPresent() && ea.isPresent()) {
            // For http_req_failed a "pass" (non-zero sample) is a failed request.
            changes.add(proportion(Quantity.ERROR_RATE, eb.get().passes(), eb.get().passes() + eb.get().fails(),
                    ea.get().passes(), ea.get().passes() + ea.get().fails(), endpoint, true, options));
        }
        if (endpoint != null) return;
        throughput(b, a, options).ifPresent(changes::add);
        Optional<RateStats> cb = b.rate(BuiltinMetrics.CHECKS, Tags.empty());
        Optional<RateStats> ca = a.rate(BuiltinMetrics.CHECKS, Tags.empty());
        if (cb.isPresent() && ca.isPresent()) {
            changes.add(proportion(Quantity.CHECKS, cb.get().passes(), cb.get().passes() + cb.get().fails(),
                    ca.get().passes(), ca.get().passes() + ca.get().fails(), null, false, options));
        }
    }

    static Change percentile(Quantity quantity, double p, TrendStats before, TrendStats after, double[] designEffects,
                             String endpoint, boolean gated, ComparisonOptions options) {
        double vb = before.percentile(p), va = after.percentile(p);
        // On the log-ratio scale: a latency's resampling spread is skewed (long right tail), its logarithm's about
        // symmetric, and the back-transformed ratio is positive, so a change can never be read as below −100 %.
        Interval log = options.bootstrap().percentileLogRatio(before.histogram(), designEffects[0], after.histogram(),
                designEffects[1], p, options.confidenceLevel());
        Interval diff = new Interval(vb * Math.expm1(log.low()), vb * Math.expm1(log.high()), log.level());
        double detectable = Math.expm1(detectable(log, options.confidenceLevel()));
        return judged(quantity, endpoint, vb, va, diff, gated, options, Method.BOOTSTRAP_LOG_RATIO, detectable);
    }

    static Change proportion(Quantity quantity, long xb, long nb, long xa, long na, String endpoint, boolean gated,
                             ComparisonOptions options) {
        if (nb == 0 || na == 0) {
            double rb = nb == 0 ? 0 : (double) xb / nb, ra = na == 0 ? 0 : (double) xa / na;
            return new Change(quantity, endpoint, rb, ra, new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                    options.confidenceLevel()), false, Direction.UNCHANGED, gated, false, Method.NONE, Double.POSITIVE_INFINITY, true);
        }
        ProportionTest.Result r = ProportionTest.compare(xb, nb, xa, na, options.confidenceLevel());
        // Rates are compared in absolute terms: a relative change of a rate near zero means little.
        boolean significant = r.pValue() < 1 - options.confidenceLevel() && r.difference().excludesZero();
        double delta = r.rate2() - r.rate1();
        Direction direction = direction(quantity, significant, delta);
        double margin = Math.max(options.maxRegressionFraction() * r.rate1(), ComparisonOptions.MIN_ERROR_RATE_REGRESSION);
        boolean regression = gated && direction == Direction.WORSE && r.difference().low() > margin;
        // A gated rate (errors: higher is worse) is undecided when its interval reaches above the margin; an
        // ungated one (checks) when it is not significant and reaches beyond the margin on either side.
        boolean inconclusive = !regression && (gated ? r.difference().high() > margin
                : !significant && (r.difference().low() < -margin || r.difference().high() > margin));
        return new Change(quantity, endpoint, r.rate1(), r.rate2(), r.difference(), significant, direction, gated, regression,
                Method.TWO_PROPORTION, detectable(r.difference(), options.confidenceLevel()), inconclusive);
    }

    /**
     * Throughput: the mean per-second request rate of the steady seconds, and the interval of its change
     * from Welch's t-test over those same seconds, so the estimate always lies in its interval. Steady
     * seconds leave out the first and last second (start-up, graceful stop) when at least five remain;
     * intervals under half a second are never used. With fewer than two steady seconds on a side the
     * whole-run rates are shown, without an interval, and the change is inconclusive.
     */
    static Optional<Change> throughput(RunView b, RunView a, ComparisonOptions options) {
        double rb = b.counter(BuiltinMetrics.HTTP_REQS, Tags.empty()) / b.durationSeconds();
        double ra = a.counter(BuiltinMetrics.HTTP_REQS, Tags.empty()) / a.durationSeconds();
        if (rb == 0 && ra == 0) return Optional.empty();
        double[] sb = steadySeconds(b), sa = steadySeconds(a);
        if (sb.length < 2 || sa.length < 2) {
            return Optional.of(new Change(Quantity.THROUGHPUT, null, rb, ra, new Interval(Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, options.confidenceLevel()), false, Direction.UNCHANGED, true, false,
                    Method.NONE, Double.POSITIVE_INFINITY, true));
        }
        MeanTest.Result t = MeanTest.welch(sb, sa, options.confidenceLevel());
        double detectable = t.meanA() == 0 ? Double.POSITIVE_INFINITY : detectable(t.difference(), options.confidenceLevel()) / t.meanA();
        return Optional.of(judged(Quantity.THROUGHPUT, null, t.meanA(), t.meanB(), t.difference(), true, options,
                Method.WELCH_STEADY_SECONDS, detectable));
    }

    /**
     * The smallest true difference that a two-sided test at {@code level} detects with {@link #POWER}:
     * {@code (z₁₋α/₂ + z_power) × SE}, SE read back from the interval's width; in the interval's unit.
     */
    static double detectable(Interval interval, double level) {
        if (!Double.isFinite(interval.low()) || !Double.isFinite(interval.high())) return Double.POSITIVE_INFINITY;
        double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - level) / 2);
        double se = (interval.high() - interval.low()) / (2 * z);
        return (z + STANDARD_NORMAL.inverseCumulativeProbability(POWER)) * se;
    }

    private static double[] steadySeconds(RunView view) {
        // Requests per second of each interval at least half a second long (the last one is often partial).
        List<Double> rates = new ArrayList<>();
        long previous = 0;
        for (RunView.Sample sample : view.perSecond(BuiltinMetrics.HTTP_REQS)) {
            long millis = sample.offsetMillis() - previous;
            previous = sample.offsetMillis();
            if (millis >= 500) rates.add(sample.series().count() * 1000.0 / millis);
        }
        if (rates.size() >= 5) rates = rates.subList(1, rates.size() - 1);
        return rates.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Significance and regression of a quantity judged on its relative change. */
    private static Change judged(Quantity quantity, String endpoint, double before, double after, Interval diff,
                                 boolean gated, ComparisonOptions options, Method method, double detectable) {
        boolean significant;
        Interval relative;
        if (before > 0) {
            relative = new Interval(diff.low() / before, diff.high() / before, diff.level());
            significant = diff.excludesZero() && !relative.within(options.noiseFraction());
        } else {
            relative = null;
            significant = diff.excludesZero();
        }
        Direction direction = direction(quantity, significant, after - before);
        boolean regression = false;
        double margin = options.maxRegressionFraction();
        if (gated && direction == Direction.WORSE && relative != null) {
            // The whole interval must lie beyond the margin: a regression is never a maybe.
            regression = quantity.higherIsBetter() ? relative.high() < -margin : relative.low() > margin;
        }
        boolean inconclusive;
        if (relative == null) inconclusive = !significant;
        else if (gated) {
            // Short of a regression, the verdict "no regression" needs the worse side of the interval within the margin.
            inconclusive = !regression && (quantity.higherIsBetter() ? relative.low() < -margin : relative.high() > margin);
        } else {
            inconclusive = !significant && (relative.low() < -margin || relative.high() > margin);
        }
        return new Change(quantity, endpoint, before, after, diff, significant, direction, gated, regression, method,
                detectable, inconclusive);
    }

    private static Direction direction(Quantity quantity, boolean significant, double delta) {
        if (!significant || delta == 0) return Direction.UNCHANGED;
        boolean up = delta > 0;
        return up == quantity.higherIsBetter() ? Direction.BETTER : Direction.WORSE;
    }
}
