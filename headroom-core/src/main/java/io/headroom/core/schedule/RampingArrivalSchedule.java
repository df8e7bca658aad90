package io.headroom.core.schedule;

import io.headroom.core.plan.ExecutionSegment;
import io.headroom.core.plan.Stage;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * k6's ramping-arrival-rate: the rate moves linearly from {@code startRate} through each stage's target
 * (events per {@code timeUnitNanos}), and event {@code i} (0-based) is due when the area under the rate curve
 * reaches {@code i + 1}. Within a stage that area is quadratic in time, so each due time is its exact inverse
 * (closed form, no stepping); a stage at rate 0 produces nothing and a zero-length stage only moves the rate.
 * The run has {@code floor(total area)} events. Not thread-safe.
 */
public final class RampingArrivalSchedule implements ArrivalSchedule {
    private final long[] stageStartNanos;
    private final long[] stageDurationNanos;
    /** Rates in events per nanosecond at each stage's start and end. */
    private final double[] fromPerNano;
    private final double[] toPerNano;
    /** Events (area) before each stage, and floor(area) up to each stage's end, exact. */
    private final double[] areaBefore;
    private final long[] eventsThrough;
    private final long durationNanos;
    private final long totalEvents;
    private final ExecutionSegment segment;
    private long index = -1;
    private int stageCursor;

    public RampingArrivalSchedule(long startRate, long timeUnitNanos, List<Stage> stages, ExecutionSegment segment) {
        if (startRate < 0) throw new IllegalArgumentException("startRate must not be negative: " + startRate);
        if (timeUnitNanos <= 0) throw new IllegalArgumentException("timeUnit must be positive");
        this.segment = Objects.requireNonNull(segment, "segment");
        int n = stages.size();
        stageStartNanos = new long[n];
        stageDurationNanos = new long[n];
        fromPerNano = new double[n];
        toPerNano = new double[n];
        areaBefore = new double[n];
        eventsThrough = new long[n];
        // area up to a point = numerator / (2 * timeUnit); summing numerators keeps it exact
        BigInteger twoUnits = BigInteger.valueOf(timeUnitNanos).shiftLeft(1);
        BigInteger numerator = BigInteger.ZERO;
        long from = startRate;
        long offset = 0;
        for (int s = 0; s < n; s++) {
            Stage stage = stages.get(s);
            long duration = stage.duration().toNanos();
            long to = stage.target();
            stageStartNanos[s] = offset;
            stageDurationNanos[s] = duration;
            fromPerNano[s] = (double) from / timeUnitNanos;
            toPerNano[s] = (double) to / timeUnitNanos;
            areaBefore[s] = ratio(numerator, twoUnits);
            numerator = numerator.add(BigInteger.valueOf(from).add(BigInteger.valueOf(to)).multiply(BigInteger.valueOf(duration)));
            eventsThrough[s] = numerator.divide(twoUnits).longValueExact();
            offset = Math.addExact(offset, duration);
            from = to;
        }
        this.durationNanos = offset;
        this.totalEvents = n == 0 ? 0 : eventsThrough[n - 1];
    }

    /** When event {@code i} of the whole run is due, in nanoseconds since the scenario started. */
    public long fireTimeNanos(long i) {
        if (i < 0 || i >= totalEvents) throw new IndexOutOfBoundsException("event " + i + " of " + totalEvents);
        int lo = 0, hi = eventsThrough.length - 1;
        while (lo < hi) { // first stage whose cumulative events reach i + 1
            int mid = (lo + hi) >>> 1;
            if (eventsThrough[mid] >= i + 1) hi = mid; else lo = mid + 1;
        }
        return timeInStage(lo, i);
    }

    private long timeInStage(int s, long i) {
        double need = (i + 1) - areaBefore[s];
        double r0 = fromPerNano[s];
        double r1 = toPerNano[s];
        double d = stageDurationNanos[s];
        double x;
        if (r0 == r1) {
            x = need / r0;
        } else {
            // solve r0·x + (r1 − r0)·x²/(2d) = need; the conjugate form avoids cancellation when r1 ≈ r0
            double discriminant = Math.max(0, r0 * r0 + 2 * need * (r1 - r0) / d);
            x = 2 * need / (r0 + Math.sqrt(discriminant));
        }
        long inStage = Double.isNaN(x) ? stageDurationNanos[s] : (long) Math.min(Math.max(x, 0), d);
        return stageStartNanos[s] + inStage;
    }

    @Override
    public long nextFireTimeNanos() {
        while (++index < totalEvents) {
            if (!segment.owns(index)) continue;
            while (eventsThrough[stageCursor] < index + 1) stageCursor++;
            return timeInStage(stageCursor, index);
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

    private static double ratio(BigInteger numerator, BigInteger denominator) {
        return new java.math.BigDecimal(numerator).divide(new java.math.BigDecimal(denominator), java.math.MathContext.DECIMAL64).doubleValue();
    }
}
