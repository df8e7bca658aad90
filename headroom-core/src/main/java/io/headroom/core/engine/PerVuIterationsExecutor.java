package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;

/**
 * per-vu-iterations: each VU runs exactly {@code iterations} iterations, within maxDuration; the ones not started
 * by then count as dropped_iterations.
 */
final class PerVuIterationsExecutor extends FixedVusExecutor {
    private final long iterations;
    private final long plannedTotal;

    PerVuIterationsExecutor(ScenarioRuntime scenario, ExecutorSpec.PerVuIterations spec) {
        super(scenario, scaledVus(scenario, spec.vus()), spec.maxDuration().toNanos(), spec.vus());
        this.iterations = spec.iterations();
        this.plannedTotal = Math.multiplyExact((long) scaledVus(scenario, spec.vus()), iterations);
    }

    @Override
    void iterate(Vu vu, long endNanos) {
        for (long i = 0; i < iterations && scenario.mayStartIteration(endNanos); i++) {
            vu.runIteration(0, scenario.iterationCounter.getAndIncrement());
        }
    }

    /**
     * Each VU's iterations not started before maxDuration are dropped (k6 lib/executor/per_vu_iterations.go:
     * iterations − i per VU), and so are those of a VU whose behaviour could not be created: completed + failed
     * + interrupted + dropped = VUs × iterations.
     */
    @Override
    void afterVusGone() {
        scenario.countDroppedAtEnd(plannedTotal - Math.min(scenario.iterationCounter.get(), plannedTotal));
    }
}
