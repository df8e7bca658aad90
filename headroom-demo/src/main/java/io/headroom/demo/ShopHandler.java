package io.headroom.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.headroom.demo.JsonReader.MalformedJsonException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes and answers every request of the demo shop. Shop routes queue FIFO for one of the workers, which
 * waits out a stall pause, holds the request for its drawn service time plus injected delays, and answers
 * it (or fails it with an injected 500). {@code /health}, {@code /admin/*} and unknown paths are answered on
 * the server's own thread for the exchange. Thread-safe.
 */
final class ShopHandler implements HttpHandler {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int DEFAULT_PAGE_LIMIT = 20;
    static final int MAX_PAGE_LIMIT = 100;
    static final int MAX_SEARCH_ITEMS = 50;
    static final int MAX_REDIRECTS = 20;
    static final int MAX_QUANTITY = 99;
    static final String PAUSE_PHASE = "pause k covers [k*C + C - P, (k+1)*C) ms after server start";

    /** How often a worker waiting out a pause rereads the faults, so switching stall off releases it. */
    private static final long PAUSE_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    static final int MAX_COMPUTE_ROUNDS = 1_000;
    static final int DEFAULT_COMPUTE_ROUNDS = 100;

    private static final Set<String> FAULT_FIELDS = Set.of("errorRate", "spikeRate", "spikeMillis",
            "addedLatencyMillis", "stallEveryMillis", "stallPauseMillis", "leakKbPerRequest");

    private final DemoConfig config;
    private final DemoFaults faults;
    private final StatsRecorder stats;
    private final long startNanos;
    private final Catalogue catalogue;
    private final Tokens tokens;
    private final Carts carts = new Carts();
    private final Leak leak = new Leak();
    private final CounterRandom random;
    /**
     * The worker pool: a fixed number of platform threads draining one FIFO queue. Not the JDK server's
     * executor, because that one executor runs every context and {@code /health} must stay outside the pool;
     * and platform rather than virtual threads so that a worker waking from its simulated work does not wait
     * for a carrier thread busy with the load generator's virtual users in the same JVM.
     */
    private final ExecutorService workers;
    private final AtomicLong admissions = new AtomicLong();
    private final AtomicLong cartItemIds = new AtomicLong();
    private final AtomicLong orderIds = new AtomicLong();

    ShopHandler(DemoConfig config, DemoFaults faults, StatsRecorder stats, long startNanos, ExecutorService workers) {
        this.config = config;
        this.faults = faults;
        this.stats = stats;
        this.startNanos = startNanos;
        this.catalogue = new Catalogue(config.seed());
        this.tokens = new Tokens(config.seed());
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
            case HEALTH -> Response.json(200, new JsonWriter().beginObject().field("status", "ok")
                    .field("uptimeMillis", uptimeMillis()).endObject());
            case ADMIN_FAULTS -> Response.json(200, faultsJson(faults.current()));
            case ADMIN_FAULTS_SET -> setFaults(exchange);
            case ADMIN_STATS -> Response.json(200, statsJson(stats.snapshot()));
            case ADMIN_STATS_RESET -> {
                stats.reset();
                yield Response.json(200, statsJson(stats.snapshot()));
            }
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
            case PRODUCTS -> listProducts(query(exchange));
            case PRODUCT -> product(exchange.getRequestURI().getRawPath().substring("/products/".length()));
            case SEARCH -> search(query(exchange));
            case LOGIN -> login(exchange);
            case ME -> me(exchange);
            case CART -> withUser(exchange, this::cart);
            case CART_ITEMS -> withUser(exchange, user -> addCartItem(exchange, user));
            case ORDERS -> withUser(exchange, this::placeOrder);
            case REDIRECT -> redirect(query(exchange));
            case COMPUTE -> compute(query(exchange));
            default -> throw new IllegalStateException("unpooled route answered inside the pool: " + route);
        };
    }

    private Response listProducts(Map<String, String> query) {
        Integer limit = intParam(query, "limit", DEFAULT_PAGE_LIMIT);
        Integer offset = intParam(query, "offset", 0);
        if (limit == null || limit < 1 || limit > MAX_PAGE_LIMIT) {
            return Response.error(400, "bad_request", "limit must be an integer 1.." + MAX_PAGE_LIMIT);
        }
        if (offset == null || offset < 0) return Response.error(400, "bad_request", "offset must be an integer >= 0");
        JsonWriter json = new JsonWriter().beginObject().field("total", catalogue.size())
                .field("offset", offset).field("limit", limit).name("items").beginArray();
        for (Product product : catalogue.page(offset, limit)) json.rawValue(product.json());
        return Response.json(200, json.endArray().endObject());
    }

    private Response product(String idText) {
        Product product = null;
        try {
            product = catalogue.byId(Long.parseLong(idText));
        } catch (NumberFormatException notAnId) {
            // an id that is not a number names no product either: 404 below
        }
        if (product == null) return Response.error(404, "not_found", "no product with id " + idText);
        return Response.json(200, product.json());
    }

    private Response search(Map<String, String> query) {
        String words = query.get("q");
        if (words == null || words.isBlank()) return Response.error(400, "bad_request", "search needs q=WORDS");
        List<Product> matches = catalogue.search(words);
        JsonWriter json = new JsonWriter().beginObject().field("query", words).field("count", matches.size())
                .name("items").beginArray();
        for (Product product : matches.subList(0, Math.min(MAX_SEARCH_ITEMS, matches.size()))) {
            json.rawValue(product.json());
        }
        return Response.json(200, json.endArray().endObject());
    }

    private Response login(HttpExchange exchange) throws IOException {
        Map<String, Object> body;
        try {
            body = JsonReader.parseObject(readBody(exchange));
        } catch (MalformedJsonException e) {
            return Response.error(400, "bad_request", "login body is not a JSON object: " + e.getMessage());
        } catch (BodyTooLargeException e) {
            return e.response();
        }
        if (!(body.get("user") instanceof String user) || !(body.get("password") instanceof String password)) {
            return Response.error(400, "bad_request", "login needs {\"user\": string, \"password\": string}");
        }
        if (!Tokens.validCredentials(user, password)) {
            return Response.error(401, "unauthorized", "unknown user or wrong password")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        String token = tokens.issue(user);
        return Response.json(200, new JsonWriter().beginObject().field("token", token).field("user", user).endObject())
                .withHeader("Set-Cookie", "session=" + token + "; Path=/; HttpOnly; SameSite=Lax");
    }

    private Response me(HttpExchange exchange) {
        String user = null;
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith("session=")) user = tokens.verify(trimmed.substring("session=".length()));
            }
        }
        if (user == null) return Response.error(401, "unauthorized", "no valid session cookie; POST /login first");
        return Response.json(200, new JsonWriter().beginObject().field("user", user).endObject());
    }

    private interface UserAction {
        Response answer(String user) throws IOException;
    }

    private Response withUser(HttpExchange exchange, UserAction action) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String user = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            user = tokens.verify(authorization.substring(7).trim());
        }
        if (user == null) {
            return Response.error(401, "unauthorized", "needs Authorization: Bearer <token> from POST /login")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        return action.answer(user);
    }

    private Response cart(String user) {
        JsonWriter json = new JsonWriter().beginObject().field("user", user).name("items").beginArray();
        long totalCents = writeLines(json, carts.contents(user));
        return Response.json(200, json.endArray().field("totalCents", totalCents).endObject());
    }

    private Response addCartItem(HttpExchange exchange, String user) throws IOException {
        Map<String, Object> body;
        try {
            body = JsonReader.parseObject(readBody(exchange));
        } catch (MalformedJsonException e) {
            return Response.error(400, "bad_request", "cart item is not a JSON object: " + e.getMessage());
        } catch (BodyTooLargeException e) {
            return e.response();
        }
        if (!(body.get("productId") instanceof Long productId)
                || !(body.getOrDefault("quantity", 1L) instanceof Long quantity)) {
            return Response.error(400, "bad_request", "cart item needs {\"productId\": integer, \"quantity\": integer}");
        }
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            return Response.error(400, "bad_request", "quantity must be 1.." + MAX_QUANTITY);
        }
        Product product = catalogue.byId(productId);
        if (product == null) return Response.error(404, "not_found", "no product with id " + productId);
        int inCart = carts.add(user, product.id(), quantity.intValue());
        long id = cartItemIds.incrementAndGet();
        return Response.json(201, new JsonWriter().beginObject().field("id", id).field("user", user)
                        .field("productId", product.id()).field("quantity", quantity).field("cartQuantity", inCart)
                        .field("priceCents", product.priceCents()).endObject())
                .withHeader("Location", "/cart");
    }

    private Response placeOrder(String user) {
        // An empty cart still makes an (empty) order: VUs share users, so refusing would turn an honest
        // race between two VUs into errors the demo's users did not ask for.
        Map<Integer, Integer> lines = carts.takeAll(user);
        long id = orderIds.incrementAndGet();
        JsonWriter json = new JsonWriter().beginObject().field("id", id).field("user", user)
                .field("status", "created").name("items").beginArray();
        long totalCents = writeLines(json, lines);
        json.endArray().field("itemCount", lines.size()).field("totalCents", totalCents).endObject();
        return Response.json(201, json).withHeader("Location", "/orders/" + id);
    }

    private long writeLines(JsonWriter json, Map<Integer, Integer> lines) {
        long totalCents = 0;
        for (Map.Entry<Integer, Integer> line : new TreeMap<>(lines).entrySet()) {
            Product product = catalogue.byId(line.getKey());
            totalCents += product.priceCents() * line.getValue();
            json.beginObject().field("productId", product.id()).field("quantity", line.getValue())
                    .field("priceCents", product.priceCents()).endObject();
        }
        return totalCents;
    }

    private Response redirect(Map<String, String> query) {
        Integer hops = intParam(query, "n", 1);
        if (hops == null || hops < 1 || hops > MAX_REDIRECTS) {
            return Response.error(400, "bad_request", "n must be an integer 1.." + MAX_REDIRECTS);
        }
        String location = hops == 1 ? "/health" : "/redirect?n=" + (hops - 1);
        return Response.json(302, new JsonWriter().beginObject().field("location", location).endObject())
                .withHeader("Location", location);
    }

    private Response compute(Map<String, String> query) {
        Integer rounds = intParam(query, "n", DEFAULT_COMPUTE_ROUNDS);
        if (rounds == null || rounds < 1 || rounds > MAX_COMPUTE_ROUNDS) {
            return Response.error(400, "bad_request", "n must be an integer 1.." + MAX_COMPUTE_ROUNDS);
        }
        JsonWriter json = new JsonWriter().beginObject().field("rounds", rounds).name("top").beginArray();
        for (Product product : catalogue.rankProducts(rounds, 5)) json.rawValue(product.json());
        return Response.json(200, json.endArray().endObject());
    }

    private Response setFaults(HttpExchange exchange) throws IOException {
        Map<String, Object> body;
        try {
            body = JsonReader.parseObject(readBody(exchange));
        } catch (MalformedJsonException e) {
            return Response.error(400, "bad_request", "faults body is not a JSON object: " + e.getMessage());
        } catch (BodyTooLargeException e) {
            return e.response();
        }
        for (Map.Entry<String, Object> field : body.entrySet()) {
            if (!FAULT_FIELDS.contains(field.getKey())) {
                return Response.error(400, "bad_request", "unknown fault field \"" + field.getKey() + "\"; expected "
                        + String.join(", ", new TreeSet<>(FAULT_FIELDS)));
            }
            boolean rate = field.getKey().endsWith("Rate");
            boolean valid = rate ? field.getValue() instanceof Number : field.getValue() instanceof Long;
            if (!valid) {
                return Response.error(400, "bad_request", field.getKey() + " must be "
                        + (rate ? "a number between 0 and 1" : field.getKey().equals("leakKbPerRequest")
                        ? "a whole number of kibibytes" : "a whole number of milliseconds"));
            }
        }
        try {
            FaultSettings updated = faults.update(current -> new FaultSettings(
                    doubleField(body, "errorRate", current.errorRate()),
                    doubleField(body, "spikeRate", current.spikeRate()),
                    longField(body, "spikeMillis", current.spikeMillis()),
                    longField(body, "addedLatencyMillis", current.addedLatencyMillis()),
                    longField(body, "stallEveryMillis", current.stallEveryMillis()),
                    longField(body, "stallPauseMillis", current.stallPauseMillis()),
                    longField(body, "leakKbPerRequest", current.leakKbPerRequest())));
            return Response.json(200, faultsJson(updated));
        } catch (IllegalArgumentException invalid) {
            return Response.error(400, "bad_request", invalid.getMessage());
        }
    }

    private static double doubleField(Map<String, Object> body, String name, double current) {
        return body.get(name) instanceof Number n ? n.doubleValue() : current;
    }

    private static long longField(Map<String, Object> body, String name, long current) {
        return body.get(name) instanceof Long n ? n : current;
    }

    private String faultsJson(FaultSettings settings) {
        long elapsedNanos = System.nanoTime() - startNanos;
        return new JsonWriter().beginObject()
                .field("errorRate", settings.errorRate())
                .field("spikeRate", settings.spikeRate())
                .field("spikeMillis", settings.spikeMillis())
                .field("addedLatencyMillis", settings.addedLatencyMillis())
                .field("stallEveryMillis", settings.stallEveryMillis())
                .field("stallPauseMillis", settings.stallPauseMillis())
                .field("leakKbPerRequest", settings.leakKbPerRequest())
                .field("leakedBytes", leak.retainedBytes())
                .field("stalledNow", settings.stalledAt(elapsedNanos))
                .field("uptimeMillis", TimeUnit.NANOSECONDS.toMillis(elapsedNanos))
                .field("pausePhase", PAUSE_PHASE)
                .endObject().toString();
    }

    private String statsJson(DemoStats snapshot) {
        JsonWriter json = new JsonWriter().beginObject().field("totalRequests", snapshot.totalRequests())
                .name("requestsByEndpoint").beginObject();
        for (Route route : Route.values()) {
            if (!route.admin()) json.field(route.key(), snapshot.requests(route.key()));
        }
        json.endObject().name("responsesByStatus").beginObject();
        new TreeMap<>(snapshot.responsesByStatus()).forEach((status, count) -> json.field(String.valueOf(status), count));
        return json.endObject()
                .field("inFlight", snapshot.inFlight()).field("maxInFlight", snapshot.maxInFlight())
                .field("queued", snapshot.queued()).field("maxQueued", snapshot.maxQueued())
                .field("injectedErrors", snapshot.injectedErrors()).field("injectedSpikes", snapshot.injectedSpikes())
                .field("stalledRequests", snapshot.stalledRequests())
                .field("leakedBytes", leak.retainedBytes())
                .field("workerThreads", config.workerThreads()).field("uptimeMillis", uptimeMillis())
                .endObject().toString();
    }

    private long uptimeMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
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

    private static String readBody(HttpExchange exchange) throws IOException, BodyTooLargeException {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) throw new BodyTooLargeException();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The query parameters (first value wins); a malformed escape makes the value unreadable, hence absent. */
    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) return params;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                // skipped: a parameter we cannot decode is treated as not sent
            }
        }
        return params;
    }

    /** The integer parameter, {@code fallback} when absent, null when present but not an integer. */
    private static Integer intParam(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        if (value == null) return fallback;
        try {
            return Integer.parseInt(value.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The request body exceeds {@link #MAX_BODY_BYTES}. */
    private static final class BodyTooLargeException extends Exception {
        BodyTooLargeException() {
            super("request body larger than " + MAX_BODY_BYTES + " bytes", null, false, false);
        }

        Response response() {
            return Response.error(413, "payload_too_large", getMessage());
        }
    }
}
