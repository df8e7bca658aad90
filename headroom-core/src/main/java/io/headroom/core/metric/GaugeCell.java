package io.headroom.core.metric;

import io.headroom.core.time.NanoClock;

import java.util.concurrent.atomic.AtomicLong;

/** A gauge series: the last value and the interval's min and max, each an atomic long of double bits. */
final class GaugeCell extends SeriesCell implements GaugeSeries {
    private static final long POSITIVE_INFINITY = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
    private static final long NEGATIVE_INFINITY = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);

    private final NanoClock clock;
    private final AtomicLong lastBits = new AtomicLong();
    private final AtomicLong intervalMinBits = new AtomicLong(POSITIVE_INFINITY);
    private final AtomicLong intervalMaxBits = new AtomicLong(NEGATIVE_INFINITY);
    private volatile long lastSetNanos;
    private volatile boolean set;

    // interval thread only (registry lock)
    private boolean observed;
    private double last;
    private long lastSetAtClose;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double lastIntervalMin;
    private double lastIntervalMax;

    GaugeCell(MetricDefinition definition, Tags tags, long sequence, NanoClock clock) {
        super(definition, tags, sequence);
        this.clock = clock;
    }

    @Override
    public void set(double value) {
        if (Double.isNaN(value)) return;
        lastBits.set(Double.doubleToRawLongBits(value));
        lastSetNanos = clock.nanoTime();
        long current;
        while (value < Double.longBitsToDouble(current = intervalMinBits.get())
                && !intervalMinBits.compareAndSet(current, Double.doubleToRawLongBits(value))) {
            Thread.onSpinWait();
        }
        while (value > Double.longBitsToDouble(current = intervalMaxBits.get())
                && !intervalMaxBits.compareAndSet(current, Double.doubleToRawLongBits(value))) {
            Thread.onSpinWait();
        }
        if (!set) set = true;
    }

    @Override
    void closeInterval() {
        if (!set) return;
        double intervalMin = Double.longBitsToDouble(intervalMinBits.getAndSet(POSITIVE_INFINITY));
        double intervalMax = Double.longBitsToDouble(intervalMaxBits.getAndSet(NEGATIVE_INFINITY));
        last = Double.longBitsToDouble(lastBits.get());
        lastSetAtClose = lastSetNanos;
        if (intervalMin > intervalMax) { // not set during this interval: it held its last value throughout
            intervalMin = last;
            intervalMax = last;
        }
        lastIntervalMin = intervalMin;
        lastIntervalMax = intervalMax;
        min = Math.min(min, intervalMin);
        max = Math.max(max, intervalMax);
        observed = true;
    }

    double last() {
        return last;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    long lastSetNanos() {
        return lastSetAtClose;
    }

    double lastIntervalMin() {
        return lastIntervalMin;
    }

    double lastIntervalMax() {
        return lastIntervalMax;
    }

    @Override
    boolean observed() {
        return observed;
    }

    @Override
    boolean activeInLastInterval() {
        return observed;
    }

    @Override
    IntervalPoint.Series lastIntervalSeries() {
        return new IntervalPoint.Series(definition.name(), MetricKind.GAUGE, tags, 0, 0, last, lastIntervalMin, 0, 0, 0,
                lastIntervalMax);
    }

    @Override
    IntervalSnapshot.SeriesSnapshot lastIntervalSnapshot() {
        return new IntervalSnapshot.GaugeSnapshot(definition.name(), definition.valueType(), tags.asMap(), last,
                lastIntervalMin, lastIntervalMax);
    }

    @Override
    void apply(IntervalSnapshot.SeriesSnapshot snapshot) {
        var s = (IntervalSnapshot.GaugeSnapshot) snapshot;
        last = s.last();
        min = Math.min(min, s.min());
        max = Math.max(max, s.max());
        observed = true;
    }
}
