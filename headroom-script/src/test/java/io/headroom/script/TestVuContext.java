package io.headroom.script;

import io.headroom.core.engine.VuContext;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.time.NanoClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A VU context for tests: the caller sets the iteration's numbers; sleeps are recorded, not slept. */
public final class TestVuContext implements VuContext {
    public final int vuId;
    public final String scenario;
    public final Metrics metrics;
    public final Tags tags;
    public long iteration;
    public long intendedStartNanos;
    public boolean openModel;
    public boolean stopping;
    public final List<Duration> sleeps = new ArrayList<>();

    public TestVuContext(int vuId, String scenario, Metrics metrics) {
        this.vuId = vuId;
        this.scenario = scenario;
        this.metrics = metrics;
        this.tags = Tags.of("scenario", scenario);
        this.intendedStartNanos = System.nanoTime();
    }

    /** Moves to the next iteration, intended to start {@code lateByNanos} before now. */
    public TestVuContext next(long lateByNanos) {
        iteration++;
        intendedStartNanos = System.nanoTime() - lateByNanos;
        return this;
    }

    @Override public int vuId() { return vuId; }
    @Override public int vuIdInScenario() { return vuId; }
    @Override public String scenario() { return scenario; }
    @Override public long iteration() { return iteration; }
    @Override public long iterationInScenario() { return iteration; }
    @Override public long intendedStartNanos() { return intendedStartNanos; }
    @Override public boolean openModel() { return openModel; }
    @Override public NanoClock clock() { return NanoClock.system(); }
    @Override public Metrics metrics() { return metrics; }
    @Override public Tags tags() { return tags; }
    @Override public boolean stopping() { return stopping; }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
    }
}
