package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.CounterSeries;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.TrendSeries;
import io.headroom.core.metric.ValueType;
import io.headroom.core.plan.ExecutionSegment;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.time.NanoClock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One scenario while it runs: its spec, executor, VUs, the metric handles its VUs record into, and its
 * lifecycle, driven by its own controller thread ({@link #control()}): wait for startTime, run the executor,
 * then give running iterations their gracefulStop and interrupt what is left. Thread-safe.
 */
final class ScenarioRuntime {
    /** How long VUs get to leave after being interrupted before they are abandoned (their later samples are lost). */
    static final long ABANDON_AFTER_NANOS = 3_000_000_000L;
    private static final long POLL_NANOS = 50_000_000L;

    final ScenarioSpec spec;
    final String name;
    final Tags tags;
    final VuBehaviourFactory factory;
    final RunControl run;
    final NanoClock clock;
    final MetricRegistry metrics;
    final ExecutionSegment segment;
    final boolean openModel;
    final ScenarioExecutor executor;

    // metric handles, resolved once
    private final CounterSeries iterations;
    private final TrendSeries iterationDuration;
    private final TrendSeries serviceDuration;
    /** {@code headroom_schedule_lag} by cause: the generator's own delay, or waiting for a VU while all were busy. */
    private final TrendSeries scheduleLagGenerator;
    private final TrendSeries scheduleLagTarget;
    /** Open model: the lag's evidence for the tail statement; null for closed models. */
    final LagAttribution lagAttribution;
    private final CounterSeries dropped;
    private final ConcurrentHashMap<String, CounterSeries> rareCounters = new ConcurrentHashMap<>();

    volatile ScenarioProgress.State state = ScenarioProgress.State.WAITING;
    /** An unexpected failure of the controller (a bug), kept for the result; null normally. */
    volatile Throwable failure;
    volatile boolean stopping;
    volatile long startNanos;
    volatile long endNanos;
    volatile int abandonedVus;
    final AtomicInteger liveVus = new AtomicInteger();
    final AtomicInteger createdVus = new AtomicInteger();
    final ConcurrentLinkedQueue<Vu> vus = new ConcurrentLinkedQueue<>();
    final LongAdder completedIterations = new LongAdder();
    /** Every dropped iteration, whatever the cause (the scenario's {@code dropped_iterations}). */
    final LongAdder droppedIterations = new LongAdder();
    /** The drops of arrivals the scheduler dispatched later than the lag bound: the generator fell behind. */
    final LongAdder droppedBehindSchedule = new LongAdder();
    final LongAdder interruptedIterations = new LongAdder();
    /** The next iteration number across the scenario, for closed-model executors. */
    final AtomicLong iterationCounter = new AtomicLong();
    private volatile Thread controller;

    ScenarioRuntime(ScenarioRun scenarioRun, RunControl run, MetricRegistry metrics, ExecutionSegment segment) {
        this.spec = scenarioRun.spec();
        this.name = spec.name();
        this.tags = Tags.of(spec.tags()).with("scenario", name);
        this.factory = scenarioRun.behaviour();
        this.run = run;
        this.clock = run.clock;
        this.metrics = metrics;
        this.segment = segment;
        this.openModel = spec.executor().openModel();
        this.iterations = metrics.counter(BuiltinMetrics.ITERATIONS, ValueType.DEFAULT, tags);
        this.iterationDuration = metrics.trend(BuiltinMetrics.ITERATION_DURATION, ValueType.TIME, tags);
        this.serviceDuration = metrics.trend(BuiltinMetrics.ITERATION_SERVICE_DURATION, ValueType.TIME, tags);
        this.scheduleLagGenerator = openModel ? metrics.trend(BuiltinMetrics.SCHEDULE_LAG, ValueType.TIME,
                tags.with(BuiltinMetrics.LAG_CAUSE_TAG, BuiltinMetrics.LAG_CAUSE_GENERATOR)) : null;
        this.scheduleLagTarget = openModel ? metrics.trend(BuiltinMetrics.SCHEDULE_LAG, ValueType.TIME,
                tags.with(BuiltinMetrics.LAG_CAUSE_TAG, BuiltinMetrics.LAG_CAUSE_TARGET)) : null;
        this.lagAttribution = openModel ? new LagAttribution() : null;
        this.dropped = openModel ? metrics.counter(BuiltinMetrics.DROPPED_ITERATIONS, ValueType.DEFAULT, tags) : null;
        this.executor = ScenarioExecutor.create(this);
    }

    // ---- VUs ----

    /** Creates and starts a VU; {@code readySignal} (nullable) is counted down once its behaviour exists. */
    Vu startVu(CountDownLatch readySignal) {
        return startVu(readySignal, Vu.NO_ASSIGNMENT, 0, 0, false);
    }

    /**
     * Creates and starts a VU that first runs the iteration due at {@code intendedNanos} (arrival-rate), dispatched
     * at {@code dispatchNanos} because no VU was free; {@code ownDelay} as in {@link Vu#assign}.
     */
    Vu startVu(CountDownLatch readySignal, long intendedNanos, long eventIndex, long dispatchNanos, boolean ownDelay) {
        int index = createdVus.getAndIncrement();
        int idInScenario = (int) executor.vuIdOffset() + index + 1;
        Vu vu = new Vu(this, run.nextVuId.incrementAndGet(), idInScenario, index, readySignal);
        if (intendedNanos != Vu.NO_ASSIGNMENT) vu.assign(intendedNanos, eventIndex, dispatchNanos, ownDelay);
        liveVus.incrementAndGet();
        vus.add(vu);
        executor.onVuCreated(vu);
        vu.start();
        return vu;
    }

    void vuExited() {
        if (liveVus.decrementAndGet() == 0) wakeController();
    }

    /** VUs that may run iterations now or are finishing one. */
    int activeVus() {
        int n = 0;
        for (Vu vu : vus) {
            if (!vu.exited && (vu.active || vu.inIteration)) n++;
        }
        return n;
    }

    void wakeAll() {
        wakeController();
        for (Vu vu : vus) vu.unpark();
    }

    void wakeController() {
        Thread t = controller;
        if (t != null) LockSupport.unpark(t);
    }

    void interruptAll(String cause) {
        for (Vu vu : vus) {
            if (!vu.exited) vu.interrupt(cause);
        }
    }

    // ---- recording (VU threads) ----

    /**
     * One iteration done. Open model: {@code dispatchNanos} is when the scheduler handed it out and {@code ownDelay}
     * whether any lag was the generator's own ({@link Vu#assign}); they decide the cause its schedule lag is recorded under.
     */
    void recordIteration(long startNanos, long endNanos, long intendedNanos, long dispatchNanos, boolean ownDelay) {
        iterations.add(1);
        completedIterations.increment();
        serviceDuration.recordNanos(endNanos - startNanos);
        if (openModel) {
            long latency = endNanos - intendedNanos;
            long lag = Math.max(0, startNanos - intendedNanos);
            iterationDuration.recordNanos(latency);
            if (LagAttribution.generatorCaused(intendedNanos, dispatchNanos, startNanos, ownDelay)) {
                scheduleLagGenerator.recordNanos(lag);
                lagAttribution.iterationDone(lag, latency);
            } else {
                scheduleLagTarget.recordNanos(lag);
            }
        } else {
            iterationDuration.recordNanos(endNanos - startNanos);
        }
    }

    /**
     * Scheduler thread of an open-model executor: one arrival found every VU up to maxVUs busy;
     * {@code behindSchedule} when the scheduler was already late for it (the generator's fault, not the plan's).
     */
    void countDropped(boolean behindSchedule) {
        dropped.add(1);
        droppedIterations.increment();
        if (behindSchedule) droppedBehindSchedule.increment();
    }

    /**
     * {@code count} planned iterations that never started (a closed-model executor's maxDuration expired first).
     * Rare (once per scenario), so the series is created here: a run without drops has no such series, as in k6.
     */
    void countDroppedAtEnd(long count) {
        if (count <= 0) return;
        CounterSeries series = dropped != null ? dropped : rareCounters.computeIfAbsent(BuiltinMetrics.DROPPED_ITERATIONS,
                k -> metrics.counter(BuiltinMetrics.DROPPED_ITERATIONS, ValueType.DEFAULT, tags));
        series.add(count);
        droppedIterations.add(count);
    }

    void countInterrupted(String cause) {
        interruptedIterations.increment();
        rare(BuiltinMetrics.INTERRUPTED_ITERATIONS, "cause", cause).add(1);
    }

    /** An iteration (phase null) or a close that threw. */
    void countError(String phase, Throwable error) {
        String type = error.getClass().getSimpleName().isEmpty() ? error.getClass().getName() : error.getClass().getSimpleName();
        String errorTag = phase == null ? type : phase + ":" + type;
        rare(BuiltinMetrics.ITERATION_ERRORS, "error", errorTag).add(1);
        // Rare path (it allocates already): the message tells users which assertion or call threw.
        String message = error.getMessage();
        metrics.errorSample(io.headroom.core.metric.ErrorSample.ITERATION_PREFIX + errorTag,
                message == null || message.isBlank() ? type : type + ": " + message);
    }

    void countInitError(Throwable error) {
        String type = error.getClass().getSimpleName().isEmpty() ? error.getClass().getName() : error.getClass().getSimpleName();
        rare(BuiltinMetrics.VU_INIT_ERRORS, "error", type).add(1);
    }

    private CounterSeries rare(String metric, String key, String value) {
        return rareCounters.computeIfAbsent(metric + '\u0000' + key + '\u0000' + value,
                k -> metrics.counter(metric, ValueType.DEFAULT, tags.with(key, value)));
    }

    // ---- lifecycle (controller thread) ----

    void startController() {
        controller = Thread.ofPlatform().daemon().name("headroom-scenario-" + name).unstarted(this::control);
        controller.start();
    }

    /** The controller: startTime, executor, gracefulStop, interrupts; always ends in DONE. */
    void control() {
        try {
            long startAt = run.runStartNanos + spec.startTime().toNanos();
            while (!run.stopRequested()) {
                long remaining = startAt - clock.nanoTime();
                if (remaining <= 0) break;
                LockSupport.parkNanos(this, Math.min(remaining, POLL_NANOS));
            }
            boolean drove = false;
            if (!run.stopRequested()) {
                startNanos = clock.nanoTime();
                state = ScenarioProgress.State.RUNNING;
                wakeAll();
                executor.drive();
                drove = true;
            }
            windDown();
            // k6 counts the never-started iterations only when the executor's own time ran out, not when the
            // whole run was stopped (lib/executor/shared_iterations.go, per_vu_iterations.go: PushIfNotDone)
            if (drove && !run.stopRequested()) executor.afterVusGone();
        } catch (RuntimeException | Error e) {
            // a bug in the engine must not lose the run: stop this scenario hard and let the result be built
            failure = e;
            stopping = true;
            interruptAll("hard_stop");
        } finally {
            endNanos = clock.nanoTime();
            state = ScenarioProgress.State.DONE;
            run.scenarioDone();
        }
    }

    /** No new iterations; running ones get gracefulStop, then are interrupted; unresponsive VUs are abandoned. */
    private void windDown() {
        stopping = true;
        state = ScenarioProgress.State.STOPPING;
        wakeAll();
        long graceDeadline = clock.nanoTime() + spec.gracefulStop().toNanos();
        while (liveVus.get() > 0 && !run.hardStop()) {
            long now = clock.nanoTime();
            executor.onWindDownPoll(now);
            long remaining = graceDeadline - now;
            if (remaining <= 0) break;
            LockSupport.parkNanos(this, Math.min(remaining, POLL_NANOS));
        }
        if (liveVus.get() == 0) return;
        String cause = run.hardStop() ? "hard_stop" : "graceful_stop";
        long abandonAt = clock.nanoTime() + ABANDON_AFTER_NANOS;
        while (liveVus.get() > 0) {
            interruptAll(cause); // again each round: an iteration may swallow one interrupt
            wakeAll();
            long remaining = abandonAt - clock.nanoTime();
            if (remaining <= 0) break;
            LockSupport.parkNanos(this, Math.min(remaining, POLL_NANOS));
        }
        abandonedVus = liveVus.get();
    }

    /** What {@link #awaitDue} returns when the scenario or the run must stop first. */
    static final long STOPPED = Long.MIN_VALUE;

    /**
     * Scheduler thread: parks until {@code deadlineNanos} and returns the clock's time then (at or after it), the
     * dispatch time of what is due; {@link #STOPPED} when the scenario or the run must stop first.
     */
    long awaitDue(long deadlineNanos) {
        boolean parked = false;
        while (true) {
            if (stopping || run.stopRequested()) return STOPPED;
            long now = clock.nanoTime();
            long remaining = deadlineNanos - now;
            if (remaining <= 0) {
                lastAwaitParked = parked;
                return now == STOPPED ? now + 1 : now;
            }
            LockSupport.parkNanos(this, remaining);
            parked = true;
        }
    }

    /** Scheduler thread only: whether the last {@link #awaitDue} had to wait (the scheduler was ahead of its schedule). */
    boolean lastAwaitParked;

    /** Controller thread: parks until {@code deadlineNanos}; false when the scenario or the run must stop first. */
    boolean waitUntil(long deadlineNanos) {
        while (true) {
            if (stopping || run.stopRequested()) return false;
            long remaining = deadlineNanos - clock.nanoTime();
            if (remaining <= 0) return true;
            LockSupport.parkNanos(this, remaining);
        }
    }

    /** Controller thread: as {@link #waitUntil}, but also returns (true) once every VU has left. */
    boolean waitUntilOrAllVusGone(long deadlineNanos) {
        while (true) {
            if (stopping || run.stopRequested()) return false;
            if (liveVus.get() == 0) return true;
            long remaining = deadlineNanos - clock.nanoTime();
            if (remaining <= 0) return true;
            LockSupport.parkNanos(this, Math.min(remaining, POLL_NANOS));
        }
    }

    /** VU thread: parks until the scenario starts; false when it stops before that. */
    boolean awaitStart(Vu vu) {
        while (state == ScenarioProgress.State.WAITING && !stopping && !run.stopRequested()) vu.parkIdle();
        return !stopping && state != ScenarioProgress.State.WAITING && !run.stopRequested();
    }

    /** VU thread of a closed-model executor: may another iteration start before {@code endNanos}? */
    boolean mayStartIteration(long endNanos) {
        return !stopping && !run.stopRequested() && clock.nanoTime() - endNanos < 0;
    }
}
