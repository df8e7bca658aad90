package io.headroom.script.run;

import io.headroom.core.engine.Engine;
import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.RunSpec;
import io.headroom.core.engine.ScenarioRun;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.result.RunResult;
import io.headroom.http.HttpTransport;
import io.headroom.script.plan.Plan;
import io.headroom.script.plan.PlanLoader;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs the whole request path (engine, virtual users, the plan's own flow where it can, the HTTP transport,
 * metrics) against a responder on loopback in this process before a run starts, so that the run's first seconds are
 * neither spent in the JVM's interpreter nor in its compilers. The warm-up's results are thrown away; it sends
 * nothing to the target.
 *
 * <p>Why: a cold JVM is the generator's own fault, not the target's. Measured at 5,000 requests/s against nginx
 * (generator on one core), a cold run stalled for up to 270 ms in its first second while its VUs connected and
 * ran through interpreted code: about 900 arrivals were dropped, the run was invalid and its overall p99 read
 * 41–57 ms. A generic warm-up (a GET with a check) left a first-second p99 of 5–110 ms: the run's own flow, the
 * target's answers and the warm-up's own end took branches the warm-up had not, and their traps sent the hot
 * methods back to the interpreter in the run's first second. Running the plan's own requests against a responder
 * that answers like a server, ending the warm-up without interrupting requests, twice at the plan's rate, and
 * starting the run only after a collection and with the JIT idle, brought it to 1–6 ms (steady seconds 0.3–1 ms).
 * Gatling warms its HTTP engine with a request for the same reason.
 */
public final class Warmup {
    /** Iterations the warm-up runs by default: enough for the hot path to reach compiled code. */
    public static final int DEFAULT_ITERATIONS = 3_000;
    /**
     * VUs of the warm-up: each opens a connection, so that connecting is compiled code too. With 8 VUs the run
     * that followed still dropped arrivals while its hundreds of VUs connected through interpreted code.
     */
    static final int VUS = 200;
    /**
     * The arrival rate (per second) from which a run is warmed up: at 500/s a cold run's first second stayed
     * clean, at 5,000/s it dropped arrivals. Below it the warm-up would only delay the start.
     */
    public static final double WARM_FROM_ARRIVALS_PER_SECOND = 1_000;
    /** The longest a warm-up may take, whatever is left of its iterations. */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(2);

    private Warmup() {}

    /** Whether {@code spec} reaches an arrival rate at which the JVM's cold start would show in its first second. */
    public static boolean worthIt(RunSpec spec) {
        for (ScenarioRun scenario : spec.scenarios()) {
            // closed models slow down with the generator instead of dropping arrivals
            WarmupPlans.Arrivals a = WarmupPlans.Arrivals.of(scenario.spec().executor());
            if (a != null && a.ratePerSecond() >= WARM_FROM_ARRIVALS_PER_SECOND) return true;
        }
        return false;
    }

    static double perSecond(long rate, Duration timeUnit) {
        long unitNanos = timeUnit == null ? 1_000_000_000L : timeUnit.toNanos();
        return unitNanos <= 0 ? 0 : rate * 1e9 / unitNanos;
    }

