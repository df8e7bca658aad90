package io.headroom.script.plan;

import io.headroom.core.plan.ScenarioSpec;
import io.headroom.script.Scenario;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One scenario of a {@link Plan}: its parsed spec (executor, start time, tags) and where each VU's
 * {@link Scenario} comes from (a compiled {@link FlowScenario} shared by all VUs, or a new instance of a
 * Java scenario class per VU). Immutable.
 */
public record PlanScenario(ScenarioSpec spec, Supplier<? extends Scenario> scenarios) {
    public PlanScenario {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scenarios, "scenarios");
    }

    /** The scenario object one VU would run. */
    public Scenario newScenario() {
        return scenarios.get();
    }

    public String name() {
        return spec.name();
    }
}
