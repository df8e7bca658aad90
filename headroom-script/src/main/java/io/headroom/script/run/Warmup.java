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

    /** What a warm-up did: how long it took and how many of its iterations passed their check. */
    public record Outcome(Duration took, long checkedIterations) {}

    /**
     * Runs {@code iterations} warm-up iterations on {@code transport} (at most {@link #TIME_LIMIT}) and says what it
     * did. A warm-up that fails is harmless to the run that follows: it is cut short, not reported as an error.
     */
    public static Outcome run(HttpTransport transport, int iterations) {
        long start = System.nanoTime();
        long checked = 0;
        try (Responder responder = new Responder()) {
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
            Plan plan = PlanLoader.load(yaml, "warm-up.yaml");
            RunResult result = new Engine().run(plan.toRunSpec(transport, Map.of()), RunListener.NONE);
            checked = result.checks().stream().mapToLong(CheckResult::passes).sum();
        } catch (IOException | RuntimeException e) {
            // Only the warm-up is lost; the run itself reports anything that is really wrong.
        }
        return new Outcome(Duration.ofNanos(System.nanoTime() - start), checked);
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