    /**
     * The longest the second phase (the plan's own rate) may take; it ends sooner once the hot methods have reached
     * C2 and the JIT has settled ({@link #JIT_SETTLED_WINDOW}). Where the JVM's code list cannot be read,
     * {@link #RATE_PHASE_BLIND} instead.
     */
    public static final Duration RATE_PHASE_LIMIT = Duration.ofSeconds(4);
    /** The shortest second phase: the run's hot path compiled in the first phase must also meet the plan's rate. */
    static final Duration RATE_PHASE_MIN = Duration.ofMillis(600);
    static final Duration RATE_PHASE_BLIND = Duration.ofSeconds(1);
    /**
     * The rate phase runs twice. Why: the end of a warm-up engine (its VUs interrupted while idle, their virtual
     * threads ending) takes branches of the JDK's virtual-thread scheduler that no request took, and their traps
     * threw that compiled code away just before the run; measured, the run's first 0.6 s then recompiled it. The
     * second phase (at most {@link #SECOND_RATE_PHASE_LIMIT}) recompiles it with those branches, and its own end no
     * longer traps.
     */
    static final int RATE_PHASES = 2;
    static final Duration SECOND_RATE_PHASE_LIMIT = Duration.ofSeconds(2);
    /**
     * The JIT has settled when it compiled for less than {@link #JIT_SETTLED_MILLIS} ms in the last this long. Why
     * not only "the hot methods are at C2": measured at 5,000/s on one core, the warm-up that stopped there handed
     * the run a JIT still compiling the transport's methods (a queue of C2 work), whose compilations and the
     * recompilations after their first traps took the run's first 400 ms.
     */
    static final Duration JIT_SETTLED_WINDOW = Duration.ofMillis(500);
    static final long JIT_SETTLED_MILLIS = 20;
    /**
     * How long a warm-up's iterations in flight at its end may take to finish. Why not 0: measured, VUs interrupted
     * mid-request took the failure branches of the exchange, the recording and the iteration, whose traps threw
     * their C2 code away just before the run started, and the run's first second ran them interpreted again.
     */
    static final Duration GRACEFUL_STOP = Duration.ofSeconds(1);
    /**
     * After the warm-up, the run starts once the JIT compiled nothing for this long (at most
     * {@link #AFTER_WARM_UP_WAIT_LIMIT}). Why: the warm-up's own wind-down (its results, histograms, the engines'
     * end) queues C2 compilations of 20–85 ms each; measured on one core, those that ran into the run's first 50 ms
     * took the CPU from the VUs, the 100 pre-allocated VUs were all busy, the executor started 400 more (each with a
     * new connection) and the first second's p99 read 60–100 ms instead of 3 ms.
     */
    static final Duration AFTER_WARM_UP_QUIET = Duration.ofMillis(150);
    static final Duration AFTER_WARM_UP_WAIT_LIMIT = Duration.ofMillis(1_500);
    /** The warm-up's rate and VUs are the plan's, up to these (a loopback responder in this process answers them). */
    static final double MAX_RATE_PER_SECOND = 20_000;
    static final int MAX_PRE_ALLOCATED_VUS = 1_000;
    static final int MAX_VUS = 2_000;
    private static final long CHECK_EVERY_MILLIS = 100;

    /**
     * What a warm-up did: how long it took, how many of its iterations passed their check (of them
     * {@code rateIterations} at the plan's own rate), how many of the {@code hotMethods} it watched
     * ({@link CompiledTier#HOT_METHODS}; 0 when the JVM's code list could not be read) had reached C2 when it ended,
     * whether it ran the plan's own requests (else a generic GET), whether the JIT had settled by its end, and how
     * many checks failed against the responder (a plan's checks on bodies or headers the responder does not send).
     */
    public record Outcome(Duration took, long checkedIterations, long rateIterations, int compiledHotMethods,
                          int hotMethods, boolean planRequests, boolean jitSettled, long failedChecks) {
        public Outcome(Duration took, long checkedIterations) {
            this(took, checkedIterations, 0, 0, 0, false, false, 0);
        }

        /** "1420 ms before the run, not counted in it; the plan's own requests against a loopback responder; ...". */
        public String describe() {
            String compiled = hotMethods == 0 ? "the JVM's compiled-code list was not readable, so it ran for its time limit"
                    : compiledHotMethods == hotMethods ? "hot path compiled by C2 (" + compiledHotMethods + " of " + hotMethods + " methods)"
                    : "hot path not all compiled by C2 within the time limit (" + compiledHotMethods + " of " + hotMethods + " methods)";
            String jit = hotMethods == 0 ? "" : jitSettled ? ", JIT settled" : ", JIT still compiling at the time limit";
            return took.toMillis() + " ms before the run, not counted in it; "
                    + (planRequests ? "the plan's own requests against a loopback responder; " : "a generic GET against a loopback responder; ")
                    + compiled + jit;
        }
    }

    /** The run's metadata key under which {@code headroom run} records {@link Outcome#describe()}. */
    public static final String METADATA_KEY = "headroom.warmup";

    /**
     * Runs {@code iterations} warm-up iterations of a generic GET on {@code transport} (at most {@link #TIME_LIMIT})
     * and says what it did. A warm-up that fails is harmless to the run that follows: it is cut short, not reported.
     */
    public static Outcome run(HttpTransport transport, int iterations) {
        long start = System.nanoTime();
        long checked = 0;
        try (WarmupResponder responder = new WarmupResponder()) {
            checked = runWarmUp(transport, connectYaml(responder, iterations), null, new LongAdder());
        } catch (IOException | RuntimeException e) {
            // Only the warm-up is lost; the run itself reports anything that is really wrong.
        }
        System.gc(); // the warm-up's garbage is not the run's first collection (see the other run method)
        return new Outcome(Duration.ofNanos(System.nanoTime() - start), checked);
    }

