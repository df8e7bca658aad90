package io.headroom.core.metric;


/**
 * The storage of one series (a metric with one exact tag set). Recording methods (in the subclasses' series
 * interfaces) are called from any thread and are lock-free; every other method is called by the registry
 * under its own lock (the interval thread), which also guards the fields they touch.
 */
abstract sealed class SeriesCell permits CounterCell, RateCell, GaugeCell, TrendCell {
    final MetricDefinition definition;
    final Tags tags;
    final long sequence;

    SeriesCell(MetricDefinition definition, Tags tags, long sequence) {
        this.definition = definition;
        this.tags = tags;
        this.sequence = sequence;
    }

    /** Ends the current interval: folds its samples into the cumulative state and keeps them as "last interval". */
    abstract void closeInterval();

    /** True once any sample was folded in (by {@link #closeInterval()} or {@link #apply}). */
    abstract boolean observed();

    /** True when the interval that just closed had samples (gauges: once they were ever set). */
    abstract boolean activeInLastInterval();

    abstract IntervalPoint.Series lastIntervalSeries();

    abstract IntervalSnapshot.SeriesSnapshot lastIntervalSnapshot();

    /** Adds a snapshot (e.g. from another generator) into the cumulative state. */
    abstract void apply(IntervalSnapshot.SeriesSnapshot snapshot);
}
