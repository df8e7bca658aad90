package io.headroom.core.engine;

import io.headroom.core.result.RunResult;
import io.headroom.core.time.NanoClock;

/**
 * Runs a {@link RunSpec}: starts each scenario at its startTime with its executor, one virtual thread per
 * VU, records the built-in metrics, evaluates thresholds (abortOnFail during the run, all at the end),
 * and returns the {@link RunResult}. {@link #stop()} asks for a graceful stop (running iterations get
 * their gracefulStop), {@link #stopNow()} interrupts every VU; both still return a complete result.
 * One engine runs one run.
 */
public final class Engine {
    private final NanoClock clock;

    public Engine(NanoClock clock) {
        this.clock = clock;
    }

    public Engine() {
        this(NanoClock.system());
    }

    /** Runs to completion (or stop) and returns the result. Blocks the calling thread. */
    public RunResult run(RunSpec spec, RunListener listener) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Graceful stop: no new iterations; running ones get their scenario's gracefulStop. Safe from any thread. */
    public void stop() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Hard stop: interrupt every VU now. Safe from any thread. */
    public void stopNow() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