    /** {@link #run(HttpTransport, Plan, RunSpec)} with a generic GET in place of the plan's own requests. */
    public static Outcome run(HttpTransport transport, RunSpec spec) {
        return run(transport, null, spec);
    }

    /**
     * The warm-up before {@code spec}: first {@link #DEFAULT_ITERATIONS} iterations on {@link #VUS} VUs (every VU
     * connects, so connecting is compiled too), then {@link #RATE_PHASES} times the plan's own peak arrival rate and
     * VUs through the same scheduler, transport and recording, each until the iteration has reached C2
     * ({@link CompiledTier}) and the JIT has settled, or its limit ({@link #RATE_PHASE_LIMIT},
     * {@link #SECOND_RATE_PHASE_LIMIT}) passed; then a full collection and a wait for the JIT to go idle. Where {@code plan} (nullable) sends only over HTTP
     * ({@link Plan#sendsOnlyOverHttp()}) and the transport can be redirected, both phases run the plan's own
     * scenarios, requests, checks and tags, every connection redirected to a loopback responder: the JIT then
     * compiles the very branches the run takes, instead of a generic GET's, which the run would trap out of in its
     * first second. Otherwise a generic GET. The caller starts the run's schedule only after this returns, so the
     * warm-up's time is never the run's. Nothing is sent to the target; a failing warm-up is cut short, not reported.
     */
    public static Outcome run(HttpTransport transport, Plan plan, RunSpec spec) {
        long start = System.nanoTime();
        long checked = 0;
        long atRate = 0;
        LongAdder failed = new LongAdder();
        boolean planRequests = false;
        Optional<CompiledTier> tier = CompiledTier.open();
        JitWatch jit = new JitWatch(JIT_SETTLED_WINDOW, JIT_SETTLED_MILLIS);
        try (WarmupResponder responder = new WarmupResponder()) {
            Optional<HttpTransport> redirected = plan != null && plan.sendsOnlyOverHttp()
                    ? transport.redirectedTo(responder.address()) : Optional.empty();
            planRequests = redirected.isPresent() && !WarmupPlans.arrivalScenarios(plan).isEmpty();
            if (planRequests) {
                try (HttpTransport toResponder = redirected.get()) {
                    checked += runWarmUp(toResponder, WarmupPlans.connectPlan(plan), null, failed);
                    for (int phase = 0; phase < RATE_PHASES; phase++) {
                        atRate += runWarmUp(toResponder, WarmupPlans.ratePlan(plan, rateLimit(phase, tier.isPresent())),
                                tier.map(t -> new Settled(t, jit)).orElse(null), failed);
                    }
                }
            } else {
                checked += runWarmUp(transport, connectYaml(responder, DEFAULT_ITERATIONS), null, failed);
                for (int phase = 0; phase < RATE_PHASES; phase++) {
                    atRate += genericRatePhase(transport, responder, spec, rateLimit(phase, tier.isPresent()),
                            tier.map(t -> new Settled(t, jit)).orElse(null), failed);
                }
            }
            checked += atRate;
        } catch (IOException | RuntimeException e) {
            // Only the warm-up is lost; the run itself reports anything that is really wrong.
        }
        int compiled = tier.map(CompiledTier::compiledHotMethods).orElse(0);
        // The warm-up's garbage (its engines, results and a few hundred thousand exchanges) would otherwise be what
        // the run's first young collection copies or scans: measured on one core (Serial GC, as the JVM picks
        // there), a 29 ms pause 0.2 s into the run, the first second's p99. Collected now, before the schedule.
        System.gc();
        jit.awaitQuiet(AFTER_WARM_UP_QUIET, AFTER_WARM_UP_WAIT_LIMIT);
        return new Outcome(Duration.ofNanos(System.nanoTime() - start), checked, atRate, compiled,
                tier.isPresent() ? CompiledTier.HOT_METHODS.size() : 0, planRequests, jit.settled(), failed.sum());
    }

    /** How long rate phase {@code phase} (0-based) may take; where the code list cannot be read, it always runs that long. */
    private static Duration rateLimit(int phase, boolean watched) {
        if (!watched) return RATE_PHASE_BLIND;
        return phase == 0 ? RATE_PHASE_LIMIT : SECOND_RATE_PHASE_LIMIT;
    }

