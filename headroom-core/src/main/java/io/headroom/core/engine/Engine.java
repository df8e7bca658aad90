package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.GaugeSeries;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.metric.IntervalHistory;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.time.NanoClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs a {@link RunSpec}: starts each scenario at its startTime with its executor, one virtual thread per
 * VU, records the built-in metrics, evaluates thresholds (abortOnFail during the run, all at the end),
 * and returns the {@link RunResult}. {@link #stop()} asks for a graceful stop (running iterations get
 * their gracefulStop), {@link #stopNow()} interrupts every VU; both still return a complete result.
 * One engine runs one run.
 *
 * <p>A run goes: parse thresholds and validate executors (a bad plan throws {@link IllegalArgumentException}
 * before anything starts); create and initialise every VU the executors need up front (k6's init phase:
 * behaviours are created on the VUs' own threads); start the run clock and one controller thread per
 * scenario; then, once a second on the calling thread, set {@code vus}/{@code vus_max}, close the metrics
 * interval, tell the listener, and check abortOnFail thresholds; finally close the last interval, evaluate
 * every threshold and assemble the result.
 */
public final class Engine {
    private static final long TICK_NANOS = 1_000_000_000L;
    /**
     * The metadata key of the reason a run was stopped early because every request failed the same way
     * ({@link RunOutcome#ABORTED_ON_REPEATED_ERROR}): the error, its meaning and the fix.
     */
    public static final String STOPPED_EARLY_KEY = "headroom.stoppedEarly";

    private final NanoClock clock;
    private final RunControl control;
    private final AtomicBoolean started = new AtomicBoolean();
    private final List<Consumer<Metrics>> samplers = new CopyOnWriteArrayList<>();
    private volatile StartGate startGate = StartGate.OPEN;

    public Engine(NanoClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.control = new RunControl(clock);
    }

    public Engine() {
        this(NanoClock.system());
    }

    /**
     * Runs to completion (or stop) and returns the result. Blocks the calling thread.
     *
     * @throws IllegalArgumentException when the spec is invalid, or its VUs cannot fit in the heap ({@link VuMemory}),
     *                                  before anything runs
     * @throws IllegalStateException when this engine already ran
     */
    public RunResult run(RunSpec spec, RunListener listener) {
        Objects.requireNonNull(spec, "spec");
        RunListener events = listener == null ? RunListener.NONE : listener;
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("an Engine runs one run; create a new one");

        ThresholdEvaluator thresholds = new ThresholdEvaluator(spec.thresholds());
        // Before anything is allocated (a ramping-vus pool is sized in its executor's constructor).
        VuMemory.check(spec, Runtime.getRuntime().maxMemory());
        MetricRegistry registry = new MetricRegistry(clock);
        List<ScenarioRuntime> scenarios = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ScenarioRun scenarioRun : spec.scenarios()) {
            if (!names.add(scenarioRun.spec().name())) {
                throw new IllegalArgumentException("two scenarios are named \"" + scenarioRun.spec().name() + "\"");
            }
            scenarios.add(new ScenarioRuntime(scenarioRun, control, registry, spec.segment()));
        }
        return new Run(spec, events, thresholds, registry, scenarios).execute();
    }

    /**
     * Adds a sampler of something outside the engine (the target's CPU, a scraped endpoint): it is called on the
     * engine's interval thread once a second, just before each interval closes (also the last), and records
     * what it measured, typically as gauges, so its series appear in the interval points and the result like any
     * built-in metric. It must return quickly (it delays the interval); an exception it throws is reported once
     * in the result's metadata ({@code headroom.samplerError}) and does not stop the run. Call before {@link #run}.
     */
    public void addSampler(Consumer<Metrics> sampler) {
        samplers.add(Objects.requireNonNull(sampler, "sampler"));
    }

    /**
     * Sets the gate the run waits at between the init phase (every VU allocated and initialised) and the start of
     * the run clock: a distributed agent holds it shut until the coordinator's start instant. Call before
     * {@link #run}; the default is open.
     */
    public void startGate(StartGate gate) {
        this.startGate = Objects.requireNonNull(gate, "gate");
    }

    /** Graceful stop: no new iterations; running ones get their scenario's gracefulStop. Safe from any thread. */
    public void stop() {
        control.requestStop(RunOutcome.INTERRUPTED);
    }

    /** Hard stop: interrupt every VU now. Safe from any thread. */
    public void stopNow() {
        control.requestHardStop(RunOutcome.INTERRUPTED);
    }

    /** The state of one run, on the thread that called {@link #run}. */
    private final class Run {
        private final RunSpec spec;
        private final RunListener listener;
        private final boolean wantsSnapshots;
        private final ThresholdEvaluator thresholds;
        private final MetricRegistry registry;
        private final List<ScenarioRuntime> scenarios;
        private final GaugeSeries vusGauge;
        private final GaugeSeries vusMaxGauge;
        private final IntervalHistory intervals = new IntervalHistory();
        private final Map<String, String> warnings = new LinkedHashMap<>();
        private final GeneratorWatch watch = new GeneratorWatch();
        private final RepeatedFailureWatch repeatedFailures = new RepeatedFailureWatch();
        private int ticks;
        private boolean seriesCapWarned;
        private int listenerFailures;
        private int controllersStarted;

        Run(RunSpec spec, RunListener listener, ThresholdEvaluator thresholds, MetricRegistry registry,
            List<ScenarioRuntime> scenarios) {
            this.spec = spec;
            this.listener = listener;
            this.wantsSnapshots = listener.wantsIntervalSnapshots();
            this.thresholds = thresholds;
            this.registry = registry;
            this.scenarios = scenarios;
            this.vusGauge = registry.gauge(BuiltinMetrics.VUS, ValueType.DEFAULT, Tags.empty());
            this.vusMaxGauge = registry.gauge(BuiltinMetrics.VUS_MAX, ValueType.DEFAULT, Tags.empty());
        }

        RunResult execute() {
            control.attach(Thread.currentThread(), scenarios);
            Instant startedAt = Instant.now();
            long runStart = clock.nanoTime();
            try {
                initialiseVus();
                awaitStartGate();
                registry.markRunStart();
                runStart = clock.nanoTime();
                startedAt = Instant.now();
                control.runStartNanos = runStart;
                watch.start(System.nanoTime());
                for (ScenarioRuntime s : scenarios) {
                    s.startController();
                    controllersStarted++;
                }
                loop(runStart);
            } catch (RuntimeException | Error e) {
                // an engine bug or a failing listener: stop everything, but still return what was measured
                warnings.put("headroom.engineError", e.toString());
                control.requestHardStop(RunOutcome.INTERRUPTED);
                awaitControllers();
            }
            tick(true);
            long runEnd = clock.nanoTime();
            return new ResultAssembly(spec, thresholds, registry, scenarios)
                    .result(control.stopRequest(), warnings, intervals, watch, startedAt, runEnd - runStart);
        }

        /**
         * k6's init phase: every VU the executors need from the start exists before the clock starts. Every stop
         * ends it between two VUs (Ctrl-C, SIGTERM, an engine stop), and so does the run's maxDuration, counted
         * from the start of this phase: allocating a huge pool must never outlive the bound the user set.
         */
        private void initialiseVus() {
            int total = 0;
            for (ScenarioRuntime s : scenarios) total += s.executor.initialVus();
            CountDownLatch ready = new CountDownLatch(total);
            long maxDurationAt = clock.nanoTime() + spec.maxDuration().toNanos();
            allocation:
            for (ScenarioRuntime s : scenarios) {
                for (int i = 0; i < s.executor.initialVus(); i++) {
                    if (initialisationOver(maxDurationAt)) break allocation;
                    s.startVu(ready);
                }
            }
            try {
                while (!ready.await(50, TimeUnit.MILLISECONDS)) {
                    if (initialisationOver(maxDurationAt)) break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                control.requestHardStop(RunOutcome.INTERRUPTED);
            }
        }

        /** Waits at the start gate unless the run was stopped during the init phase; an interrupt stops it. */
        private void awaitStartGate() {
            if (control.stopRequested()) return;
            try {
                if (!startGate.awaitStart()) control.requestHardStop(RunOutcome.INTERRUPTED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                control.requestHardStop(RunOutcome.INTERRUPTED);
            }
        }

        private boolean initialisationOver(long maxDurationAt) {
            if (!control.stopRequested() && clock.nanoTime() - maxDurationAt >= 0) {
                control.requestStop(RunOutcome.MAX_DURATION_REACHED);
            }
            if (Thread.interrupted()) control.requestHardStop(RunOutcome.INTERRUPTED);
            return control.stopRequested();
        }

        private void loop(long runStart) {
            long nextTick = runStart + TICK_NANOS;
            long maxDurationAt = runStart + spec.maxDuration().toNanos();
            while (control.scenariosDone.get() < scenarios.size()) {
                long now = clock.nanoTime();
                if (now - maxDurationAt >= 0 && !control.stopRequested()) control.requestStop(RunOutcome.MAX_DURATION_REACHED);
                if (now - nextTick >= 0) {
                    tick(false);
                    nextTick += TICK_NANOS;
                    if (nextTick - now <= 0) nextTick = now + TICK_NANOS; // fell behind: skip, do not burst
                    continue;
                }
                long wake = control.stopRequested() ? nextTick : Math.min(nextTick, maxDurationAt);
                if (Thread.interrupted()) control.requestHardStop(RunOutcome.INTERRUPTED);
                LockSupport.parkNanos(this, Math.max(1, wake - now));
            }
        }

        /**
         * vus_max as k6 has it: the VUs allocated, which never falls during the run (a gauge of k6's initialized VUs,
         * internal/execution/scheduler.go emitVUsAndVUsMax): each scenario's planned VUs (k6 initializes them before
         * the start: vus, the stages' largest target, an arrival rate's preAllocatedVUs) or as many as it created,
         * if more (an arrival rate growing towards maxVUs). Summed over scenarios; k6 reuses VUs between scenarios
         * that do not overlap, so with startTime its figure can be lower.
         */
        private long allocatedVus() {
            long allocated = 0;
            for (ScenarioRuntime s : scenarios) {
                ExecutorSpec e = s.spec.executor();
                long planned = switch (e) {
                    case ExecutorSpec.ConstantArrivalRate a -> a.preAllocatedVUs();
                    case ExecutorSpec.RampingArrivalRate a -> a.preAllocatedVUs();
                    default -> e.maxVus();
                };
                allocated += Math.max(planned, s.createdVus.get());
            }
            return allocated;
        }

        private void awaitControllers() {
            long giveUpAt = clock.nanoTime() + ScenarioRuntime.ABANDON_AFTER_NANOS * 2;
            while (control.scenariosDone.get() < controllersStarted && clock.nanoTime() - giveUpAt < 0) {
                LockSupport.parkNanos(this, 50_000_000L);
            }
        }

        /** Once a second, and once at the end (last = true). */
        private void tick(boolean last) {
            if (!last || ticks == 0) {
                // at the end the VUs are gone; keep the last per-second value rather than report 0
                int active = 0;
                for (ScenarioRuntime s : scenarios) active += s.activeVus();
                vusGauge.set(active);
            }
            vusMaxGauge.set(allocatedVus());
            ticks++;
            for (Consumer<Metrics> sampler : samplers) {
                try {
                    sampler.accept(registry);
                } catch (RuntimeException e) {
                    warnings.putIfAbsent("headroom.samplerError", e.toString());
                }
            }
            // the process's own clock, not the injected one: CPU time is real time
            watch.sample(System.nanoTime());
            MetricRegistry.ClosedInterval closed = wantsSnapshots ? registry.closeIntervalWithSnapshot() : null;
            IntervalPoint point = closed != null ? closed.point() : registry.closeInterval();
            intervals.add(point);
            notifyListener(() -> listener.onInterval(point));
            if (closed != null) {
                // the slowest requests first, so that a listener publishes them with the snapshot, once
                List<io.headroom.core.metric.Exemplar> slowest = registry.exemplars();
                if (!slowest.isEmpty()) notifyListener(() -> listener.onExemplars(List.copyOf(slowest)));
                notifyListener(() -> listener.onIntervalSnapshot(closed.snapshot()));
            }
            if (!seriesCapWarned && !registry.cappedMetrics().isEmpty()) {
                seriesCapWarned = true;
                String warning = seriesCapWarning(registry.cappedMetrics().getFirst(), registry.maxSeriesPerMetric());
                notifyListener(() -> listener.onWarning(warning));
            }
            List<ScenarioProgress> progress = new ArrayList<>(scenarios.size());
            for (ScenarioRuntime s : scenarios) progress.add(progress(s));
            notifyListener(() -> listener.onProgress(progress));
            if (!last && !control.stopRequested()) {
                Optional<String> spinning = repeatedFailures.observe(point, clock.nanoTime() - control.runStartNanos);
                if (spinning.isPresent() && control.requestStop(RunOutcome.ABORTED_ON_REPEATED_ERROR)) {
                    warnings.put(STOPPED_EARLY_KEY, spinning.get());
                    notifyListener(() -> listener.onAbort(spinning.get()));
                    return;
                }
                Optional<ThresholdResult> crossed = thresholds.checkAbort(registry);
                if (crossed.isPresent() && control.requestStop(RunOutcome.ABORTED_BY_THRESHOLD)) {
                    String reason = describe(crossed.get());
                    notifyListener(() -> listener.onAbort(reason));
                }
            }
        }

        private ScenarioProgress progress(ScenarioRuntime s) {
            ScenarioProgress.State state = s.state;
            long now = clock.nanoTime();
            Duration elapsed = switch (state) {
                case WAITING -> Duration.ZERO;
                case DONE -> s.startNanos == 0 ? Duration.ZERO : Duration.ofNanos(s.endNanos - s.startNanos);
                default -> Duration.ofNanos(now - s.startNanos);
            };
            Tags selector = Tags.of("scenario", s.name);
            double rps = registry.aggregateLastInterval(BuiltinMetrics.HTTP_REQS, selector)
                    .map(st -> ((SeriesStats.CounterStats) st).ratePerSecond()).orElse(0.0);
            double p95 = registry.aggregateLastInterval(BuiltinMetrics.HTTP_REQ_DURATION, selector)
                    .map(st -> (SeriesStats.TrendStats) st).filter(t -> t.count() > 0).map(t -> t.percentile(95))
                    .orElse(Double.NaN);
            long failed = registry.aggregate(BuiltinMetrics.HTTP_REQ_FAILED, selector)
                    .map(st -> ((SeriesStats.RateStats) st).passes()).orElse(0L);
            return new ScenarioProgress(s.name, s.spec.executor().type(), state, elapsed, Duration.ofNanos(s.executor.plannedNanos()),
                    s.activeVus(), s.createdVus.get(), s.completedIterations.sum(), s.droppedIterations.sum(), rps, p95, failed,
                    s.interruptedIterations.sum());
        }

        private void notifyListener(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                // a broken listener must not break the run; say so in the result once
                if (listenerFailures++ == 0) warnings.put("headroom.listenerError", e.toString());
            }
        }
    }

    /** The result metadata key of the warning that more endpoints sent trace context than keep their slowest requests. */
    public static final String EXEMPLARS_CAPPED_METADATA = "headroom.exemplarsCapped";

    /** The result metadata key that lists the metrics whose series were capped, with the fix. */
    public static final String SERIES_CAP_METADATA = "headroom.seriesCapped";
    /** Metadata key set when the interval history was compacted to stay in its budget ({@link IntervalHistory}). */
    public static final String INTERVALS_COMPACTED_METADATA = "headroom.intervalsCompacted";

    static String seriesCapWarning(String metric, int cap) {
        return metric + " reached " + cap + " series (one per tag set, e.g. one per URL); further tag sets are counted"
                + " under url=" + MetricRegistry.OTHER + " and name=" + MetricRegistry.OTHER
                + ". If a URL holds an id, add `name:` to the request so its requests share one series";
    }

    static String describe(ThresholdResult result) {
        String actual = result.verdict() instanceof ThresholdVerdict.Crossed c ? Double.toString(c.actual()) : "?";
        return "threshold " + result.spec().selectorText() + ": " + result.spec().exprText() + " was crossed (actual " + actual + ")";
    }
}
