package io.headroom.demo;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The running server's fault switches: one {@link FaultSettings} value swapped atomically, so every request
 * sees a consistent set of faults and a change takes effect for requests that begin service after it (and
 * releases workers waiting out a pause that no longer exists). Thread-safe.
 */
public final class DemoFaults {
    private final AtomicReference<FaultSettings> current;

    DemoFaults(FaultSettings initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** The faults in force now; never null. */
    public FaultSettings current() {
        return current.get();
    }

    public void set(FaultSettings settings) {
        current.set(Objects.requireNonNull(settings, "settings"));
    }

    /** Applies {@code change} atomically and returns the new settings. */
    public FaultSettings update(UnaryOperator<FaultSettings> change) {
        return current.updateAndGet(change);
    }

    /** Answers {@code fraction} of shop requests with {@code 500}. */
    public void setErrorRate(double fraction) {
        update(s -> s.withErrorRate(fraction));
    }

    /** Holds {@code fraction} of shop requests {@code spikeMillis} longer. */
    public void setLatencySpikes(double fraction, long spikeMillis) {
        update(s -> s.withLatencySpikes(fraction, spikeMillis));
    }

    /** Holds every shop request {@code millis} longer. */
    public void setAddedLatencyMillis(long millis) {
        update(s -> s.withAddedLatencyMillis(millis));
    }

    /** Stall mode, see {@link FaultSettings} for the exact pause phase. */
    public void setStall(long everyMillis, long pauseMillis) {
        update(s -> s.withStall(everyMillis, pauseMillis));
    }

    /** Every shop request retains {@code kb} kibibytes (capped in total; 0 stops the growth). */
    public void setLeakKbPerRequest(long kb) {
        update(s -> s.withLeakKbPerRequest(kb));
    }

    /** Switches every fault off. */
    public void clear() {
        set(FaultSettings.NONE);
    }
}
