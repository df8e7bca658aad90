package io.headroom.core.engine;

import io.headroom.core.plan.ExecutionSegment;
import io.headroom.core.threshold.ThresholdSpec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine needs for one run. {@code maxDuration} is the safety bound: the run is stopped
 * (gracefully, then hard) when it is reached, whatever the scenarios say. {@code metadata} is copied
 * into the result (plan file, target, user-supplied labels). {@code segment} is the part of the plan this
 * generator runs ({@link ExecutionSegment#FULL} unless the run is distributed); null means full.
 */
public record RunSpec(String name, List<ScenarioRun> scenarios, List<ThresholdSpec> thresholds,
                      Duration maxDuration, Map<String, String> metadata, ExecutionSegment segment) {
    /** The default safety bound when a plan gives none. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(1);

    public RunSpec {
        Objects.requireNonNull(name, "name");
        scenarios = List.copyOf(scenarios);
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        maxDuration = maxDuration == null ? DEFAULT_MAX_DURATION : maxDuration;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        segment = segment == null ? ExecutionSegment.FULL : segment;
        if (scenarios.isEmpty()) throw new IllegalArgumentException("a run needs at least one scenario");
    }

    /** A run of the whole plan (no execution segment). */
    public RunSpec(String name, List<ScenarioRun> scenarios, List<ThresholdSpec> thresholds,
                   Duration maxDuration, Map<String, String> metadata) {
        this(name, scenarios, thresholds, maxDuration, metadata, ExecutionSegment.FULL);
    }

    /** This spec with another execution segment. */
    public RunSpec withSegment(ExecutionSegment segment) {
        return new RunSpec(name, scenarios, thresholds, maxDuration, metadata, segment);
    }
}
