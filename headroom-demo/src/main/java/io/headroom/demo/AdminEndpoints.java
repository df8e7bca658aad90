package io.headroom.demo;

import com.sun.net.httpserver.HttpExchange;
import io.headroom.demo.JsonReader.MalformedJsonException;
import io.headroom.demo.RequestInput.BodyTooLargeException;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static io.headroom.demo.RequestInput.readBody;

/**
 * The endpoints outside the worker pool, answered on the server's own thread: {@code GET /health}, the fault
 * switches {@code GET/POST /admin/faults} and the counters {@code GET /admin/stats} and
 * {@code POST /admin/stats/reset}. Thread-safe.
 */
final class AdminEndpoints {
    private static final Set<String> FAULT_FIELDS = Set.of("errorRate", "spikeRate", "spikeMillis",
            "addedLatencyMillis", "stallEveryMillis", "stallPauseMillis", "leakKbPerRequest");

    private final DemoConfig config;
    private final DemoFaults faults;
    private final StatsRecorder stats;
    private final Leak leak;
    private final long startNanos;

    AdminEndpoints(DemoConfig config, DemoFaults faults, StatsRecorder stats, Leak leak, long startNanos) {
        this.config = config;
        this.faults = faults;
        this.stats = stats;
        this.leak = leak;
        this.startNanos = startNanos;
    }

    Response health() {
        return Response.json(200, new JsonWriter().beginObject().field("status", "ok")
                .field("uptimeMillis", uptimeMillis()).endObject());
    }

    Response faults() {
        return Response.json(200, faultsJson(faults.current()));
    }

    Response stats() {
        return Response.json(200, statsJson(stats.snapshot()));
    }

    Response resetStats() {
        stats.reset();
        return Response.json(200, statsJson(stats.snapshot()));
    }

    Response setFaults(HttpExchange exchange) throws IOException {
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
                .field("pausePhase", ShopHandler.PAUSE_PHASE)
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
}
