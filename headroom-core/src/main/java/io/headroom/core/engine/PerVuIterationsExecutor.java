package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;

/** per-vu-iterations: each VU runs exactly {@code iterations} iterations, within maxDuration. */
final class PerVuIterationsExecutor extends FixedVusExecutor {
    private final long iterations;

    PerVuIterationsExecutor(ScenarioRuntime scenario, ExecutorSpec.PerVuIterations spec) {
        super(scenario, scaledVus(scenario, spec.vus()), spec.maxDuration().toNanos(), spec.vus());
        this.iterations = spec.iterations();
    }

    @Override
    void iterate(Vu vu, long endNanos) {
        for (long i = 0; i < iterations && scenario.mayStartIteration(endNanos); i++) {
            vu.runIteration(0, scenario.iterationCounter.getAndIncrement());
        }
    }
}
