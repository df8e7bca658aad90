package io.headroom.core.result;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the open-model iterations' late starts came from ({@code headroom_schedule_lag} by its {@code cause} tag).
 * {@code generator}: a VU was free at the intended start, or the scheduler itself was later than the VU it had to
 * start; the delay is the generator's own (JIT, GC, safepoints, CPU taken by other processes). {@code target}: every
 * VU was busy with earlier iterations (waiting on the target), so the iteration waited for a new VU to start; that
 * delay is the target's and coordinated-omission-correct latency counts it.
 *
 * @param measured                  false for results from before the split (older summaries): then the numbers are 0
 * @param lateByGenerator           iterations that started more than {@link GeneratorHealth#MAX_SCHEDULE_LAG_P99_MILLIS}
 *                                  ms late for the generator's own reasons
 * @param lateByTarget              as many that late because no VU was free
 * @param generatorLagP99Millis     p99 of the schedule lag over all open-model iterations with the target's lag counted
 *                                  as 0: the generator's own lag, ms; what the self-check judges
 * @param generatorTailIterations   iterations whose latency (from the intended start) was mostly the generator's own
 *                                  lag: at least {@link #TAIL_MIN_LAG_MILLIS} ms of it and at least half the latency
 * @param tailFromPercentile        the lowest of {@link #PERCENTILES} from which every higher latency percentile lies
 *                                  among those iterations (at least half of the iterations at or above each are
 *                                  theirs; a percentile with fewer than 5 iterations above it is not judged alone);
 *                                  NaN when none does
 * Immutable.
 */
public record ScheduleLagCauses(boolean measured, long lateByGenerator, long lateByTarget, double generatorLagP99Millis,
                                long generatorTailIterations, double tailFromPercentile) {
    /** Results without the split: nothing measured, nothing touched. */
    public static final ScheduleLagCauses NOT_MEASURED = new ScheduleLagCauses(false, 0, 0, 0, 0, Double.NaN);
    /** The percentiles the tail statement names (the ones reports print). */
    public static final double[] PERCENTILES = {50, 90, 95, 99, 99.9, 99.99};
    /**
     * The generator's lag must be at least this long (ms) for an iteration to count as the generator's: below it the
     * lag is the normal hand-off to a VU (tens of µs) and the 1 ms dispatch grid.
     */
    public static final double TAIL_MIN_LAG_MILLIS = 1;

    /** Whether the generator's own pauses decide some latency percentiles of the run. */
    public boolean touchesTail() {
        return measured && !Double.isNaN(tailFromPercentile);
    }

    /**
     * The sentence reports print when {@link #touchesTail()}: which percentiles are the generator's, e.g.
     * "p(99.9) and above are within the generator's own pauses: not the target's (12 iterations ...)".
     */
    public Optional<String> tailNote() {
        if (!touchesTail()) return Optional.empty();
        String which = "p(" + percentileText(tailFromPercentile) + ") and above are";
        return Optional.of(String.format(Locale.ROOT, "%s within the generator's own pauses: not the target's (%d iteration%s"
                        + " took most of %s latency waiting for the generator to start %s, %.0f ms or more)",
                which, generatorTailIterations, generatorTailIterations == 1 ? "" : "s",
                generatorTailIterations == 1 ? "its" : "their", generatorTailIterations == 1 ? "it" : "them", TAIL_MIN_LAG_MILLIS));
    }

    /** 99.9 as "99.9", 99 as "99". */
    public static String percentileText(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }
}
