package io.headroom.analysis.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run as the results index remembers it: who it was, whether it may be trusted, and its key numbers.
 * Latencies are milliseconds of {@code http_req_duration}; {@code requestsPerSecond} is {@code http_reqs}' rate;
 * {@code errorRate} is {@code http_req_failed}'s share (0..1). A number the run did not have is NaN. Immutable.
 *
 * @param runId unique name of the run in its results folder, sortable by start time
 * @param startedAt wall-clock start; never null
 * @param planName the plan's name
 * @param planHash first 16 hex digits of the SHA-256 of the plan file's bytes; null when the plan had no file
 * @param scenarios the plan's scenario names, in plan order
 * @param outcome why the run ended ({@code COMPLETED}, {@code INTERRUPTED}, ...)
 * @param exitCode what {@code headroom run} exited with
 * @param invalid the generator was the bottleneck ({@code generatorHealth.invalidRun})
 * @param tags the user's tags ({@code --tag KEY=VALUE}), without the {@code tag.} prefix
 * @param summary the run's JSON summary, relative to the results folder
 */
public record HistoryEntry(String runId, Instant startedAt, String planName, String planHash, List<String> scenarios,
                           String outcome, int exitCode, boolean invalid, double p50Millis, double p95Millis,
                           double p99Millis, double requestsPerSecond, double errorRate, Map<String, String> tags,
                           String summary) {
    public HistoryEntry {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(planName, "planName");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(summary, "summary");
        scenarios = List.copyOf(scenarios);
        tags = Map.copyOf(tags);
    }

    /** The outcome of a run that ended as planned: only such a run's numbers describe the whole plan. */
    public static final String COMPLETED = "COMPLETED";

    /** This run's plan, for matching against other runs. */
    public PlanIdentity plan() {
        return new PlanIdentity(planName, planHash, scenarios);
    }

    /** Whether the run ended as planned ({@link #COMPLETED}). */
    public boolean completed() {
        return COMPLETED.equals(outcome);
    }
}
