package io.headroom.core.metric;

import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A trend series: {@link AtomicBucketCounts} in HdrHistogram's layout (wait-free recording, one atomic add per
 * value, 3 significant digits) of the values × {@link SeriesStats.TrendStats#HISTOGRAM_SCALE}, so microseconds
 * for time trends. Once per interval the counts are drained into this cell's interval histogram (recycled from
 * the interval before) and added into a cumulative histogram (plain, for fast adds; results take packed copies), so
 * memory follows the spread of the values, never their number.
 *
 * <p>Beside the histogram, as k6 keeps them: the exact sum, min and max (striped adders and accumulators,
 * lock-free; min and max write only when they move) and the first {@link SeriesStats.TrendStats#MAX_EXACT_VALUES}
 * values themselves (one slot claimed by an atomic add; past the bound a plain read, no write), so a small series
 * gets k6's exact percentiles. They are folded at each close like the counts; a value recorded while an interval
 * closes may fall in the histogram's interval and the exact statistics' next one, so they agree exactly once
 * recording has stopped (the end of a run), and within one in-flight value per VU before.
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
    private final DoubleAdder valueSum = new DoubleAdder();
    private final DoubleAccumulator valueMin = new DoubleAccumulator(Math::min, Double.POSITIVE_INFINITY);
    private final DoubleAccumulator valueMax = new DoubleAccumulator(Math::max, Double.NEGATIVE_INFINITY);
    private final AtomicInteger exactClaimed = new AtomicInteger();
    private final AtomicInteger exactWritten = new AtomicInteger();
    private final AtomicLongArray exactBits = new AtomicLongArray(SeriesStats.TrendStats.MAX_EXACT_VALUES);

    // interval thread only (registry lock)
    private Histogram lastInterval;
    /** The drained values' sum as getMean() would add it, so the interval's mean needs no second pass. */
    private double lastIntervalValueSum;
    private final Histogram cumulative = new Histogram(SIGNIFICANT_DIGITS);
    private long clampedAtLastClose;
    private long lastClamped;
    private long appliedClamped;
    private double lastIntervalMin = Double.POSITIVE_INFINITY, lastIntervalMax = Double.NEGATIVE_INFINITY, lastIntervalSum;
    private double cumulativeMin = Double.POSITIVE_INFINITY, cumulativeMax = Double.NEGATIVE_INFINITY, cumulativeSum;
    /** False once a snapshot without exact statistics was applied: min, max and sum then come from the histogram. */
    private boolean exactStatsKnown = true;
    private long ownCount;
    private long appliedCount;
    /** Every value, sorted, as of the last close; null when more were recorded than kept, or some were applied. */
    private double[] exactValues = new double[0];

    TrendCell(MetricDefinition definition, Tags tags, long sequence) {
        super(definition, tags, sequence);
        this.maxScaled = definition.valueType() == ValueType.TIME ? MAX_TIME_MICROS : MAX_OTHER_SCALED;
    }

    @Override
    public void record(double value) {
        if (Double.isNaN(value)) return;
        recordExact(value);
        if (!(value >= 0)) { // negative: HdrHistogram has no negatives
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
        recordExact(nanos / 1_000_000.0);
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

    /** The exact side of one value in the metric's unit (before its count, so a drained count's value is here). */
    private void recordExact(double value) {
        valueSum.add(value);
        valueMin.accumulate(value);
        valueMax.accumulate(value);
        if (exactClaimed.get() < exactBits.length()) {
            int slot = exactClaimed.getAndIncrement();
            if (slot < exactBits.length()) {
                exactBits.set(slot, Double.doubleToRawLongBits(value));
                exactWritten.incrementAndGet();
            }
        }
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
        // after the drain: a drained count's exact side was written before it
        lastIntervalSum = valueSum.sumThenReset();
        lastIntervalMin = valueMin.getThenReset();
        lastIntervalMax = valueMax.getThenReset();
        cumulativeSum += lastIntervalSum;
        cumulativeMin = Math.min(cumulativeMin, lastIntervalMin);
        cumulativeMax = Math.max(cumulativeMax, lastIntervalMax);
        ownCount += lastInterval.getTotalCount();
        foldExactValues();
    }

    private void foldExactValues() {
        if (exactValues == null) return; // for good
        if (appliedCount > 0 || exactClaimed.get() > exactBits.length()) {
            exactValues = null; // more values than kept, or values from elsewhere
            return;
        }
        if (exactValues.length == ownCount) return; // unchanged
        int written = exactWritten.get();
        int claimed = exactClaimed.get(); // read second: equal means no slot was being written when written was read
        if (claimed == written && written == ownCount) {
            double[] values = new double[written];
            for (int i = 0; i < written; i++) values[i] = Double.longBitsToDouble(exactBits.get(i));
            Arrays.sort(values);
            exactValues = values;
        }
        // otherwise values are in flight: the last settled values stay, and exactValues() declines them (count differs)
    }

    /** True when {@link #exactMin()}, {@link #exactMax()} and {@link #exactSum()} are known (as of the last close). */
    boolean exactStatsKnown() {
        return exactStatsKnown;
    }

    /** The smallest value as of the last close (+∞ before any). */
    double exactMin() {
        return cumulativeMin;
    }

    /** The largest value as of the last close (−∞ before any). */
    double exactMax() {
        return cumulativeMax;
    }

    /** The sum of the values as of the last close. */
    double exactSum() {
        return cumulativeSum;
    }

    /** Every value, sorted, when all were kept and are settled as of the last close; otherwise null. Do not modify. */
    double[] exactValues() {
        return exactValues != null && exactValues.length == cumulative.getTotalCount() && exactValues.length > 0 ? exactValues : null;
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
                HistogramCodec.encode(lastInterval == null ? new Histogram(SIGNIFICANT_DIGITS) : lastInterval), lastClamped,
                lastIntervalMin, lastIntervalMax, lastIntervalSum);
    }

    @Override
    void apply(IntervalSnapshot.SeriesSnapshot snapshot) {
        var s = (IntervalSnapshot.TrendSnapshot) snapshot;
        Histogram h = s.histogram();
        cumulative.add(h);
        appliedClamped += s.clamped();
        appliedCount += h.getTotalCount();
        exactValues = null;
        if (Double.isNaN(s.sum()) || Double.isNaN(s.min()) || Double.isNaN(s.max())) {
            exactStatsKnown = false;
        } else {
            cumulativeSum += s.sum();
            cumulativeMin = Math.min(cumulativeMin, s.min());
            cumulativeMax = Math.max(cumulativeMax, s.max());
        }
    }
}
