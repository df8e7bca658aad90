package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;

/** constant-vus: a fixed number of VUs loop over iterations for a duration. */
final class ConstantVusExecutor extends FixedVusExecutor {
    ConstantVusExecutor(ScenarioRuntime scenario, ExecutorSpec.ConstantVus spec) {
        super(scenario, scaledVus(scenario, spec.vus()), spec.duration().toNanos(), spec.vus());
    }

    @Override
    void iterate(Vu vu, long endNanos) {
        while (scenario.mayStartIteration(endNanos)) {
            vu.runIteration(0, scenario.iterationCounter.getAndIncrement());
        }
    }
}
