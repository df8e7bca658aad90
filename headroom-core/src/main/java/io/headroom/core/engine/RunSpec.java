package io.headroom.core.engine;

import io.headroom.core.plan.ExecutionSegment;
import io.headroom.core.plan.ScenarioSpec;
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
    /** The default safety bound when a plan gives none, for plans that end sooner by their own options. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(1);
    /** The room past the plan's own planned end that the default safety bound leaves. */
    public static final Duration DEFAULT_MAX_DURATION_MARGIN = Duration.ofMinutes(1);

    /**
     * The safety bound of a plan that gives none: {@link #DEFAULT_MAX_DURATION}, or the
     * latest planned end of its scenarios plus {@link #DEFAULT_MAX_DURATION_MARGIN} when that is later, so that a
     * plan of an hour or more (a soak) is never cut short by a bound it did not ask for.
     */
    public static Duration defaultMaxDuration(List<ScenarioSpec> scenarios) {
        Duration latest = Duration.ZERO;
        for (ScenarioSpec s : scenarios) {
            if (s.plannedEnd().compareTo(latest) > 0) latest = s.plannedEnd();
        }
        Duration needed = latest.plus(DEFAULT_MAX_DURATION_MARGIN);
        return needed.compareTo(DEFAULT_MAX_DURATION) > 0 ? needed : DEFAULT_MAX_DURATION;
    }

    public RunSpec {
        Objects.requireNonNull(name, "name");
        scenarios = List.copyOf(scenarios);
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        maxDuration = maxDuration == null ? defaultMaxDuration(scenarios.stream().map(ScenarioRun::spec).toList()) : maxDuration;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        segment = segment == null ? ExecutionSegment.FULL : segment;
        if (scenarios.isEmpty()) throw new IllegalArgumentException("a run needs at least one scenario");
    }

    /** A run of the whole plan (no execution segment). */
    public RunSpec(String name, List<ScenarioRun> scenarios, List<ThresholdSpec> thresholds,
                   Duration maxDuration, Map<String, String> metadata) {
        this(name, scenarios, thresholds, maxDuration, metadata, ExecutionSegment.FULL);
    }

    /** This spec with other metadata. */
    public RunSpec withMetadata(Map<String, String> otherMetadata) {
        return new RunSpec(name, scenarios, thresholds, maxDuration, otherMetadata, segment);
    }

    /** This spec with another execution segment. */
    public RunSpec withSegment(ExecutionSegment segment) {
        return new RunSpec(name, scenarios, thresholds, maxDuration, metadata, segment);
    }
}