    private static String connectYaml(WarmupResponder responder, int iterations) {
        return """
                name: warm-up
                baseUrl: http://127.0.0.1:%d
                scenarios:
                  warmup:
                    executor: shared-iterations
                    vus: %d
                    iterations: %d
                    maxDuration: %ds
                    gracefulStop: %dms
                    flow:
                      - get: /warm-up
                        name: warm-up
                        checks: [{status: 200}]
                """.formatted(responder.port(), VUS, Math.max(1, iterations), TIME_LIMIT.toSeconds(), GRACEFUL_STOP.toMillis());
    }

    /** The plan's peak rate and VUs (capped), as a constant-arrival-rate scenario of a generic GET, until settled or the limit. */
    private static long genericRatePhase(HttpTransport transport, WarmupResponder responder, RunSpec spec, Duration limit,
                                         Settled settled, LongAdder failed) throws IOException {
        double rate = 0;
        int preAllocated = 1;
        int max = 1;
        for (ScenarioRun scenario : spec.scenarios()) {
            WarmupPlans.Arrivals a = WarmupPlans.Arrivals.of(scenario.spec().executor());
            if (a == null) continue;
            rate = Math.max(rate, a.ratePerSecond());
            preAllocated = Math.max(preAllocated, a.preAllocatedVUs());
            max = Math.max(max, a.maxVUs());
        }
        if (rate < 1) return 0;
        preAllocated = Math.min(preAllocated, MAX_PRE_ALLOCATED_VUS);
        max = Math.max(preAllocated, Math.min(max, MAX_VUS));
        String yaml = """
                name: warm-up-rate
                baseUrl: http://127.0.0.1:%d
                scenarios:
                  warmup:
                    executor: constant-arrival-rate
                    rate: %d
                    timeUnit: 1s
                    duration: %dms
                    preAllocatedVUs: %d
                    maxVUs: %d
                    gracefulStop: %dms
                    flow:
                      - get: /warm-up
                        name: warm-up
                        checks: [{status: 200}]
                """.formatted(responder.port(), (long) Math.min(rate, MAX_RATE_PER_SECOND), limit.toMillis(), preAllocated, max,
                GRACEFUL_STOP.toMillis());
        return runWarmUp(transport, yaml, settled, failed);
    }

    private static long runWarmUp(HttpTransport transport, String yaml, Settled settled, LongAdder failed)
            throws IOException {
        return runWarmUp(transport, PlanLoader.load(yaml, "warm-up.yaml"), settled, failed);
    }

    /**
     * Runs one warm-up plan and returns how many checks passed (for a plan with no checks, how many iterations ran),
     * adding its failed checks to {@code failed}; with
     * {@code settled}, stops it once {@link Settled#reached()} after {@link #RATE_PHASE_MIN}.
     */
    private static long runWarmUp(HttpTransport transport, Plan plan, Settled settled, LongAdder failed) {
        Engine engine = new Engine();
        long started = System.nanoTime();
        Thread watcher = settled == null ? null : Thread.ofPlatform().daemon().name("headroom-warm-up-watch").start(() -> {
            try {
                while (System.nanoTime() - started < RATE_PHASE_MIN.toNanos() || !settled.reached()) {
                    Thread.sleep(CHECK_EVERY_MILLIS);
                }
                engine.stop();
            } catch (InterruptedException done) {
                // the warm-up ended by its own time
            }
        });
        try {
            RunResult result = engine.run(plan.toRunSpec(transport, Map.of()), RunListener.NONE);
            // a generic GET's iterations each have one check; a plan's may have none
            failed.add(result.checks().stream().mapToLong(CheckResult::fails).sum());
            if (result.checks().isEmpty()) return iterations(result);
            return result.checks().stream().mapToLong(CheckResult::passes).sum();
        } finally {
            if (watcher != null) watcher.interrupt();
        }
    }

    private static long iterations(RunResult result) {
        try {
            return (long) result.counter("iterations").count();
        } catch (IllegalArgumentException none) {
            return 0;
        }
    }

    /** Every hot method at C2 and the JIT settled. */
    private record Settled(CompiledTier tier, JitWatch jit) {
        boolean reached() {
            // the JIT is sampled on every check, so that its window is always the last one
            boolean quiet = jit.sample();
            return quiet && tier.compiledHotMethods() == CompiledTier.HOT_METHODS.size();
        }
    }


}
