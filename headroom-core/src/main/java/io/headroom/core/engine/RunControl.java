package io.headroom.core.engine;

import io.headroom.core.result.RunOutcome;
import io.headroom.core.time.NanoClock;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/** The stop state of one run, shared by the engine, the scenario controllers and every VU. Thread-safe. */
final class RunControl {
    /** The first stop request of the run and when it came, in clock nanoseconds. */
    record StopRequest(RunOutcome reason, long atNanos) {}

    final NanoClock clock;
    final AtomicInteger nextVuId = new AtomicInteger();
    final AtomicInteger scenariosDone = new AtomicInteger();
    private final AtomicReference<StopRequest> stop = new AtomicReference<>();
    private volatile boolean hardStop;
    private volatile List<ScenarioRuntime> scenarios = List.of();
    private volatile Thread engineThread;
    volatile long runStartNanos;

    RunControl(NanoClock clock) {
        this.clock = clock;
    }

    void attach(Thread engine, List<ScenarioRuntime> runtimes) {
        this.engineThread = engine;
        this.scenarios = List.copyOf(runtimes);
    }

    boolean stopRequested() {
        return stop.get() != null;
    }

    /** The first stop request, or null. */
    StopRequest stopRequest() {
        return stop.get();
    }

    boolean hardStop() {
        return hardStop;
    }

    /** Asks for a graceful stop; the first reason wins. Returns true when this call set it. */
    boolean requestStop(RunOutcome reason) {
        boolean first = stop.compareAndSet(null, new StopRequest(reason, clock.nanoTime()));
        wakeAll();
        return first;
    }

    /** Stops now: every scenario stops scheduling and every VU is interrupted. */
    void requestHardStop(RunOutcome reason) {
        stop.compareAndSet(null, new StopRequest(reason, clock.nanoTime()));
        hardStop = true;
        for (ScenarioRuntime s : scenarios) {
            s.stopping = true;
            s.interruptAll("hard_stop");
        }
        wakeAll();
    }

    /** Wakes the engine thread, every controller and every VU, so that each re-reads the stop state. */
    void wakeAll() {
        for (ScenarioRuntime s : scenarios) s.wakeAll();
        wakeEngine();
    }

    void wakeEngine() {
        Thread t = engineThread;
        if (t != null) LockSupport.unpark(t);
    }

    void scenarioDone() {
        scenariosDone.incrementAndGet();
        wakeEngine();
    }
}
