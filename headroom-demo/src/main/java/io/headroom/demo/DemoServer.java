package io.headroom.demo;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running demo shop: JSON over HTTP/1.1 on a loopback port, with a known capacity, a known latency
 * distribution and switchable faults, so a load test against it can be checked against the truth.
 * Thread-safe; {@link #close()} stops it.
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code GET /health}: {@code {"status":"ok"}}; outside the worker pool and every fault.
 *   <li>{@code GET /products?limit=N&offset=M}: a page of the 200-product catalogue (seeded; limit 1..100,
 *       default 20; 400 otherwise).
 *   <li>{@code GET /products/{id}}: one product, ids 1..200; 404 JSON otherwise.
 *   <li>{@code GET /search?q=WORDS}: products whose name contains every word, case-insensitive; 400 without q.
 *   <li>{@code POST /login {"user","password"}}: users user1..user100, password {@code secret}; 200
 *       {@code {"token"}} and {@code Set-Cookie: session=...; Path=/; HttpOnly; SameSite=Lax}; 401 bad credentials; 400
 *       malformed JSON.
 *   <li>{@code GET /me}: the user of the {@code session} cookie; 401 without one (exercises cookie jars).
 *   <li>{@code GET /cart}, {@code POST /cart/items {"productId","quantity"}} (201), {@code POST /orders}
 *       (201, orders and empties the cart): all need {@code Authorization: Bearer <token>}, 401 without.
 *   <li>{@code GET /redirect?n=N}: 302 to {@code /redirect?n=N-1}, from n=1 (default) to {@code /health}.
 *   <li>{@code GET /compute?n=N}: ranks the catalogue n times (1..1000, default 100) in
 *       {@code Catalogue.rankProducts}: real CPU work on the worker, on top of the light family's service time,
 *       so a profile of the demo has a known hot method.
 *   <li>{@code GET|POST /admin/faults}, {@code GET /admin/stats}, {@code POST /admin/stats/reset}: fault
 *       switches and statistics; outside the pool and faults, not counted in the statistics.
 *   <li>Anything else: 404 (405 with {@code Allow} for a known path), at once, outside the pool.
 * </ul>
 *
 * <h2>Capacity</h2>
 * Shop requests queue FIFO for one of {@code workerThreads} workers and hold it for a service time drawn
 * from their family's lognormal {@link ServiceTime} (plus {@code addedLatencyMillis} and any latency spike),
 * implemented as a sleep. So the pool completes at most
 * <pre>
 *   capacity [req/s] = workerThreads × 1000 / (meanServiceMillis + addedLatencyMillis + spikeRate × spikeMillis)
 *                      × (C − P) / C                       (the last factor only in stall mode)
 *   meanServiceMillis = medianMillis × exp(sigma² / 2)
 * </pre>
 * and beyond that the queue grows and shows as latency (Little's law: queue = rate × wait). The stall factor
 * is approximate (it ignores requests already in service when a pause begins). The defaults, 16 workers and
 * sigma 0.5, give: products 2824 req/s (median 5 ms), search 941 (15 ms), login 1412 (10 ms), cart 1765
 * (8 ms), orders 706 (20 ms), light 14120 (1 ms). The sleeps keep these figures independent of the
 * machine's cores as long as the HTTP server itself (one dispatcher thread) and the load generator keep up.
 * It is an upper bound that measured throughput approaches from below: each request also spends a little
 * time waking up and writing its answer (measured 2026-11-22, loaded 2-core machine, 64 clients: search reached
 * 96% of it; at 5 ms and below the JDK test client ran out first). Injected 500s hold their worker for the
 * full time too, so capacity does not depend on the error rate.
 *
 * <h2>Stall mode</h2>
 * With {@code stallEveryMillis = C} and {@code stallPauseMillis = P}, pause {@code k = 0, 1, ...} covers
 * [k·C + (C − P), (k + 1)·C) milliseconds after {@link #startNanos()}. A request that reaches a worker
 * during a pause begins service at the pause's end (workers wait at the gate, so more than
 * {@code workerThreads} such requests also queue); {@code /health} and {@code /admin} are exempt.
 * For a request arriving at an idle server at time t inside pause k, latency is
 * {@code (k + 1)·C − t + service time}.
 */
public final class DemoServer implements AutoCloseable {
    private final DemoConfig config;
    private final HttpServer server;
    private final ExecutorService exchangeThreads;
    private final ExecutorService workers;
    private final DemoFaults faults;
    private final StatsRecorder stats;
    private final long startNanos;
    private final URI baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoServer(DemoConfig config, HttpServer server, ExecutorService exchangeThreads, ExecutorService workers,
                       DemoFaults faults, StatsRecorder stats, long startNanos) {
        this.config = config;
        this.server = server;
        this.exchangeThreads = exchangeThreads;
        this.workers = workers;
        this.faults = faults;
        this.stats = stats;
        this.startNanos = startNanos;
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        this.baseUrl = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort());
    }

    /**
     * Binds and starts the shop. Throws {@link IllegalArgumentException} for a non-loopback host unless
     * {@link DemoConfig#allowNonLoopback()}, and {@link IOException} when the address cannot be bound (the
     * message names the cause, e.g. "Address already in use").
     */
    public static DemoServer start(DemoConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        InetAddress address = InetAddress.getByName(config.host());
        if (!address.isLoopbackAddress() && !config.allowNonLoopback()) {
            throw new IllegalArgumentException("refusing to bind the demo shop to " + config.host()
                    + ": it is not a loopback address, and the demo has no authentication and /admin endpoints"
                    + " that change its behaviour; allow non-loopback explicitly to do it anyway");
        }
        // Backlog well above the default so a burst of new connections from a load test queues in the kernel
        // instead of being refused.
        HttpServer server = HttpServer.create(new InetSocketAddress(address, config.port()), 1024);
        // One virtual thread per exchange: cheap, and it only routes; shop requests go on to the fixed pool of
        // workers (see ShopHandler), which is what bounds concurrency.
        ExecutorService exchangeThreads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("headroom-demo-", 0).factory());
        ExecutorService workers = Executors.newFixedThreadPool(config.workerThreads(),
                Thread.ofPlatform().name("headroom-demo-worker-", 0).daemon(true).factory());
        DemoFaults faults = new DemoFaults(config.faults());
        StatsRecorder stats = new StatsRecorder();
        long startNanos = System.nanoTime();
        server.createContext("/", new ShopHandler(config, faults, stats, startNanos, workers));
        server.setExecutor(exchangeThreads);
        server.start();
        return new DemoServer(config, server, exchangeThreads, workers, faults, stats, startNanos);
    }

    /** The bound TCP port (the ephemeral one when the config asked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash: resolve absolute paths against it. */
    public URI baseUrl() {
        return baseUrl;
    }

    public DemoConfig config() {
        return config;
    }

    /** The runtime fault switches; changes apply to requests that begin service afterwards. */
    public DemoFaults faults() {
        return faults;
    }

    /** What the server saw so far. */
    public DemoStats stats() {
        return stats.snapshot();
    }

    public void resetStats() {
        stats.reset();
    }

    /** {@link System#nanoTime()} when the server started: time zero of the stall schedule. */
    public long startNanos() {
        return startNanos;
    }

    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * The pool's capacity in requests per second for one endpoint under the faults in force now (see the
     * class comment). {@code endpoint} is a family key ({@code "products"}, {@code "search"}, {@code "login"},
     * {@code "cart"}, {@code "orders"}, {@code "light"}) or a request path such as {@code "/products/7"} or
     * {@code "/search?q=oak"}. Throws {@link IllegalArgumentException} for an unknown name or a path outside
     * the pool ({@code /health}, {@code /admin/*}); {@code +Infinity} when requests hold no worker time.
     */
    public double capacityRequestsPerSecond(String endpoint) {
        return capacityRequestsPerSecond(familyOf(endpoint));
    }

    public double capacityRequestsPerSecond(EndpointFamily family) {
        return config.capacityRequestsPerSecond(family, faults.current());
    }

    /** The capacity for a request mix, weights per family (see {@link DemoConfig}), under the current faults. */
    public double capacityRequestsPerSecond(Map<EndpointFamily, Double> mix) {
        return config.capacityRequestsPerSecond(mix, faults.current());
    }

    /** Stops listening, drops open connections and interrupts requests in service. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        server.stop(0);
        workers.shutdownNow();
        exchangeThreads.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            exchangeThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #describe(DemoConfig)} for the default configuration. */
    public static String describe() {
        return describe(DemoConfig.defaults());
    }

    /**
     * A plain-text list of the endpoints with each one's service time and pool capacity under
     * {@code config}, the capacity formula and the fault switches, for the CLI to print.
     */
    public static String describe(DemoConfig config) {
        StringBuilder text = new StringBuilder();
        text.append("Headroom demo shop: JSON over HTTP/1.1, ").append(config.workerThreads())
                .append(" workers, seed ").append(config.seed()).append('\n');
        text.append("Endpoints (family: median service time, capacity of the pool for that endpoint alone):\n");
        for (Route route : Route.values()) {
            if (route == Route.OTHER) continue;
            text.append(String.format(Locale.ROOT, "  %-5s %s%n", route.method(), route.usage()));
            text.append("        ").append(route.description());
            EndpointFamily family = route.family();
            if (family != null) {
                ServiceTime time = config.serviceTime(family);
                double capacity = config.capacityRequestsPerSecond(family, FaultSettings.NONE);
                text.append(String.format(Locale.ROOT, "%n        %s: median %s ms, sigma %s, capacity %s req/s",
                        family.key(), trim(time.medianMillis()), trim(time.sigma()),
                        Double.isInfinite(capacity) ? "unbounded" : String.format(Locale.ROOT, "%.0f", capacity)));
            }
            text.append('\n');
        }
        text.append("Capacity = workers x 1000 / (mean service ms + addedLatencyMillis + spikeRate x spikeMillis)")
                .append(" x (C - P) / C in stall mode; mean = median x exp(sigma^2 / 2).\n");
        text.append("Requests beyond capacity queue (FIFO) and the wait shows as latency.\n");
        text.append("Faults (POST /admin/faults, JSON): errorRate (fraction answered 500), spikeRate + spikeMillis,")
                .append(" addedLatencyMillis, stallEveryMillis C + stallPauseMillis P, leakKbPerRequest (KiB each")
                .append(" shop request retains, capped);\n");
        text.append("  ").append(ShopHandler.PAUSE_PHASE).append("; /health and /admin are exempt.\n");
        return text.toString();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static EndpointFamily familyOf(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!endpoint.startsWith("/")) return EndpointFamily.fromKey(endpoint);
        int query = endpoint.indexOf('?');
        String path = query < 0 ? endpoint : endpoint.substring(0, query);
        for (String method : Route.allowedMethods(path)) {
            Route route = Route.match(method, path);
            if (route.pooled()) return route.family();
            throw new IllegalArgumentException(path + " is served outside the worker pool; it has no capacity limit");
        }
        throw new IllegalArgumentException("no demo endpoint at " + path);
    }
}
