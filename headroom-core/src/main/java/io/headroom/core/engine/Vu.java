package io.headroom.core.engine;

import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.time.NanoClock;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * One virtual user: its own virtual thread, its behaviour, and the state the engine shares with it. The
 * {@link VuContext} methods are called from the VU's thread only; the volatile fields are how the scenario
 * controller, the scheduler and the engine talk to it without locks.
 */
final class Vu implements VuContext, Runnable {
    static final long NO_ASSIGNMENT = Long.MIN_VALUE;

    final ScenarioRuntime scenario;
    final int vuId;
    final int vuIdInScenario;
    /** 0-based position among this scenario's VUs on this generator (ramping-vus activates by it). */
    final int index;
    private final CountDownLatch readySignal;
    private volatile Thread thread;
    private VuBehaviour behaviour;

    // the VU's own iteration state
    private long iterationInScenario = -1;
    private long intendedStartNanos;

    // shared with controllers and the engine
    volatile boolean active;
    volatile boolean rampingDown;
    volatile boolean inIteration;
    /** Iterations started so far (single writer: this VU); {@link #iteration()} is this minus one. */
    volatile long iterationSeq;
    volatile String interruptCause;
    volatile boolean exited;

    // ramping-vus controller thread only
    long deactivatedAtNanos;
    long seqAtDeactivation;

    // arrival-rate hand-off: the scheduler writes assignedIndex and the lag's evidence, then the volatile time, then unparks
    private volatile long assignedIntendedNanos = NO_ASSIGNMENT;
    private long assignedIndex;
    private long assignedDispatchNanos;
    private boolean assignedOwnDelay;
    // the taken assignment's evidence, for the iteration it starts (VU thread only)
    private long dispatchNanos;
    private boolean ownDelay;
    Vu nextIdle;

    Vu(ScenarioRuntime scenario, int vuId, int vuIdInScenario, int index, CountDownLatch readySignal) {
        this.scenario = scenario;
        this.vuId = vuId;
        this.vuIdInScenario = vuIdInScenario;
        this.index = index;
        this.readySignal = readySignal;
    }

    void start() {
        thread = Thread.ofVirtual().name("headroom-vu-" + vuId).unstarted(this);
        thread.start();
    }

    @Override
    public void run() {
        try {
            try {
                behaviour = scenario.factory.create(this);
                if (behaviour == null) throw new IllegalStateException("the VU behaviour factory returned null");
            } catch (Exception | AssertionError e) {
                scenario.countInitError(e);
                return;
            } finally {
                if (readySignal != null) readySignal.countDown();
            }
            scenario.executor.runVu(this);
        } finally {
            active = false;
            if (behaviour != null) {
                Thread.interrupted(); // a stop interrupt must not break closing connections
                try {
                    behaviour.close();
                } catch (RuntimeException e) {
                    scenario.countError("close", e);
                }
            }
            exited = true;
            scenario.vuExited();
        }
    }

    /**
     * Runs one iteration and records it. {@code intendedNanos} is the scheduled start for open-model
     * executors (ignored for closed ones, which start now). Iterations that throw are counted as errors,
     * iterations cut by the engine as interrupted; neither stops the VU.
     */
    void runIteration(long intendedNanos, long indexInScenario) {
        Thread.interrupted(); // a stale interrupt (e.g. a ramp-down one that lost the race) must not hit this iteration
        interruptCause = null;
        NanoClock clock = scenario.clock;
        boolean open = scenario.openModel;
        iterationInScenario = indexInScenario;
        long start = clock.nanoTime();
        long intended = open ? intendedNanos : start;
        intendedStartNanos = intended;
        iterationSeq++;
        inIteration = true;
        Throwable failure = null;
        try {
            behaviour.iteration(this);
        } catch (Exception | AssertionError e) {
            failure = e;
        } finally {
            inIteration = false;
        }
        long end = clock.nanoTime();
        String cause = interruptCause;
        Thread.interrupted();
        if (cause != null) {
            scenario.countInterrupted(cause);
        } else if (failure instanceof InterruptedException && scenario.run.hardStop()) {
            scenario.countInterrupted("hard_stop");
        } else if (failure != null) {
            scenario.countError(null, failure);
        } else {
            scenario.recordIteration(start, end, intended, dispatchNanos, ownDelay);
        }
    }

