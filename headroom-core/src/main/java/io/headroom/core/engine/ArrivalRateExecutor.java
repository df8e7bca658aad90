package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.schedule.ArrivalSchedule;

import java.time.Duration;

/**
 * constant-arrival-rate and ramping-arrival-rate (the open model). The controller thread is the scheduler: it
 * waits for each intended start of the {@link ArrivalSchedule} and hands the iteration, with its intended
 * start, to an idle VU from a lock-free stack; with none idle it starts a new VU while fewer than maxVUs exist,
 * and otherwise counts a {@code dropped_iterations} (k6), noting whether the scheduler was on time (maxVUs was
 * too small for the target) or already behind (the generator could not keep up). When the scheduler falls behind it fires the late
 * iterations at once, each still carrying its intended start, so the delay shows up in the latency.
 *
 * <p>Intended starts lie on a {@link #DISPATCH_GRID_NANOS} grid from the scenario's start: an arrival the
 * schedule puts at 12.3 ms is intended for 13 ms, together with every other arrival of that millisecond, and
 * they are handed out in one wake-up. Why: each wake-up of the scheduler costs a chain of thread hand-offs
 * (scheduler, carrier, socket poller), and at 5,000 arrivals per second one wake-up per arrival spent twice
 * the generator CPU of one per millisecond (measured, docs/benchmarks.md). Latency still counts from the grid
 * point, so any delay past it (a busy generator, a stalled server) is measured, not hidden.
 */
final class ArrivalRateExecutor extends ScenarioExecutor {
    /** Arrivals are dispatched on this grid (1 ms): the rate holds, and bursts are at most one grid step wide. */
    static final long DISPATCH_GRID_NANOS = 1_000_000;
    /** A drop this late after its intended start is the scheduler's, not maxVUs' (the lag bound of GeneratorHealth). */
    static final long BEHIND_SCHEDULE_NANOS = (long) (GeneratorHealth.MAX_SCHEDULE_LAG_P99_MILLIS * 1_000_000);

    private final ArrivalSchedule schedule;
    private final int preAllocatedVus;
    private final int maxVus;
    private final long idOffset;
    private final IdleVuStack idle = new IdleVuStack();
    private final double peakRatePerSecond;
    private final int planMaxVus;

    ArrivalRateExecutor(ScenarioRuntime scenario, ExecutorSpec.ConstantArrivalRate spec) {
        this(scenario, spec.timeUnit(), spec.preAllocatedVUs(), spec.maxVUs(), spec, spec.rate());
    }

    ArrivalRateExecutor(ScenarioRuntime scenario, ExecutorSpec.RampingArrivalRate spec) {
        this(scenario, spec.timeUnit(), spec.preAllocatedVUs(), spec.maxVUs(), spec,
                Math.max(spec.startRate(), io.headroom.core.plan.Stage.maxTarget(spec.stages())));
    }

    private ArrivalRateExecutor(ScenarioRuntime scenario, Duration timeUnit, int preAllocated, int max, ExecutorSpec spec,
                                long peakRatePerTimeUnit) {
        super(scenario);
        this.peakRatePerSecond = peakRatePerTimeUnit * 1e9 / timeUnit.toNanos();
        this.planMaxVus = max;
        int unscaledMax = max; // the spec has made an absent maxVUs (0) preAllocatedVUs, as k6 does
        this.schedule = ArrivalSchedule.of(spec, scenario.segment);
        this.preAllocatedVus = scaledInt(preAllocated);
        int scaledMax = scaledInt(unscaledMax);
        // a small segment may round the VUs to 0 while it still owns events: give it one VU rather than drop them all
        this.maxVus = scaledMax == 0 && schedule.totalEvents() > 0 ? 1 : scaledMax;
        this.idOffset = scenario.segment.startOffset(unscaledMax);
    }

    @Override
    int initialVus() {
        return preAllocatedVus;
    }

    @Override
    int maxVus() {
        return maxVus;
    }

    /** The plan's highest rate (all generators together), iterations per second. */
    double peakRatePerSecond() {
        return peakRatePerSecond;
    }

    /** The arrivals this generator's schedule holds (started or dropped, if the run is not stopped early). */
    long arrivalsDue() {
        return schedule.totalEvents();
    }

    /** The plan's maxVUs (all generators together). */
    int planMaxVus() {
        return planMaxVus;
    }

    @Override
    long plannedNanos() {
        return schedule.durationNanos();
    }

    @Override
    long vuIdOffset() {
        return idOffset;
    }

    @Override
    void drive() {
        long start = scenario.startNanos;
        // Set once the scheduler falls behind by the lag bound, cleared once it waits for an arrival again: while it
        // fires its late burst, a VU it has to start for the burst is started for the generator's own delay.
        boolean catchingUp = false;
        while (true) {
            long offset = schedule.nextFireTimeNanos();
            if (offset == ArrivalSchedule.NO_MORE) break;
            long due = start + onGrid(offset);
            long now = scenario.awaitDue(due);
            if (now == ScenarioRuntime.STOPPED) return;
            if (now - due > BEHIND_SCHEDULE_NANOS) catchingUp = true;
            else if (scenario.lastAwaitParked) catchingUp = false;
            long eventIndex = schedule.lastIndex();
            Vu vu = idle.pop();
            if (vu != null) {
                vu.assign(due, eventIndex, now, true);
            } else if (scenario.createdVus.get() < maxVus) {
                scenario.startVu(null, due, eventIndex, now, catchingUp);
            } else {
                // Two causes, two verdicts: on time, the plan's maxVUs was too small for the target's latency (k6 warns
                // and the thresholds judge); already behind by more than the lag bound, the scheduler itself could
                // not keep up, and the late burst found no idle VU (the generator's fault: an invalid run).
                scenario.countDropped(now - due > BEHIND_SCHEDULE_NANOS);
            }
        }
        scenario.waitUntil(start + schedule.durationNanos());
    }

    /** The first grid point at or after {@code offsetNanos}. */
    static long onGrid(long offsetNanos) {
        long steps = (offsetNanos + DISPATCH_GRID_NANOS - 1) / DISPATCH_GRID_NANOS;
        return steps * DISPATCH_GRID_NANOS;
    }

    @Override
    void runVu(Vu vu) {
        while (true) {
            long due = vu.takeAssignment();
            if (due != Vu.NO_ASSIGNMENT) {
                vu.runIteration(due, vu.assignedIndex());
                continue;
            }
            if (scenario.stopping || scenario.run.stopRequested()) return;
            idle.push(vu);
            vu.awaitAssignment();
        }
    }
}
