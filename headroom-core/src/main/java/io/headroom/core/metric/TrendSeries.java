package io.headroom.core.metric;

/**
 * One tagged series of a trend, kept in an HDR histogram (3 significant digits). Recording is
 * wait-free and allocation-free; safe from any thread. For {@link ValueType#TIME} trends the unit is
 * milliseconds with microsecond resolution, up to one hour (longer values are clamped and counted).
 */
public interface TrendSeries {
    /** Records one value in the metric's unit (milliseconds for time trends). */
    void record(double value);

    /** Records a duration given in nanoseconds (time trends). */
    default void recordNanos(long nanos) {
        record(nanos / 1_000_000.0);
    }
}
