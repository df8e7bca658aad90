package io.headroom.core.metric;


import java.util.concurrent.atomic.LongAdder;

/** A rate series: two {@link LongAdder}s, non-zero samples and all samples. */
final class RateCell extends SeriesCell implements RateSeries {
    private final LongAdder nonZero = new LongAdder();
    private final LongAdder total = new LongAdder();

    // interval thread only (registry lock)
    private long nonZeroAtLastClose;
    private long totalAtLastClose;
    private long appliedNonZero;
    private long appliedTotal;
    private long lastNonZero;
    private long lastTotal;

    RateCell(MetricDefinition definition, Tags tags, long sequence) {
        super(definition, tags, sequence);
    }

    @Override
    public void add(boolean isNonZero) {
        // total first, and the interval thread reads nonZero first, so a snapshot never has nonZero > total
        total.increment();
        if (isNonZero) nonZero.increment();
    }

    @Override
    void closeInterval() {
        long nz = nonZero.sum();
        long t = Math.max(total.sum(), nz);
        lastNonZero = nz - nonZeroAtLastClose;
        lastTotal = t - totalAtLastClose;
        nonZeroAtLastClose = nz;
        totalAtLastClose = t;
    }

    long passes() {
        return nonZeroAtLastClose + appliedNonZero;
    }

    long fails() {
        return totalAtLastClose + appliedTotal - passes();
    }

    long lastNonZero() {
        return lastNonZero;
    }

    long lastTotal() {
        return lastTotal;
    }

    @Override
    boolean observed() {
        return totalAtLastClose + appliedTotal > 0;
    }

    @Override
    boolean activeInLastInterval() {
        return lastTotal > 0;
    }

    @Override
    IntervalPoint.Series lastIntervalSeries() {
        return new IntervalPoint.Series(definition.name(), MetricKind.RATE, tags, lastTotal, lastNonZero, 0, 0, 0, 0, 0, 0);
    }

    @Override
    IntervalSnapshot.SeriesSnapshot lastIntervalSnapshot() {
        return new IntervalSnapshot.RateSnapshot(definition.name(), tags.asMap(), lastNonZero, lastTotal);
    }

    @Override
    void apply(IntervalSnapshot.SeriesSnapshot snapshot) {
        var s = (IntervalSnapshot.RateSnapshot) snapshot;
        appliedNonZero += s.nonZero();
        appliedTotal += s.total();
    }
}
