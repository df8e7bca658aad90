package io.headroom.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.headroom.demo.RequestInput.query;

/**
 * Routes and answers every request of the demo shop. Shop routes queue FIFO for one of the workers, which
 * waits out a stall pause, holds the request for its drawn service time plus injected delays, and answers
 * it (or fails it with an injected 500). {@code /health}, {@code /admin/*} and unknown paths are answered on
 * the server's own thread for the exchange. Thread-safe.
 */
final class ShopHandler implements HttpHandler {
    static final String PAUSE_PHASE = "pause k covers [k*C + C - P, (k+1)*C) ms after server start";

    /** How often a worker waiting out a pause rereads the faults, so switching stall off releases it. */
    private static final long PAUSE_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final DemoConfig config;
    private final DemoFaults faults;
    private final StatsRecorder stats;
    private final long startNanos;
    private final Leak leak = new Leak();
    private final BrowsingEndpoints browsing;
    private final ShopperEndpoints shopper;
    private final AdminEndpoints admin;
    private final CounterRandom random;
    /**
     * The worker pool: a fixed number of platform threads draining one FIFO queue. Not the JDK server's
     * executor, because that one executor runs every context and {@code /health} must stay outside the pool;
     * and platform rather than virtual threads so that a worker waking from its simulated work does not wait
     * for a carrier thread busy with the load generator's virtual users in the same JVM.
     */
    private final ExecutorService workers;
    private final AtomicLong admissions = new AtomicLong();

    ShopHandler(DemoConfig config, DemoFaults faults, StatsRecorder stats, long startNanos, ExecutorService workers) {
        this.config = config;
        this.faults = faults;
        this.stats = stats;
        this.startNanos = startNanos;
        Catalogue catalogue = new Catalogue(config.seed());
        this.browsing = new BrowsingEndpoints(catalogue);
        this.shopper = new ShopperEndpoints(catalogue, new Tokens(config.seed()));
        this.admin = new AdminEndpoints(config, faults, stats, leak, startNanos);
        this.random = new CounterRandom(config.seed());
        this.workers = workers;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Route route = Route.match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
        stats.arrived(route);
        if (!route.pooled()) {
            answer(exchange, route, () -> send(exchange, route, answerUnpooled(route, exchange)));
            return;
        }
        // The draw sequence is fixed at arrival, so the same seed and arrival order give the same run.
        long sequence = admissions.getAndIncrement();
        stats.enteredQueue();
        try {
            // The exchange is answered by the worker after this method returns, which the JDK server allows.
            workers.execute(() -> servePooled(route, exchange, sequence));
        } catch (RejectedExecutionException closing) {
            stats.leftQueue();
            exchange.close();
        }
    }

    /** Runs on a worker: holds it through the stall gate, the drawn service time and the answer. */
    private void servePooled(Route route, HttpExchange exchange, long sequence) {
        stats.startedService();
        // Service ends before the answer is written, so a client that has its answer never sees its own request
        // still in flight (only this worker thread touches the flag).
        boolean[] inService = {true};
        Runnable endService = () -> {
            if (inService[0]) {
                inService[0] = false;
                stats.finishedService();
            }
        };
        try {
            answer(exchange, route, () -> {
                awaitEndOfPause();
                FaultSettings active = faults.current();
                leak.retain(active.leakKbPerRequest());
                long holdNanos = config.serviceTime(route.family()).sampleNanos(random.standardNormal(sequence))
                        + TimeUnit.MILLISECONDS.toNanos(active.addedLatencyMillis());
                if (random.uniform(sequence, CounterRandom.STREAM_SPIKE) < active.spikeRate()) {
                    holdNanos += TimeUnit.MILLISECONDS.toNanos(active.spikeMillis());
                    stats.injectedSpike();
                }
                Response response;
                if (random.uniform(sequence, CounterRandom.STREAM_ERROR) < active.errorRate()) {
                    stats.injectedError();
                    response = Response.error(500, "injected_fault", "error injected by the demo's errorRate fault");
                } else {
                    response = answerPooled(route, exchange);
                }
                sleepNanos(holdNanos);
                endService.run();
                send(exchange, route, response);
            });
        } finally {
            endService.run();
        }
    }

    private interface Answer {
        void run() throws IOException, InterruptedException;
    }

    /** Runs {@code answer} and closes the exchange, whatever happens. */
    private void answer(HttpExchange exchange, Route route, Answer answer) {
        try (exchange) {
            try {
                answer.run();
            } catch (RuntimeException bug) {
                // A bug in the demo must still look like a server to the client under test: answer 500.
                if (exchange.getResponseCode() < 0) {
                    send(exchange, route, Response.error(500, "internal_error", String.valueOf(bug)));
                }
            }
        } catch (IOException clientGone) {
            // The client closed the connection; there is nobody left to answer.
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt(); // the server is closing; the connection closes with it
        }
    }

    /** Blocks while the instant lies in a stall pause; see {@link FaultSettings} for the phase. */
    private void awaitEndOfPause() throws InterruptedException {
        boolean counted = false;
        while (true) {
            long elapsedNanos = System.nanoTime() - startNanos;
            long endNanos = faults.current().pauseEndNanos(elapsedNanos);
            if (endNanos <= elapsedNanos) return;
            if (!counted) {
                stats.stalled();
                counted = true;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(endNanos - elapsedNanos, PAUSE_RECHECK_NANOS));
        }
    }

    /** Sleeps at least {@code nanos}, holding the worker: this is the simulated work. */
    static void sleepNanos(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private Response answerUnpooled(Route route, HttpExchange exchange) throws IOException {
        return switch (route) {
            case HEALTH -> admin.health();
            case ADMIN_FAULTS -> admin.faults();
            case ADMIN_FAULTS_SET -> admin.setFaults(exchange);
            case ADMIN_STATS -> admin.stats();
            case ADMIN_STATS_RESET -> admin.resetStats();
            case OTHER -> {
                String path = exchange.getRequestURI().getRawPath();
                List<String> allowed = Route.allowedMethods(path);
                if (allowed.isEmpty()) {
                    yield Response.error(404, "not_found", "no such endpoint: " + path);
                }
                yield Response.error(405, "method_not_allowed", exchange.getRequestMethod() + " is not allowed on "
                        + path + "; use " + String.join(", ", allowed)).withHeader("Allow", String.join(", ", allowed));
            }
            default -> throw new IllegalStateException("pooled route answered outside the pool: " + route);
        };
    }

    private Response answerPooled(Route route, HttpExchange exchange) throws IOException {
        return switch (route) {
            case PRODUCTS -> browsing.listProducts(query(exchange));
            case PRODUCT -> browsing.product(exchange.getRequestURI().getRawPath().substring("/products/".length()));
            case SEARCH -> browsing.search(query(exchange));
            case REDIRECT -> browsing.redirect(query(exchange));
            case COMPUTE -> browsing.compute(query(exchange));
            case LOGIN -> shopper.login(exchange);
            case ME -> shopper.me(exchange);
            case CART -> shopper.withUser(exchange, shopper::cart);
            case CART_ITEMS -> shopper.withUser(exchange, user -> shopper.addCartItem(exchange, user));
            case ORDERS -> shopper.withUser(exchange, shopper::placeOrder);
            default -> throw new IllegalStateException("unpooled route answered inside the pool: " + route);
        };
    }

    private void send(HttpExchange exchange, Route route, Response response) throws IOException {
        byte[] body = response.json().getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        response.headers().forEach(headers::set);
        // Counted before writing, so whatever a client has received is already in the statistics.
        stats.responded(route, response.status());
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
