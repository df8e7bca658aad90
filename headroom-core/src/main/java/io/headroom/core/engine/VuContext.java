package io.headroom.core.engine;

import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.time.NanoClock;

import java.time.Duration;

/**
 * What the engine tells a virtual user about itself and its current iteration. One instance per VU,
 * used only from that VU's thread (not thread-safe, by design: no sharing between VUs).
 */
public interface VuContext {
    /** 1-based id, unique across the run (k6's {@code __VU}). */
    int vuId();

    /** 1-based id within this VU's scenario. */
    int vuIdInScenario();

    String scenario();

    /** 0-based number of the current iteration of this VU (k6's {@code __ITER}). */
    long iteration();

    /** 0-based number of the current iteration across the whole scenario (k6's {@code scenario.iterationInTest}). */
    long iterationInScenario();

    /**
     * When the current iteration was meant to start, in {@link #clock()} nanoseconds. For open-model
     * executors this is the scheduled time, which may lie before the actual start when the generator
     * or the target fell behind; for closed-model executors it equals the actual start.
     */
    long intendedStartNanos();

    /** True when this VU's executor is open-model (arrival-rate): latency counts from the intended start. */
    boolean openModel();

    NanoClock clock();

    Metrics metrics();

    /** Tags for every sample of this VU: the scenario's tags plus {@code scenario:<name>}. */
    Tags tags();

    /** True once the scenario is winding down (its duration ended; gracefulStop running): finish soon. */
    boolean stopping();

    /**
     * Sleeps for {@code duration} unless the run is stopped hard first, in which case it returns early
     * and {@link #stopping()} is true. Think time goes through here so that Ctrl-C does not wait for it.
     */
    void sleep(Duration duration) throws InterruptedException;
}
