package io.headroom.demo;

import java.util.Map;

/**
 * A snapshot of what the demo server saw since start or the last reset: requests per route key (for example
 * {@code "GET /products/{id}"}, {@code "other"} for unknown paths; {@code /admin/*} calls are not counted),
 * responses per status code, the shop requests holding a worker ({@code inFlight}) or waiting for one
 * ({@code queued}) now and at most, and how many requests each fault touched. Immutable.
 */
public record DemoStats(Map<String, Long> requestsByEndpoint, Map<Integer, Long> responsesByStatus,
                        int inFlight, int maxInFlight, int queued, int maxQueued,
                        long injectedErrors, long injectedSpikes, long stalledRequests) {
    public DemoStats {
        requestsByEndpoint = Map.copyOf(requestsByEndpoint);
        responsesByStatus = Map.copyOf(responsesByStatus);
    }

    /** Requests counted for a route key such as {@code "POST /login"}; 0 for an unknown key. */
    public long requests(String endpointKey) {
        return requestsByEndpoint.getOrDefault(endpointKey, 0L);
    }

    /** All counted requests (every route except {@code /admin/*}). */
    public long totalRequests() {
        return requestsByEndpoint.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Responses sent with {@code status}. */
    public long responses(int status) {
        return responsesByStatus.getOrDefault(status, 0L);
    }
}
