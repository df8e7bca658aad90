package io.headroom.script.run;

import io.headroom.core.engine.Engine;
import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.RunSpec;
import io.headroom.core.engine.ScenarioRun;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.Stage;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.result.RunResult;
import io.headroom.http.HttpTransport;
import io.headroom.script.plan.Plan;
import io.headroom.script.plan.PlanLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the whole request path (engine, virtual users, a YAML flow with a check, the HTTP transport, metrics)
 * against an in-process responder on loopback before a run starts, so that the run's first seconds are not
 * spent in the JVM's interpreter. The warm-up's results are thrown away; it sends nothing to the target.
 *
 * <p>Why: a cold JVM is the generator's own fault, not the target's. Measured at 5,000 requests/s against nginx
 * (generator on one core), a cold run stalled for up to 270 ms in its first second while its VUs connected and
 * ran through interpreted code: about 900 arrivals were dropped, the run was invalid and its overall p99 read
 * 41–57 ms. After this warm-up (about half a second) it dropped 0–200, with an overall p99
 * of 3–12 ms. Gatling warms its HTTP engine with a request for the same reason.
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

    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Content-Length: 11\r\n\r\n{\"ok\":true}").getBytes(StandardCharsets.US_ASCII);

    private Warmup() {}

    /** Whether {@code spec} reaches an arrival rate at which the JVM's cold start would show in its first second. */
    public static boolean worthIt(RunSpec spec) {
        for (ScenarioRun scenario : spec.scenarios()) {
            double peakPerSecond = switch (scenario.spec().executor()) {
                case ExecutorSpec.ConstantArrivalRate c -> perSecond(c.rate(), c.timeUnit());
                case ExecutorSpec.RampingArrivalRate r -> perSecond(
                        Math.max(r.startRate(), r.stages().stream().mapToLong(Stage::target).max().orElse(0)),
                        r.timeUnit());
                default -> 0; // closed models slow down with the generator instead of dropping arrivals
            };
            if (peakPerSecond >= WARM_FROM_ARRIVALS_PER_SECOND) return true;
        }
        return false;
    }

    private static double perSecond(long rate, Duration timeUnit) {
        long unitNanos = timeUnit == null ? 1_000_000_000L : timeUnit.toNanos();
        return unitNanos <= 0 ? 0 : rate * 1e9 / unitNanos;
    }

    /**
     * The longest the second phase (the plan's own rate) may take; it ends sooner once the hot methods have reached
     * C2. Where the JVM's code list cannot be read, {@link #RATE_PHASE_BLIND} instead.
     */
    public static final Duration RATE_PHASE_LIMIT = Duration.ofSeconds(3);
    static final Duration RATE_PHASE_BLIND = Duration.ofSeconds(1);
    /** The warm-up's rate and VUs are the plan's, up to these (a loopback responder in this process answers them). */
    static final double MAX_RATE_PER_SECOND = 20_000;
    static final int MAX_PRE_ALLOCATED_VUS = 1_000;
    static final int MAX_VUS = 2_000;
    private static final long CHECK_EVERY_MILLIS = 100;

    /**
     * What a warm-up did: how long it took, how many of its iterations passed their check (of them
     * {@code rateIterations} at the plan's own rate), and how many of the {@code hotMethods} it watched
     * ({@link CompiledTier#HOT_METHODS}; 0 when the JVM's code list could not be read) had reached C2 when it ended.
     */
    public record Outcome(Duration took, long checkedIterations, long rateIterations, int compiledHotMethods, int hotMethods) {
        public Outcome(Duration took, long checkedIterations) {
            this(took, checkedIterations, 0, 0, 0);
        }

        /** "1420 ms before the run, not counted in it; hot path compiled by C2 (3 of 3 methods)", for the run's metadata. */
        public String describe() {
            String compiled = hotMethods == 0 ? "the JVM's compiled-code list was not readable, so it ran for its time limit"
                    : compiledHotMethods == hotMethods ? "hot path compiled by C2 (" + compiledHotMethods + " of " + hotMethods + " methods)"
                    : "hot path not all compiled by C2 within the time limit (" + compiledHotMethods + " of " + hotMethods + " methods)";
            return took.toMillis() + " ms before the run, not counted in it; " + compiled;
        }
    }

    /** The run's metadata key under which {@code headroom run} records {@link Outcome#describe()}. */
    public static final String METADATA_KEY = "headroom.warmup";

    /**
     * Runs {@code iterations} warm-up iterations on {@code transport} (at most {@link #TIME_LIMIT}) and says what it
     * did. A warm-up that fails is harmless to the run that follows: it is cut short, not reported as an error.
     */
    public static Outcome run(HttpTransport transport, int iterations) {
        long start = System.nanoTime();
        long checked = 0;
        try (Responder responder = new Responder()) {
            checked = connectPhase(transport, responder, iterations);
        } catch (IOException | RuntimeException e) {
            // Only the warm-up is lost; the run itself reports anything that is really wrong.
        }
        return new Outcome(Duration.ofNanos(System.nanoTime() - start), checked);
    }

    /**
     * The warm-up before {@code spec}: first {@link #DEFAULT_ITERATIONS} iterations on {@link #VUS} VUs (every VU
     * connects, so connecting is compiled too), then the plan's own peak arrival rate and VUs through the same
     * scheduler, transport and recording, until the hot methods have reached C2 ({@link CompiledTier}) or
     * {@link #RATE_PHASE_LIMIT} passed. The caller starts the run's schedule only after this returns, so the
     * warm-up's time is never the run's. Nothing is sent to the target; a failing warm-up is cut short, not reported.
     */
    public static Outcome run(HttpTransport transport, RunSpec spec) {
        long start = System.nanoTime();
        long checked = 0;
        long atRate = 0;
        Optional<CompiledTier> tier = CompiledTier.open();
        try (Responder responder = new Responder()) {
            checked += connectPhase(transport, responder, DEFAULT_ITERATIONS);
            atRate = ratePhase(transport, responder, spec, tier);
            checked += atRate;
        } catch (IOException | RuntimeException e) {
            // Only the warm-up is lost; the run itself reports anything that is really wrong.
        }
        int compiled = tier.map(CompiledTier::compiledHotMethods).orElse(0);
        return new Outcome(Duration.ofNanos(System.nanoTime() - start), checked, atRate, compiled,
                tier.isPresent() ? CompiledTier.HOT_METHODS.size() : 0);
    }

    private static long connectPhase(HttpTransport transport, Responder responder, int iterations) throws IOException {
        String yaml = """
                name: warm-up
                baseUrl: http://127.0.0.1:%d
                scenarios:
                  warmup:
                    executor: shared-iterations
                    vus: %d
                    iterations: %d
                    maxDuration: %ds
                    gracefulStop: 0s
                    flow:
                      - get: /warm-up
                        name: warm-up
                        checks: [{status: 200}]
                """.formatted(responder.port(), VUS, Math.max(1, iterations), TIME_LIMIT.toSeconds());
        return runWarmUp(transport, yaml, null);
    }

    /** The plan's peak rate and VUs (capped), as a constant-arrival-rate scenario, until C2 or the limit. */
    private static long ratePhase(HttpTransport transport, Responder responder, RunSpec spec, Optional<CompiledTier> tier)
            throws IOException {
        double rate = 0;
        int preAllocated = 1;
        int max = 1;
        for (ScenarioRun scenario : spec.scenarios()) {
            switch (scenario.spec().executor()) {
                case ExecutorSpec.ConstantArrivalRate c -> {
                    rate = Math.max(rate, perSecond(c.rate(), c.timeUnit()));
                    preAllocated = Math.max(preAllocated, c.preAllocatedVUs());
                    max = Math.max(max, c.maxVUs());
                }
                case ExecutorSpec.RampingArrivalRate r -> {
                    rate = Math.max(rate, perSecond(Math.max(r.startRate(),
                            r.stages().stream().mapToLong(Stage::target).max().orElse(0)), r.timeUnit()));
                    preAllocated = Math.max(preAllocated, r.preAllocatedVUs());
                    max = Math.max(max, r.maxVUs());
                }
                default -> { }
            }
        }
        if (rate < 1) return 0;
        preAllocated = Math.min(preAllocated, MAX_PRE_ALLOCATED_VUS);
        max = Math.max(preAllocated, Math.min(max, MAX_VUS));
        Duration limit = tier.isPresent() ? RATE_PHASE_LIMIT : RATE_PHASE_BLIND;
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
                    gracefulStop: 0s
                    flow:
                      - get: /warm-up
                        name: warm-up
                        checks: [{status: 200}]
                """.formatted(responder.port(), (long) Math.min(rate, MAX_RATE_PER_SECOND), limit.toMillis(), preAllocated, max);
        return runWarmUp(transport, yaml, tier.orElse(null));
    }

    /** Runs one warm-up plan; with {@code tier}, stops it as soon as every hot method has C2 code. */
    private static long runWarmUp(HttpTransport transport, String yaml, CompiledTier tier) throws IOException {
        Plan plan = PlanLoader.load(yaml, "warm-up.yaml");
        Engine engine = new Engine();
        Thread watcher = tier == null ? null : Thread.ofPlatform().daemon().name("headroom-warm-up-watch").start(() -> {
            try {
                while (tier.compiledHotMethods() < CompiledTier.HOT_METHODS.size()) Thread.sleep(CHECK_EVERY_MILLIS);
                engine.stop();
            } catch (InterruptedException done) {
                // the warm-up ended by its own time
            }
        });
        try {
            RunResult result = engine.run(plan.toRunSpec(transport, Map.of()), RunListener.NONE);
            return result.checks().stream().mapToLong(CheckResult::passes).sum();
        } finally {
            if (watcher != null) watcher.interrupt();
        }
    }

    /** Answers every request on every connection with the same small JSON response, on virtual threads. */
    private static final class Responder implements AutoCloseable {
        private final ServerSocket server;
        private final Thread acceptor;

        Responder() throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            acceptor = Thread.ofVirtual().name("headroom-warm-up").start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        /** Reads request heads (the warm-up sends GETs without bodies) and answers each one. */
        private static void serve(Socket socket) {
            try (socket) {
                socket.setTcpNoDelay(true);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] buffer = new byte[8192];
                int matched = 0;
                while (true) {
                    int n = in.read(buffer);
                    if (n < 0) return;
                    for (int i = 0; i < n; i++) {
                        byte b = buffer[i];
                        // count the CR LF CR LF that ends each request head
                        matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                                ? matched + 1 : (b == '\r' ? 1 : 0);
                        if (matched == 4) {
                            out.write(RESPONSE);
                            matched = 0;
                        }
                    }
                    out.flush();
                }
            } catch (IOException gone) {
                // the client closed the connection: nothing to do
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            acceptor.interrupt();
        }
    }
}
