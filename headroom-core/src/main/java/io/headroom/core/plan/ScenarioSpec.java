package io.headroom.core.plan;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One scenario of a plan: its name, executor, when it starts relative to the run ({@code startTime}),
 * how long running iterations may finish after the executor's end ({@code gracefulStop}, k6 default
 * 30 s), and tags added to every sample it produces (plus {@code scenario:<name>}).
 */
public record ScenarioSpec(String name, ExecutorSpec executor, Duration startTime, Duration gracefulStop,
                           Map<String, String> tags) {
    public static final Duration DEFAULT_GRACEFUL_STOP = Duration.ofSeconds(30);

    public ScenarioSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(executor, "executor");
        startTime = startTime == null ? Duration.ZERO : startTime;
        gracefulStop = gracefulStop == null ? DEFAULT_GRACEFUL_STOP : gracefulStop;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** When the scenario ends at the latest by its own options, from the run's start: startTime, the executor's
     * planned duration and gracefulStop. */
    public Duration plannedEnd() {
        return startTime.plus(executor.plannedDuration()).plus(gracefulStop);
    }
}
