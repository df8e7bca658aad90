package io.headroom.core.metric;

import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.LongAdder;

/**
 * A trend series: {@link AtomicBucketCounts} in HdrHistogram's layout (wait-free recording, one atomic add per
 * value, 3 significant digits) of the values × {@link SeriesStats.TrendStats#HISTOGRAM_SCALE}, so microseconds
 * for time trends. Once per interval the counts are drained into this cell's interval histogram (recycled from
 * the interval before) and added into a cumulative histogram (plain, for fast adds; results take packed copies), so
 * memory follows the spread of the values, never their number.
 */
final class TrendCell extends SeriesCell implements TrendSeries {
    /** One hour in microseconds: the top of a time trend's range; longer values are clamped and counted. */
    static final long MAX_TIME_MICROS = 3_600_000_000L;
    /** The top for other trends (values × 1000), far inside HdrHistogram's auto-resizing range. */
    static final long MAX_OTHER_SCALED = Long.MAX_VALUE / 4;
    static final int SIGNIFICANT_DIGITS = AtomicBucketCounts.SIGNIFICANT_DIGITS;

    private final AtomicBucketCounts counts = new AtomicBucketCounts();
    private final long maxScaled;
    private final LongAdder clamped = new LongAdder();

    // interval thread only (registry lock)
    private Histogram lastInterval;
    /** The drained values' sum as getMean() would add it, so the interval's mean needs no second pass. */
    private double lastIntervalValueSum;
    private final Histogram cumulative = new Histogram(SIGNIFICANT_DIGITS);
    private long clampedAtLastClose;
    private long lastClamped;
    private long appliedClamped;

    TrendCell(MetricDefinition definition, Tags tags, long sequence) {
        super(definition, tags, sequence);
        this.maxScaled = definition.valueType() == ValueType.TIME ? MAX_TIME_MICROS : MAX_OTHER_SCALED;
    }

    @Override
    public void record(double value) {
        if (!(value >= 0)) { // negative (HdrHistogram has no negatives) or NaN
            if (Double.isNaN(value)) return;
            clamped.increment();
            counts.increment(0);
            return;
        }
        double scaled = value * SeriesStats.TrendStats.HISTOGRAM_SCALE;
        if (scaled >= maxScaled) {
            if (scaled > maxScaled) clamped.increment();
            counts.increment(maxScaled);
            return;
        }
        counts.increment((long) (scaled + 0.5));
    }

    @Override
    public void recordNanos(long nanos) {
        if (definition.valueType() != ValueType.TIME) {
            record(nanos / 1_000_000.0);
            return;
        }
        if (nanos < 0) {
            clamped.increment();
            counts.increment(0);
            return;
        }
        long micros = nanos / 1000 + ((nanos % 1000) >= 500 ? 1 : 0);
        if (micros > MAX_TIME_MICROS) {
            clamped.increment();
            micros = MAX_TIME_MICROS;
        }
        counts.increment(micros);
    }

    @Override
    void closeInterval() {
        if (lastInterval == null) {
            lastInterval = new Histogram(SIGNIFICANT_DIGITS);
        } else {
            lastInterval.reset();
        }
        lastIntervalValueSum = counts.drainInto(lastInterval);
        if (lastInterval.getTotalCount() > 0) cumulative.add(lastInterval);
        long c = clamped.sum();
        lastClamped = c - clampedAtLastClose;
        clampedAtLastClose = c;
    }

    /** The cumulative histogram; do not modify. */
    Histogram cumulative() {
        return cumulative;
    }

    /** The histogram of the interval that closed last (empty before the first close); do not modify. */
    Histogram lastInterval() {
        return lastInterval;
    }

    long clampedValues() {
        return clampedAtLastClose + appliedClamped;
    }

    @Override
    boolean observed() {
        return cumulative.getTotalCount() > 0;
    }

    @Override
    boolean activeInLastInterval() {
        return lastInterval != null && lastInterval.getTotalCount() > 0;
    }

    @Override
    IntervalPoint.Series lastIntervalSeries() {
        long count = lastInterval == null ? 0 : lastInterval.getTotalCount();
        return intervalSeries(definition.name(), tags, lastInterval, count == 0 ? 0 : lastIntervalValueSum / count);
    }

    static IntervalPoint.Series intervalSeries(String metric, Tags tags, Histogram h) {
        return intervalSeries(metric, tags, h, h == null ? 0 : h.getMean());
    }

    /** {@code mean} is {@code h.getMean()}, passed in when already known. */
    private static IntervalPoint.Series intervalSeries(String metric, Tags tags, Histogram h, double mean) {
        long count = h == null ? 0 : h.getTotalCount();
        if (count == 0) return new IntervalPoint.Series(metric, MetricKind.TREND, tags, 0, 0, 0, 0, 0, 0, 0, 0);
        double scale = SeriesStats.TrendStats.HISTOGRAM_SCALE;
        return new IntervalPoint.Series(metric, MetricKind.TREND, tags, count, mean * count / scale, 0,
                h.getMinValue() / scale, h.getValueAtPercentile(50) / scale, h.getValueAtPercentile(95) / scale,
                h.getValueAtPercentile(99) / scale, h.getMaxValue() / scale);
    }

    @Override
    IntervalSnapshot.SeriesSnapshot lastIntervalSnapshot() {
        return new IntervalSnapshot.TrendSnapshot(definition.name(), definition.valueType(), tags.asMap(),
                HistogramCodec.encode(lastInterval == null ? new Histogram(SIGNIFICANT_DIGITS) : lastInterval), lastClamped);
    }

    @Override
    void apply(IntervalSnapshot.SeriesSnapshot snapshot) {
        var s = (IntervalSnapshot.TrendSnapshot) snapshot;
        cumulative.add(s.histogram());
        appliedClamped += s.clamped();
    }
}
