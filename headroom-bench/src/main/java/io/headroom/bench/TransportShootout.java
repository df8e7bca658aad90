package io.headroom.bench;

import io.headroom.bench.bare.BareSocketTransport;
import io.headroom.bench.jdk.JdkHttpTransport;
import io.headroom.bench.netty.NettyHttpTransport;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTransport;
import io.headroom.http.socket.SocketHttpTransport;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop GET shoot-out between HTTP transports: N virtual threads, each with its own session, send GETs
 * back-to-back against one loopback URL until a duration or a request budget runs out, then the run prints
 * requests, req/s, p50/p99 and errors (and a machine-readable {@code RESULT} line for bench/transports.sh).
 * Counters are per VU; latencies go into one wait-free HdrHistogram {@link Recorder} (no lock, as in the engine's hot
 * path), because a 3-digit histogram per VU would weigh ~100 KB each and dominate memory in many-VU runs.
 * {@code --think-millis} turns the closed loop into a paced one, to measure memory per idle VU.
 */
public final class TransportShootout {
    static final List<String> TRANSPORTS = List.of("socket", "netty", "jdk", "bare");
    private static final long HIGHEST_LATENCY_MICROS = 120_000_000L;

    private TransportShootout() {}

    public static void main(String[] args) {
        ShootoutSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("shootout: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        ShootoutResult result = run(settings, System.out);
        print(result, System.out);
        if (result.requests() == 0 || result.errors() == result.requests()) System.exit(1);
    }

    static String usage() {
        return """
                usage: java -jar headroom-bench.jar --transport socket|netty|jdk|bare --url http://127.0.0.1:PORT/
                         [--vus 50] [--duration-seconds 12] [--max-requests 5000000] [--netty-threads 1]
                         [--request-timeout-seconds 5] [--think-millis 0]""";
    }

    static ShootoutSettings parse(String[] args) {
        String transport = null;
        String url = null;
        int vus = ShootoutSettings.DEFAULT_VUS;
        long durationSeconds = ShootoutSettings.DEFAULT_DURATION.toSeconds();
        long maxRequests = ShootoutSettings.DEFAULT_MAX_REQUESTS;
        int nettyThreads = 1;
        long timeoutSeconds = 5;
        long thinkMillis = 0;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
            String value = args[++i];
            try {
                switch (flag) {
                    case "--transport" -> transport = value;
                    case "--url" -> url = value;
                    case "--vus" -> vus = Integer.parseInt(value);
                    case "--duration-seconds" -> durationSeconds = Long.parseLong(value);
                    case "--max-requests" -> maxRequests = Long.parseLong(value);
                    case "--netty-threads" -> nettyThreads = Integer.parseInt(value);
                    case "--request-timeout-seconds" -> timeoutSeconds = Long.parseLong(value);
                    case "--think-millis" -> thinkMillis = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a whole number, not \"" + value + "\"");
            }
        }
        if (transport == null || !TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("--transport must be one of " + TRANSPORTS);
        }
        if (url == null) throw new IllegalArgumentException("--url is required");
        URI uri = URI.create(url);
        String host = uri.getHost();
        // Load goes to this machine only.
        if (host == null || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
            throw new IllegalArgumentException("--url must point at loopback (127.0.0.1, localhost or [::1])");
        }
        return new ShootoutSettings(transport, uri, vus, Duration.ofSeconds(durationSeconds), maxRequests,
                nettyThreads, Duration.ofSeconds(timeoutSeconds), Duration.ofMillis(thinkMillis));
    }

    static HttpTransport newTransport(ShootoutSettings settings) {
        return switch (settings.transport()) {
            case "socket" -> new SocketHttpTransport();
            case "netty" -> new NettyHttpTransport(settings.nettyEventLoopThreads(), true);
            case "jdk" -> new JdkHttpTransport();
            case "bare" -> new BareSocketTransport();
            default -> throw new IllegalArgumentException("unknown transport " + settings.transport());
        };
    }

