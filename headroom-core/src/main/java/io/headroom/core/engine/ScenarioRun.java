package io.headroom.core.engine;

import io.headroom.core.plan.ScenarioSpec;

import java.util.Objects;

/** A scenario to run: its parsed spec and what each of its VUs does. */
public record ScenarioRun(ScenarioSpec spec, VuBehaviourFactory behaviour) {
    public ScenarioRun {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(behaviour, "behaviour");
    }
}
