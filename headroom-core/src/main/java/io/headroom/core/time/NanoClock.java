package io.headroom.core.time;

/**
 * A monotonic clock in nanoseconds, injected wherever time is read so that schedules, intervals and
 * thresholds can be tested with a manual clock. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface NanoClock {
    /** Monotonic time in nanoseconds; only differences between two readings are meaningful. */
    long nanoTime();

    /** The production clock, {@link System#nanoTime()}. */
    static NanoClock system() {
        return System::nanoTime;
    }
}