    /** Runs one shoot-out; {@code log} gets a line describing the transport and the first response. */
    public static ShootoutResult run(ShootoutSettings settings, PrintStream log) {
        HttpSessionOptions sessionOptions = new HttpSessionOptions(settings.requestTimeout(), 0, false, List.of(),
                true, "headroom-bench");
        HttpRequest request = HttpRequest.get(settings.url().toString());
        try (HttpTransport transport = newTransport(settings)) {
            String detail = switch (transport) {
                case NettyHttpTransport netty -> (netty.usesEpoll() ? "netty-epoll" : "netty-nio")
                        + (io.netty.util.internal.PlatformDependent.hasUnsafe() ? "-unsafe" : "");
                default -> settings.transport();
            };
            log.println("shootout: " + detail + ", " + settings.vus() + " VUs, " + settings.duration().toSeconds()
                    + " s or " + settings.maxRequests() + " requests, GET " + settings.url());
            probe(transport, sessionOptions, request, log);

            int vus = settings.vus();
            long perVuBudget = settings.maxRequests() / vus;
            Recorder latencyMicros = new Recorder(HIGHEST_LATENCY_MICROS, 3);
            long thinkNanos = settings.think().toNanos();
            VuStats[] stats = new VuStats[vus];
            Thread[] threads = new Thread[vus];
            CountDownLatch ready = new CountDownLatch(vus);
            CountDownLatch go = new CountDownLatch(1);
            long[] endNanos = new long[1];
            for (int i = 0; i < vus; i++) {
                VuStats s = stats[i] = new VuStats();
                threads[i] = Thread.ofVirtual().name("vu-" + i).start(() -> {
                    try (HttpSession session = transport.newSession(sessionOptions)) {
                        ready.countDown();
                        go.await();
                        loop(session, request, s, latencyMicros, perVuBudget, endNanos[0], thinkNanos);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            awaitUninterruptibly(ready);
            long startNanos = System.nanoTime();
            endNanos[0] = startNanos + settings.duration().toNanos();
            go.countDown(); // publishes endNanos[0] to the VUs (happens-before through the latch)
            // Past the first quarter of the run, start-up and most JIT compilation are over: from there on the
            // JVM's CPU time per request is the transport's steady cost, free of start-up.
            awaitAllOrUntil(threads, startNanos + settings.duration().toNanos() / 4);
            long markCpuNanos = processCpuNanos();
            long markRequests = 0;
            for (VuStats s : stats) markRequests += s.progress.get();
            for (Thread t : threads) joinUninterruptibly(t);
            long elapsedNanos = System.nanoTime() - startNanos;
            long endCpuNanos = processCpuNanos();

            Histogram merged = latencyMicros.getIntervalHistogram();
            long requests = 0, errors = 0, non2xx = 0;
            String firstError = null;
            for (VuStats s : stats) {
                requests += s.requests;
                errors += s.errors;
                non2xx += s.non2xx;
                if (firstError == null) firstError = s.firstError;
            }
            return new ShootoutResult(settings.transport(), detail, requests, errors, non2xx, elapsedNanos, merged,
                    firstError, endCpuNanos, requests - markRequests, endCpuNanos - markCpuNanos);
        }
    }

    /** One VU's counters; written by its thread only, read after join. */
    private static final class VuStats {
        /** {@link #requests} published with a release store, for the steady-state mark read by the main thread. */
        final AtomicLong progress = new AtomicLong();
        long requests;
        long errors;
        long non2xx;
        String firstError;
    }

    private static void loop(HttpSession session, HttpRequest request, VuStats s, Recorder latencyMicros,
                             long budget, long endNanos, long thinkNanos) throws InterruptedException {
        while (s.requests < budget) {
            long start = System.nanoTime();
            if (start - endNanos >= 0) return;
            HttpResponse response = session.send(request);
            long micros = (System.nanoTime() - start) / 1000;
            latencyMicros.recordValue(Math.min(micros, HIGHEST_LATENCY_MICROS));
            s.requests++;
            s.progress.lazySet(s.requests);
            if (response.failed()) {
                s.errors++;
                if (s.firstError == null) s.firstError = response.error().code() + " " + response.error().message();
            } else if (response.status() / 100 != 2) {
                s.non2xx++;
            }
            if (thinkNanos > 0) {
                long leftNanos = endNanos - System.nanoTime();
                if (leftNanos <= 0) return;
                Thread.sleep(Duration.ofNanos(Math.min(thinkNanos, leftNanos)));
            }
        }
    }

    /** One request before the run, so that a wrong URL or a broken transport shows at once with its response. */
    private static void probe(HttpTransport transport, HttpSessionOptions options, HttpRequest request,
                              PrintStream log) {
        HttpResponse[] holder = new HttpResponse[1];
        Thread t = Thread.ofVirtual().start(() -> {
            try (HttpSession session = transport.newSession(options)) {
                holder[0] = session.send(request);
            }
        });
        joinUninterruptibly(t);
        HttpResponse r = holder[0];
        if (r.failed()) {
            log.println("shootout: probe failed: " + r.error().code() + " " + r.error().message());
            return;
        }
        String body = new String(r.body(), 0, Math.min(r.body().length, 60), StandardCharsets.UTF_8);
        StringBuilder names = new StringBuilder();
        r.headers().forEach(h -> names.append(names.isEmpty() ? "" : ", ").append(h.name()));
        log.println("shootout: probe " + r.status() + ", " + r.body().length + " bytes \"" + body + "\", headers: "
                + names);
    }

    static void print(ShootoutResult r, PrintStream out) {
        out.printf(Locale.ROOT, "shootout: %s: %,d requests in %.2f s = %,.0f req/s, p50 %.3f ms, p99 %.3f ms, "
                        + "max %.3f ms, errors %d, non-2xx %d, JVM CPU %.2f s, steady %,.0f req per JVM CPU-s%n",
                r.detail(), r.requests(), r.elapsedSeconds(), r.requestsPerSecond(), r.latencyMillisAtPercentile(50),
                r.latencyMillisAtPercentile(99), r.latencyMicros().getMaxValue() / 1000.0, r.errors(), r.non2xx(),
                r.jvmCpuNanos() / 1e9, r.steadyRequestsPerCpuSecond());
        if (r.firstError() != null) out.println("shootout: first error: " + r.firstError());
        out.printf(Locale.ROOT, "RESULT transport=%s detail=%s requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f "
                        + "p99_ms=%.3f errors=%d non2xx=%d jvm_cpu_s=%.3f steady_req_per_cpu_s=%.1f%n",
                r.transport(), r.detail(), r.requests(), r.elapsedSeconds(), r.requestsPerSecond(),
                r.latencyMillisAtPercentile(50), r.latencyMillisAtPercentile(99), r.errors(), r.non2xx(),
                r.jvmCpuNanos() / 1e9, r.steadyRequestsPerCpuSecond());
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Returns when every thread has ended or {@code untilNanos} has come, whichever is first. */
    private static void awaitAllOrUntil(Thread[] threads, long untilNanos) {
        int next = 0;
        while (next < threads.length) {
            long leftNanos = untilNanos - System.nanoTime();
            if (leftNanos <= 0) return;
            try {
                if (threads[next].join(Duration.ofNanos(leftNanos))) next++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
