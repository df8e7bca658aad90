package io.headroom.core.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the generator saw of itself during a run, and whether it was the bottleneck: scheduling lag of the
 * open-model executors (p99 of {@code headroom_schedule_lag}, ms, 0 without open-model scenarios; and how
 * many iterations started more than {@value #MAX_SCHEDULE_LAG_P99_MILLIS} ms late), the
 * process's CPU use as a fraction of all cores (sampled once a second; max and mean), the CPU other processes
 * and the hypervisor (steal) took from the machine (mean fractions of all its CPUs, from {@code /proc/stat}; 0
 * where not measurable), GC time of the stop-the-world collectors (total and the largest one-second share, ms),
 * the iterations the arrival-rate executors dropped ({@code droppedIterations}, every cause) and, of those, the
 * ones dropped while the scheduler was already behind its schedule ({@code droppedBehindSchedule}: the generator's).
 * {@code reasons} is empty for a valid run; otherwise each entry says in one sentence why the run is
 * invalid and what was measured (the numbers describe the generator, not the target). {@code vuShortages} are the
 * scenarios that dropped iterations on time because every VU up to maxVUs was busy: a loud warning about the
 * plan against a slow target, which does not make the run invalid (k6 warns too and lets the thresholds judge).
 * {@code liveOutputs} say how each {@code --out} output kept up (batches delivered and dropped): a receiver that
 * lost batches is a warning about its copy of the run, never a reason the run is invalid.
 * {@code lagCauses} splits the lag into the generator's own and the target's ({@link ScheduleLagCauses}); when
 * measured, the lag verdict judges only the generator's own lag, and its reason names the percentiles the
 * generator's pauses decide. Immutable; never null in a {@link RunResult} ({@link #NOT_MEASURED} for results that predate the self-check).
 */
public record GeneratorHealth(boolean measured, double scheduleLagP99Millis, long lateIterations, double cpuMaxFraction,
                              double cpuAvgFraction, double otherCpuAvgFraction, double stealAvgFraction,
                              double gcPauseTotalMillis, double gcPauseMaxMillis, long droppedIterations,
                              long droppedBehindSchedule, int availableProcessors, List<VuShortage> vuShortages,
                              List<String> reasons, HeapUse heap, ScheduleLagCauses lagCauses,
                              List<LiveOutputHealth> liveOutputs) {
    /** Lag p99 above this (ms) means iterations started late because of the generator. */
    public static final double MAX_SCHEDULE_LAG_P99_MILLIS = 10;
    /** Mean process CPU at or above this fraction of all cores means the generator had no headroom left. */
    public static final double MAX_CPU_AVG_FRACTION = 0.95;
    /** CPU is judged only over runs with at least this many one-second samples. */
    public static final int MIN_CPU_SAMPLES = 3;
    /** Other processes and steal taking at least this mean share of the machine are named as the cause of lag. */
    public static final double OTHER_CPU_SUSPECT_FRACTION = 0.5;
    /**
     * Drops behind schedule make a run invalid from this share of the open-model arrivals: a single late wake-up
     * of the scheduler while every VU was busy (a burst of a few drops in a long run) is not a verdict.
     */
    public static final double MIN_DROPPED_BEHIND_FRACTION = 0.01;
    /** GC pausing at least this long in one second (ms) is named as the cause of lag. */
    public static final double GC_SUSPECT_MILLIS_PER_SECOND = 50;

    /** A result without self-check data (an older summary, a hand-built result): valid, nothing measured. */
    public static final GeneratorHealth NOT_MEASURED = new GeneratorHealth(false, 0, 0, 0, 0, 0, 0, 0, 0, List.of());
    /** One late iteration (a single hiccup) does not make a run invalid; lag p99 counts from this many. */
    public static final int MIN_LATE_ITERATIONS = 2;

    public GeneratorHealth {
        vuShortages = List.copyOf(vuShortages);
        reasons = List.copyOf(reasons);
        heap = heap == null ? HeapUse.NOT_MEASURED : heap;
        lagCauses = lagCauses == null ? ScheduleLagCauses.NOT_MEASURED : lagCauses;
        liveOutputs = liveOutputs == null ? List.of() : List.copyOf(liveOutputs);
    }

    /** As before the lag was split by cause and live outputs were reported (older summaries): neither measured. */
    public GeneratorHealth(boolean measured, double scheduleLagP99Millis, long lateIterations, double cpuMaxFraction,
                           double cpuAvgFraction, double otherCpuAvgFraction, double stealAvgFraction,
                           double gcPauseTotalMillis, double gcPauseMaxMillis, long droppedIterations,
                           long droppedBehindSchedule, int availableProcessors, List<VuShortage> vuShortages,
                           List<String> reasons, HeapUse heap) {
        this(measured, scheduleLagP99Millis, lateIterations, cpuMaxFraction, cpuAvgFraction, otherCpuAvgFraction,
                stealAvgFraction, gcPauseTotalMillis, gcPauseMaxMillis, droppedIterations, droppedBehindSchedule,
                availableProcessors, vuShortages, reasons, heap, ScheduleLagCauses.NOT_MEASURED, List.of());
    }

    /** This health with how the run's live outputs kept up; outputs never change whether a run is valid. */
    public GeneratorHealth withLiveOutputs(List<LiveOutputHealth> outputs) {
        return new GeneratorHealth(measured, scheduleLagP99Millis, lateIterations, cpuMaxFraction, cpuAvgFraction,
                otherCpuAvgFraction, stealAvgFraction, gcPauseTotalMillis, gcPauseMaxMillis, droppedIterations,
                droppedBehindSchedule, availableProcessors, vuShortages, reasons, heap, lagCauses, outputs);
    }

    /** As before the heap after GC was reported (older summaries, hand-built results): {@link HeapUse#NOT_MEASURED}. */
    public GeneratorHealth(boolean measured, double scheduleLagP99Millis, long lateIterations, double cpuMaxFraction,
                           double cpuAvgFraction, double otherCpuAvgFraction, double stealAvgFraction,
                           double gcPauseTotalMillis, double gcPauseMaxMillis, long droppedIterations,
                           long droppedBehindSchedule, int availableProcessors, List<VuShortage> vuShortages,
                           List<String> reasons) {
        this(measured, scheduleLagP99Millis, lateIterations, cpuMaxFraction, cpuAvgFraction, otherCpuAvgFraction,
                stealAvgFraction, gcPauseTotalMillis, gcPauseMaxMillis, droppedIterations, droppedBehindSchedule,
                availableProcessors, vuShortages, reasons, HeapUse.NOT_MEASURED);
    }

    /** This health with the heap use the run's collections left; a heap never changes whether a run is valid. */
    public GeneratorHealth withHeap(HeapUse heapUse) {
        return new GeneratorHealth(measured, scheduleLagP99Millis, lateIterations, cpuMaxFraction, cpuAvgFraction,
                otherCpuAvgFraction, stealAvgFraction, gcPauseTotalMillis, gcPauseMaxMillis, droppedIterations,
                droppedBehindSchedule, availableProcessors, vuShortages, reasons, heapUse, lagCauses, liveOutputs);
    }

    /**
     * As before other-process CPU, steal, drops behind schedule and VU shortages were measured (older summaries):
     * those are 0 and empty.
     */
    public GeneratorHealth(boolean measured, double scheduleLagP99Millis, long lateIterations, double cpuMaxFraction,
                           double cpuAvgFraction, double gcPauseTotalMillis, double gcPauseMaxMillis, long droppedIterations,
                           int availableProcessors, List<String> reasons) {
        this(measured, scheduleLagP99Millis, lateIterations, cpuMaxFraction, cpuAvgFraction, 0, 0, gcPauseTotalMillis,
                gcPauseMaxMillis, droppedIterations, 0, availableProcessors, List.of(), reasons);
    }

    /** True when the generator was the bottleneck: the run measured the generator, not only the target. */
    public boolean invalid() {
        return !reasons.isEmpty();
    }

    /**
     * As {@link #assess(double, long, double, double, int, double, double, double, double, long, long, long, int, List)}
     * without other-process CPU, steal or VU shortages; every one of the {@code droppedIterations} counts as dropped
     * behind schedule, and they are all the arrivals there were.
     */
    public static GeneratorHealth assess(double scheduleLagP99Millis, long lateIterations, double cpuMaxFraction,
                                         double cpuAvgFraction,
                                         int cpuSamples, double gcPauseTotalMillis, double gcPauseMaxMillis,
                                         long droppedIterations, int availableProcessors) {
        return assess(scheduleLagP99Millis, lateIterations, cpuMaxFraction, cpuAvgFraction, cpuSamples, 0, 0,
                gcPauseTotalMillis, gcPauseMaxMillis, droppedIterations, droppedIterations, droppedIterations,
                availableProcessors, List.of());
    }

    /**
     * Judges the evidence by the documented bounds: iterations dropped while the scheduler was behind (at least
     * {@value #MIN_DROPPED_BEHIND_FRACTION} of the {@code openModelArrivals} and at least
     * {@value #MIN_LATE_ITERATIONS}), lag p99
     * above {@value #MAX_SCHEDULE_LAG_P99_MILLIS} ms with at least {@value #MIN_LATE_ITERATIONS} iterations that
     * late (with few iterations p99 is the single worst one), or mean CPU at or above {@value #MAX_CPU_AVG_FRACTION}
     * of all cores over at least {@value #MIN_CPU_SAMPLES} samples. Each reason names what was measured, and the
     * lag's names its likely cause: the generator's own CPU, other processes or steal, GC, or none of them.
     * {@code vuShortages} are kept as warnings and never make the run invalid.
     */
    public static GeneratorHealth assess(double scheduleLagP99Millis, long lateIterations, double cpuMaxFraction,
                                         double cpuAvgFraction, int cpuSamples, double otherCpuAvgFraction,
                                         double stealAvgFraction, double gcPauseTotalMillis, double gcPauseMaxMillis,
                                         long droppedIterations, long droppedBehindSchedule, long openModelArrivals,
                                         int availableProcessors,
                                         List<VuShortage> vuShortages) {
        return assess(scheduleLagP99Millis, lateIterations, cpuMaxFraction, cpuAvgFraction, cpuSamples, otherCpuAvgFraction,
                stealAvgFraction, gcPauseTotalMillis, gcPauseMaxMillis, droppedIterations, droppedBehindSchedule,
                openModelArrivals, availableProcessors, vuShortages, ScheduleLagCauses.NOT_MEASURED);
    }

    /**
     * As the overload without {@code lagCauses}; with them measured, the lag bound judges the generator's own lag
     * ({@link ScheduleLagCauses#generatorLagP99Millis()}, {@link ScheduleLagCauses#lateByGenerator()}): an iteration
     * that waited for a VU because every VU was busy with the target is the target's delay, not an invalid run.
     */
    public static GeneratorHealth assess(double scheduleLagP99Millis, long lateIterations, double cpuMaxFraction,
                                         double cpuAvgFraction, int cpuSamples, double otherCpuAvgFraction,
                                         double stealAvgFraction, double gcPauseTotalMillis, double gcPauseMaxMillis,
                                         long droppedIterations, long droppedBehindSchedule, long openModelArrivals,
                                         int availableProcessors,
                                         List<VuShortage> vuShortages, ScheduleLagCauses lagCauses) {
        List<String> reasons = new ArrayList<>();
        String measured = String.format(Locale.ROOT, "measured: its own process used %.0f%% of %d cores on average (max %.0f%%),"
                        + " other processes %.0f%% and steal %.0f%% of the machine's CPU, GC pauses %.0f ms (max %.0f ms in a second)",
                cpuAvgFraction * 100, availableProcessors, cpuMaxFraction * 100, otherCpuAvgFraction * 100,
                stealAvgFraction * 100, gcPauseTotalMillis, gcPauseMaxMillis);
        boolean cpuSaturated = cpuSamples >= MIN_CPU_SAMPLES && cpuAvgFraction >= MAX_CPU_AVG_FRACTION;
        String suspect = cpuSaturated ? "its own process had no CPU left"
                : otherCpuAvgFraction + stealAvgFraction >= OTHER_CPU_SUSPECT_FRACTION
                ? "other processes (or the hypervisor) took the machine's CPU, not the generator's own work"
                : gcPauseMaxMillis >= GC_SUSPECT_MILLIS_PER_SECOND ? "GC paused the generator"
                : "its scheduler stalled although its own CPU, GC and the other processes stayed below their bounds";
        if (droppedBehindSchedule >= MIN_LATE_ITERATIONS && droppedBehindSchedule >= MIN_DROPPED_BEHIND_FRACTION * openModelArrivals) {
            reasons.add(droppedBehindSchedule + " iteration" + (droppedBehindSchedule == 1 ? " was" : "s were")
                    + " dropped while the scheduler was more than " + (long) MAX_SCHEDULE_LAG_P99_MILLIS
                    + " ms behind its schedule: the generator could not keep up (" + suspect + "; " + measured + ")");
        }
        double judgedLagP99 = lagCauses.measured() ? lagCauses.generatorLagP99Millis() : scheduleLagP99Millis;
        long judgedLate = lagCauses.measured() ? lagCauses.lateByGenerator() : lateIterations;
        if (judgedLagP99 > MAX_SCHEDULE_LAG_P99_MILLIS && judgedLate >= MIN_LATE_ITERATIONS) {
            String split = !lagCauses.measured() ? ""
                    : String.format(Locale.ROOT, ", %d of them with a VU free: the generator's own delay; its own lag p(99) %.1f ms",
                    lagCauses.lateByGenerator(), lagCauses.generatorLagP99Millis());
            String tail = lagCauses.tailNote().map(n -> "; " + n).orElse("");
            reasons.add(String.format(Locale.ROOT, "scheduling lag p(99) was %.1f ms (bound %.0f ms; %d iterations started"
                    + " more than %.0f ms late%s): %s (%s)%s", scheduleLagP99Millis,
                    MAX_SCHEDULE_LAG_P99_MILLIS, lateIterations, MAX_SCHEDULE_LAG_P99_MILLIS, split, suspect, measured, tail));
        }
        if (cpuSaturated) {
            reasons.add(String.format(Locale.ROOT, "the generator's process used %.0f%% of %d cores on average (bound %.0f%%):"
                    + " it had no CPU headroom left", cpuAvgFraction * 100, availableProcessors, MAX_CPU_AVG_FRACTION * 100));
        }
        return new GeneratorHealth(true, scheduleLagP99Millis, lateIterations, cpuMaxFraction, cpuAvgFraction,
                otherCpuAvgFraction, stealAvgFraction, gcPauseTotalMillis, gcPauseMaxMillis, droppedIterations,
                droppedBehindSchedule, availableProcessors, vuShortages, reasons, HeapUse.NOT_MEASURED, lagCauses, List.of());
    }
}