    /** Interrupts the current iteration on behalf of the engine, recording why. */
    void interrupt(String cause) {
        Thread t = thread;
        if (t == null || exited) return;
        if (interruptCause == null) interruptCause = cause;
        t.interrupt();
    }

    void unpark() {
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    /**
     * Scheduler thread: hands this (idle or new) VU the iteration due at {@code intendedNanos}, dispatched at
     * {@code dispatchNanos}; {@code ownDelay} when any lag is the generator's own: this VU was idle at dispatch, or
     * the scheduler was firing the late burst after falling behind (false: every VU was busy with earlier iterations
     * and this one was started for it). The evidence by which the iteration's schedule lag is attributed.
     */
    void assign(long intendedNanos, long eventIndex, long dispatchNanos, boolean ownDelay) {
        assignedIndex = eventIndex;
        assignedDispatchNanos = dispatchNanos;
        assignedOwnDelay = ownDelay;
        assignedIntendedNanos = intendedNanos;
        unpark();
    }

    /** VU thread: takes the pending assignment's intended time, or {@link #NO_ASSIGNMENT}. */
    long takeAssignment() {
        long due = assignedIntendedNanos;
        if (due != NO_ASSIGNMENT) {
            assignedIntendedNanos = NO_ASSIGNMENT;
            dispatchNanos = assignedDispatchNanos; // written before the volatile time, read after it: visible
            ownDelay = assignedOwnDelay;
        }
        return due;
    }

    long assignedIndex() {
        return assignedIndex;
    }

    /** VU thread: parks until an assignment arrives or the scenario stops. */
    void awaitAssignment() {
        while (assignedIntendedNanos == NO_ASSIGNMENT && !scenario.stopping) {
            LockSupport.park(this);
            Thread.interrupted(); // stop signals are flags; an interrupt here must not make park spin
        }
    }

    /** VU thread: parks until the controller changes something (activation, start, stop). */
    void parkIdle() {
        LockSupport.park(this);
        Thread.interrupted();
    }

    // ---- VuContext ----

    @Override
    public int vuId() {
        return vuId;
    }

    @Override
    public int vuIdInScenario() {
        return vuIdInScenario;
    }

    @Override
    public String scenario() {
        return scenario.name;
    }

    @Override
    public long iteration() {
        return iterationSeq - 1;
    }

    @Override
    public long iterationInScenario() {
        return iterationInScenario;
    }

    @Override
    public long intendedStartNanos() {
        return intendedStartNanos;
    }

    @Override
    public boolean openModel() {
        return scenario.openModel;
    }

    @Override
    public NanoClock clock() {
        return scenario.clock;
    }

    @Override
    public Metrics metrics() {
        return scenario.metrics;
    }

    @Override
    public Tags tags() {
        return scenario.tags;
    }

    @Override
    public boolean stopping() {
        return scenario.stopping || rampingDown || scenario.run.stopRequested();
    }

    /**
     * Sleeps on the VU's own virtual thread. Returns early when the run is asked to stop (so that think time
     * does not hold up a stop); throws {@link InterruptedException} when the engine interrupts the iteration
     * (gracefulStop or gracefulRampDown expired, or a hard stop).
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        long nanos = duration.toNanos();
        if (nanos <= 0) return;
        NanoClock clock = scenario.clock;
        long deadline = clock.nanoTime() + nanos;
        while (true) {
            if (Thread.interrupted()) throw new InterruptedException("the VU was stopped");
            if (scenario.run.stopRequested()) return;
            long remaining = deadline - clock.nanoTime();
            if (remaining <= 0) return;
            LockSupport.parkNanos(this, remaining);
        }
    }

    @Override
    public String toString() {
        return "VU " + vuId + " (" + scenario.name + " #" + vuIdInScenario + ")";
    }
}
