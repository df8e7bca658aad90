package io.headroom.core.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the generator saw of itself during a run, and whether it was the bottleneck: scheduling lag of the
 * open-model executors (p99 of {@code headroom_schedule_lag}, ms, 0 without open-model scenarios; and how
 * many iterations started more than {@value #MAX_SCHEDULE_LAG_P99_MILLIS} ms late), the
 * process's CPU use as a fraction of all cores (sampled once a second; max and mean), GC time of the
 * stop-the-world collectors (total and the largest one-second share, ms), and dropped iterations.
 * {@code reasons} is empty for a valid run; otherwise each entry says in one sentence why the run is
 * invalid (the numbers describe the generator, not the target). Immutable; never null in a
 * {@link RunResult} ({@link #NOT_MEASURED} for results that predate the self-check).
 */
public record GeneratorHealth(boolean measured, double scheduleLagP99Millis, long lateIterations, double cpuMaxFraction,
                              double cpuAvgFraction, double gcPauseTotalMillis, double gcPauseMaxMillis,
                              long droppedIterations, int availableProcessors, List<String> reasons) {
    /** Lag p99 above this (ms) means iterations started late because of the generator. */
    public static final double MAX_SCHEDULE_LAG_P99_MILLIS = 10;
    /** Mean process CPU at or above this fraction of all cores means the generator had no headroom left. */
    public static final double MAX_CPU_AVG_FRACTION = 0.95;
    /** CPU is judged only over runs with at least this many one-second samples. */
    public static final int MIN_CPU_SAMPLES = 3;

    /** A result without self-check data (an older summary, a hand-built result): valid, nothing measured. */
    public static final GeneratorHealth NOT_MEASURED = new GeneratorHealth(false, 0, 0, 0, 0, 0, 0, 0, 0, List.of());
    /** One late iteration (a single hiccup) does not make a run invalid; lag p99 counts from this many. */
    public static final int MIN_LATE_ITERATIONS = 2;

    public GeneratorHealth {
        reasons = List.copyOf(reasons);
    }

    /** True when the generator was the bottleneck: the run measured the generator, not only the target. */
    public boolean invalid() {
        return !reasons.isEmpty();
    }

    /**
     * Judges the evidence by the documented bounds: dropped iterations, lag p99 above
     * {@value #MAX_SCHEDULE_LAG_P99_MILLIS} ms with at least {@value #MIN_LATE_ITERATIONS} iterations that late
     * (with few iterations p99 is the single worst one), or mean CPU at or above {@value #MAX_CPU_AVG_FRACTION} of all
     * cores over at least {@value #MIN_CPU_SAMPLES} samples.
     */
    public static GeneratorHealth assess(double scheduleLagP99Millis, long lateIterations, double cpuMaxFraction,
                                         double cpuAvgFraction,
                                         int cpuSamples, double gcPauseTotalMillis, double gcPauseMaxMillis,
                                         long droppedIterations, int availableProcessors) {
        List<String> reasons = new ArrayList<>();
        if (droppedIterations > 0) {
            reasons.add(droppedIterations + " iteration" + (droppedIterations == 1 ? " was" : "s were")
                    + " dropped: every VU up to maxVUs was busy, so the planned load was not offered (raise maxVUs)");
        }
        if (scheduleLagP99Millis > MAX_SCHEDULE_LAG_P99_MILLIS && lateIterations >= MIN_LATE_ITERATIONS) {
            reasons.add(String.format(Locale.ROOT, "scheduling lag p(99) was %.1f ms (bound %.0f ms; %d iterations started"
                    + " more than %.0f ms late) because the generator could not keep up", scheduleLagP99Millis,
                    MAX_SCHEDULE_LAG_P99_MILLIS, lateIterations, MAX_SCHEDULE_LAG_P99_MILLIS));
        }
        if (cpuSamples >= MIN_CPU_SAMPLES && cpuAvgFraction >= MAX_CPU_AVG_FRACTION) {
            reasons.add(String.format(Locale.ROOT, "the generator's process used %.0f%% of %d cores on average (bound %.0f%%):"
                    + " it had no CPU headroom left", cpuAvgFraction * 100, availableProcessors, MAX_CPU_AVG_FRACTION * 100));
        }
        return new GeneratorHealth(true, scheduleLagP99Millis, lateIterations, cpuMaxFraction, cpuAvgFraction, gcPauseTotalMillis,
                gcPauseMaxMillis, droppedIterations, availableProcessors, reasons);
    }
}
