package io.headroom.core.schedule;

import io.headroom.core.plan.ExecutionSegment;
import io.headroom.core.plan.ExecutorSpec;

/**
 * The intended start times of an open-model executor's iterations, in nanoseconds since the scenario
 * started: a pure sequence, computed from the plan alone and never from a clock, so it is tested without
 * one and cannot drift when the generator or the target falls behind. Only the events that belong to the
 * given {@link ExecutionSegment} are returned. Not thread-safe: one scheduler thread consumes it.
 */
public interface ArrivalSchedule {
    /** Returned by {@link #nextFireTimeNanos()} when the schedule has no more events. */
    long NO_MORE = -1;

    /**
     * The intended offset of the next event of this segment (non-decreasing, at most
     * {@link #durationNanos()}), or {@link #NO_MORE}. Allocation-free.
     */
    long nextFireTimeNanos();

    /** The index, counted over the whole run (all segments), of the event last returned; −1 before the first. */
    long lastIndex();

    /** How long the executor runs, in nanoseconds. */
    long durationNanos();

    /** The number of events of the whole run (all segments together). */
    long totalEvents();

    /** The schedule of an arrival-rate executor. */
    static ArrivalSchedule of(ExecutorSpec spec, ExecutionSegment segment) {
        return switch (spec) {
            case ExecutorSpec.ConstantArrivalRate c ->
                    new ConstantArrivalSchedule(c.rate(), nanos(c.timeUnit()), nanos(c.duration()), segment);
            case ExecutorSpec.RampingArrivalRate r ->
                    new RampingArrivalSchedule(r.startRate(), nanos(r.timeUnit()), r.stages(), segment);
            default -> throw new IllegalArgumentException(spec.type() + " is not an arrival-rate executor");
        };
    }

    private static long nanos(java.time.Duration d) {
        return d.toNanos();
    }
}
