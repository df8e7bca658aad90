package io.headroom.core.schedule;

import io.headroom.core.plan.Stage;

import java.util.List;

/**
 * The target VU count of a ramping-vus executor at any offset since the scenario started: linear from
 * {@code startVus} through each stage's target, changing by whole VUs exactly when the line crosses an integer
 * (as k6: rounded down while ramping up, up while ramping down, so a VU is removed only once the line has
 * passed below it); a zero-length stage jumps. Pure and immutable; thread-safe.
 */
public final class VuRamp {
    private final long startVus;
    private final long[] stageStartNanos;
    private final long[] stageDurationNanos;
    private final long[] stageFrom;
    private final long[] stageTo;
    private final long durationNanos;
    private final long maxTarget;

    public VuRamp(long startVus, List<Stage> stages) {
        if (startVus < 0) throw new IllegalArgumentException("startVUs must not be negative: " + startVus);
        this.startVus = startVus;
        int n = stages.size();
        stageStartNanos = new long[n];
        stageDurationNanos = new long[n];
        stageFrom = new long[n];
        stageTo = new long[n];
        long from = startVus;
        long offset = 0;
        long max = startVus;
        for (int s = 0; s < n; s++) {
            Stage stage = stages.get(s);
            stageStartNanos[s] = offset;
            stageDurationNanos[s] = stage.duration().toNanos();
            stageFrom[s] = from;
            stageTo[s] = stage.target();
            max = Math.max(max, stage.target());
            offset = Math.addExact(offset, stageDurationNanos[s]);
            from = stage.target();
        }
        this.durationNanos = offset;
        this.maxTarget = max;
    }

    /** The sum of the stage durations. */
    public long durationNanos() {
        return durationNanos;
    }

    /** The largest target the ramp ever asks for. */
    public long maxTarget() {
        return maxTarget;
    }

    /** The target VU count at {@code offsetNanos} (before 0: startVUs; after the end: the last target). */
    public long targetAt(long offsetNanos) {
        long current = startVus;
        for (int s = 0; s < stageFrom.length; s++) {
            long inStage = offsetNanos - stageStartNanos[s];
            if (inStage < 0) return current;
            if (inStage < stageDurationNanos[s]) return valueInStage(s, inStage);
            current = stageTo[s];
        }
        return current;
    }

    /**
     * The first offset after {@code offsetNanos} at which the target may change, or {@link Long#MAX_VALUE}
     * after the last stage. The controller sleeps until then instead of polling.
     */
    public long nextChangeNanos(long offsetNanos) {
        for (int s = 0; s < stageFrom.length; s++) {
            long start = stageStartNanos[s];
            long end = start + stageDurationNanos[s];
            if (offsetNanos < start) return start;
            if (offsetNanos >= end) continue;
            long diff = Math.abs(stageTo[s] - stageFrom[s]);
            if (diff == 0) return end;
            long step = MulDiv.floor(diff, offsetNanos - start, stageDurationNanos[s]);
            long next = start + MulDiv.ceil(step + 1, stageDurationNanos[s], diff);
            return Math.min(Math.max(next, offsetNanos + 1), end);
        }
        return Long.MAX_VALUE;
    }

    private long valueInStage(int s, long inStage) {
        long diff = stageTo[s] - stageFrom[s];
        long moved = MulDiv.floor(Math.abs(diff), inStage, stageDurationNanos[s]);
        return diff >= 0 ? stageFrom[s] + moved : stageFrom[s] - moved;
    }
}
