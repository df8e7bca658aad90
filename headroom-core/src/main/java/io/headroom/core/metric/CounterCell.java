package io.headroom.core.metric;


import java.util.concurrent.atomic.DoubleAdder;

/** A counter series: a {@link DoubleAdder}, so adds from many VUs never contend on one cache line. */
final class CounterCell extends SeriesCell implements CounterSeries {
    private final DoubleAdder total = new DoubleAdder();
    private volatile boolean touched;

    // interval thread only (registry lock)
    private double rawAtLastClose;
    private double applied;
    private double lastInterval;
    private boolean observed;
    private boolean activeLast;

    CounterCell(MetricDefinition definition, Tags tags, long sequence) {
        super(definition, tags, sequence);
    }

    @Override
    public void add(double delta) {
        if (Double.isNaN(delta)) return;
        total.add(delta);
        if (!touched) touched = true;
    }

    @Override
    void closeInterval() {
        boolean wasTouched = touched;
        double raw = total.sum();
        lastInterval = raw - rawAtLastClose;
        rawAtLastClose = raw;
        activeLast = lastInterval != 0 || (wasTouched && !observed);
        observed |= wasTouched;
    }

    double cumulative() {
        return rawAtLastClose + applied;
    }

    double lastInterval() {
        return lastInterval;
    }

    @Override
    boolean observed() {
        return observed;
    }

    @Override
    boolean activeInLastInterval() {
        return activeLast;
    }

    @Override
    IntervalPoint.Series lastIntervalSeries() {
        return new IntervalPoint.Series(definition.name(), MetricKind.COUNTER, tags, lastInterval, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    IntervalSnapshot.SeriesSnapshot lastIntervalSnapshot() {
        return new IntervalSnapshot.CounterSnapshot(definition.name(), definition.valueType(), tags.asMap(), lastInterval);
    }

    @Override
    void apply(IntervalSnapshot.SeriesSnapshot snapshot) {
        applied += ((IntervalSnapshot.CounterSnapshot) snapshot).sum();
        observed = true;
    }
}
