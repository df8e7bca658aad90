package io.headroom.core.schedule;

import io.headroom.core.plan.ExecutionSegment;

import java.math.BigInteger;
import java.util.Objects;

/**
 * {@code rate} events per {@code timeUnitNanos} for {@code durationNanos}, as k6's constant-arrival-rate: event
 * {@code i} (0-based) is due at {@code floor(i × timeUnit / rate)}, the first at 0, and every event due before
 * the end happens, so the run has {@code ceil(rate × duration / timeUnit)} events. Not thread-safe.
 */
public final class ConstantArrivalSchedule implements ArrivalSchedule {
    private final long rate;
    private final long timeUnitNanos;
    private final long durationNanos;
    private final long totalEvents;
    private final ExecutionSegment segment;
    private long index = -1;

    public ConstantArrivalSchedule(long rate, long timeUnitNanos, long durationNanos, ExecutionSegment segment) {
        if (rate < 0) throw new IllegalArgumentException("rate must not be negative: " + rate);
        if (timeUnitNanos <= 0) throw new IllegalArgumentException("timeUnit must be positive");
        if (durationNanos < 0) throw new IllegalArgumentException("duration must not be negative");
        this.rate = rate;
        this.timeUnitNanos = timeUnitNanos;
        this.durationNanos = durationNanos;
        this.segment = Objects.requireNonNull(segment, "segment");
        // ceil(duration * rate / timeUnit), exactly
        BigInteger[] qr = BigInteger.valueOf(durationNanos).multiply(BigInteger.valueOf(rate))
                .divideAndRemainder(BigInteger.valueOf(timeUnitNanos));
        this.totalEvents = qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
    }

    /** When event {@code i} of the whole run is due, in nanoseconds since the scenario started. */
    public long fireTimeNanos(long i) {
        if (i < 0 || i >= totalEvents) throw new IndexOutOfBoundsException("event " + i + " of " + totalEvents);
        long whole = i / rate;
        long part = i % rate;
        return whole * timeUnitNanos + MulDiv.floor(part, timeUnitNanos, rate);
    }

    @Override
    public long nextFireTimeNanos() {
        while (++index < totalEvents) {
            if (segment.owns(index)) return fireTimeNanos(index);
        }
        index = totalEvents;
        return NO_MORE;
    }

    @Override
    public long lastIndex() {
        return index;
    }

    @Override
    public long durationNanos() {
        return durationNanos;
    }

    @Override
    public long totalEvents() {
        return totalEvents;
    }
}
