package io.headroom.core.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * One stage of a ramping executor: move linearly to {@code target} over {@code duration}. The target is
 * a VU count for {@code ramping-vus} and iterations per {@code timeUnit} for {@code ramping-arrival-rate}.
 */
public record Stage(Duration duration, long target) {
    public Stage {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) throw new IllegalArgumentException("stage duration must not be negative");
        if (target < 0) throw new IllegalArgumentException("stage target must not be negative");
    }

    /** The sum of the durations of {@code stages}. */
    public static Duration totalDuration(java.util.List<Stage> stages) {
        Duration total = Duration.ZERO;
        for (Stage s : stages) total = total.plus(s.duration());
        return total;
    }

    /** The highest target of {@code stages}; 0 when there are none. */
    public static long maxTarget(java.util.List<Stage> stages) {
        long max = 0;
        for (Stage s : stages) max = Math.max(max, s.target());
        return max;
    }
}
