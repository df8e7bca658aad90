package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.ScheduleLagCauses;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.List;

/**
 * Splits an open-model iteration's schedule lag by cause and keeps the evidence for the tail statement of
 * {@link ScheduleLagCauses}. The split ({@link #generatorCaused}) runs on the VU thread per iteration: two longs
 * compared, no allocation. The tail recorder takes only iterations whose latency was mostly the generator's lag
 * (rare: a pause, not every request), wait-free from any number of VUs.
 */
final class LagAttribution {
    static final long TAIL_MIN_LAG_NANOS = (long) (ScheduleLagCauses.TAIL_MIN_LAG_MILLIS * 1_000_000);

    /** Latencies (µs, from the intended start) of the iterations whose latency was mostly the generator's lag. */
    private final Recorder tail = new Recorder(3);
    private final Histogram tailSoFar = new Histogram(3);

    /**
     * Whether the lag of an iteration due at {@code intendedNanos}, dispatched by the scheduler at
     * {@code dispatchNanos} and started by its VU at {@code startNanos}, is the generator's. With {@code ownDelay}
     * (a free VU, or the scheduler firing its late burst after a pause) every delay is: the scheduler woke late, or
     * the VU did. Otherwise the iteration waited for a new VU, because every VU was busy with earlier iterations (the
     * target's doing), unless the scheduler itself was later than that wait.
     */
    static boolean generatorCaused(long intendedNanos, long dispatchNanos, long startNanos, boolean ownDelay) {
        if (ownDelay) return true;
        return dispatchNanos - intendedNanos >= startNanos - dispatchNanos;
    }

    /** VU thread: an iteration with the generator's lag {@code lagNanos} took {@code latencyNanos} from its intended start. */
    void iterationDone(long lagNanos, long latencyNanos) {
        if (lagNanos >= TAIL_MIN_LAG_NANOS && 2 * lagNanos >= latencyNanos) tail.recordValue(Math.max(0, (latencyNanos + 500) / 1000));
    }

    /** The tail latencies recorded so far (µs); one reader thread at a time. */
    synchronized Histogram tailMicros() {
        tailSoFar.add(tail.getIntervalHistogram());
        return tailSoFar.copy();
    }

    /** The causes over the open-model {@code scenarios} of a run, from its {@code registry} (as of its last interval). */
    static ScheduleLagCauses causes(MetricRegistry registry, List<ScenarioRuntime> scenarios) {
        Histogram latency = new Histogram(3);
        Histogram tail = new Histogram(3);
        boolean open = false;
        for (ScenarioRuntime s : scenarios) {
            if (!s.openModel) continue;
            open = true;
            tail.add(s.lagAttribution.tailMicros());
            latency.add(histogram(registry, BuiltinMetrics.ITERATION_DURATION, Tags.of("scenario", s.name)));
        }
        if (!open) return ScheduleLagCauses.NOT_MEASURED;
        return causes(histogram(registry, BuiltinMetrics.SCHEDULE_LAG, Tags.empty()),
                histogram(registry, BuiltinMetrics.SCHEDULE_LAG, Tags.of(BuiltinMetrics.LAG_CAUSE_TAG, BuiltinMetrics.LAG_CAUSE_GENERATOR)),
                latency, tail);
    }

    private static Histogram histogram(MetricRegistry registry, String metric, Tags selector) {
        return registry.aggregate(metric, selector)
                .filter(st -> st instanceof SeriesStats.TrendStats)
                .map(st -> ((SeriesStats.TrendStats) st).histogram())
                .orElseGet(() -> new Histogram(3));
    }

    /**
     * The causes from the run's histograms, all in µs: {@code allLag} every open-model iteration's schedule lag,
     * {@code generatorLag} those of cause generator, {@code latency} the iterations' latency from the intended start,
     * {@code tail} the latencies of the iterations whose latency was mostly the generator's lag.
     */
    static ScheduleLagCauses causes(Histogram allLag, Histogram generatorLag, Histogram latency, Histogram tail) {
        long boundMicros = (long) (GeneratorHealth.MAX_SCHEDULE_LAG_P99_MILLIS * 1000);
        long lateAll = countAbove(allLag, boundMicros);
        long lateByGenerator = countAbove(generatorLag, boundMicros);
        return new ScheduleLagCauses(true, lateByGenerator, Math.max(0, lateAll - lateByGenerator),
                generatorLagP99(allLag.getTotalCount(), generatorLag) / 1000.0, tail.getTotalCount(), tailFrom(latency, tail));
    }

    /** Iterations with a value above {@code micros} (beyond its HDR bucket). */
    private static long countAbove(Histogram h, long micros) {
        return h.getTotalCount() == 0 ? 0 : h.getTotalCount() - h.getCountBetweenValues(0, micros);
    }

    /** p99 over {@code all} iterations when only {@code generatorLag}'s count, the others as 0 lag (µs). */
    static long generatorLagP99(long all, Histogram generatorLag) {
        long generator = generatorLag.getTotalCount();
        if (all == 0 || generator == 0) return 0;
        long rank = (long) Math.ceil(0.99 * all);
        long zeros = all - generator;
        if (rank <= zeros) return 0;
        return generatorLag.getValueAtPercentile(100.0 * (rank - zeros) / generator);
    }

    /** A percentile with fewer iterations at or above it is not judged on its own (one iteration is no majority). */
    static final int MIN_JUDGED_ITERATIONS = 5;

    /**
     * The lowest of {@link ScheduleLagCauses#PERCENTILES} from which every higher one lies mostly among the tail's
     * iterations, judged from the top down; percentiles with fewer than {@link #MIN_JUDGED_ITERATIONS} iterations at or
     * above them are left to the next one down. NaN if none.
     */
    static double tailFrom(Histogram latency, Histogram tail) {
        if (tail.getTotalCount() == 0 || latency.getTotalCount() == 0) return Double.NaN;
        double from = Double.NaN;
        for (int i = ScheduleLagCauses.PERCENTILES.length - 1; i >= 0; i--) {
            double p = ScheduleLagCauses.PERCENTILES[i];
            long micros = latency.getValueAtPercentile(p);
            if (atOrAbove(latency, micros) < MIN_JUDGED_ITERATIONS && i > 0) continue;
            if (!mostlyTail(latency, tail, micros)) break;
            from = p;
        }
        return from;
    }

    /** At least half of the iterations at or above {@code micros} are the tail's. */
    private static boolean mostlyTail(Histogram latency, Histogram tail, long micros) {
        long all = atOrAbove(latency, micros);
        return all > 0 && 2 * atOrAbove(tail, micros) >= all;
    }

    private static long atOrAbove(Histogram h, long micros) {
        if (h.getTotalCount() == 0 || h.getMaxValue() < h.lowestEquivalentValue(micros)) return 0;
        return h.getCountBetweenValues(micros, h.getMaxValue());
    }
}
