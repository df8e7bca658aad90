package io.headroom.core.engine;

import java.time.Duration;

/**
 * A live view of one scenario: how far along it is ({@code elapsed} of {@code planned}; planned is the
 * executor's duration, or its maxDuration for iteration-count executors), active and maximum VUs,
 * iterations so far, and over the last second: requests per second, p95 of {@code http_req_duration}
 * in milliseconds (NaN when no request ended) and failed requests so far. {@code interruptedIterations}:
 * iterations cut short so far (gracefulStop ran out, or the run was stopped), k6's "interrupted".
 */
public record ScenarioProgress(String scenario, String executor, State state, Duration elapsed, Duration planned,
                               int activeVus, int maxVus, long iterations, long droppedIterations,
                               double requestsPerSecond, double p95Millis, long failedRequests,
                               long interruptedIterations) {
    /** As the canonical constructor, with no iteration interrupted yet. */
    public ScenarioProgress(String scenario, String executor, State state, Duration elapsed, Duration planned,
                            int activeVus, int maxVus, long iterations, long droppedIterations,
                            double requestsPerSecond, double p95Millis, long failedRequests) {
        this(scenario, executor, state, elapsed, planned, activeVus, maxVus, iterations, droppedIterations,
                requestsPerSecond, p95Millis, failedRequests, 0);
    }

    public enum State { WAITING, RUNNING, STOPPING, DONE }
}
