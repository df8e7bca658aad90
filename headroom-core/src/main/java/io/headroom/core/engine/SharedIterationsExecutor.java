package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * shared-iterations: a total of iterations taken by whichever VU is free, within maxDuration; the ones not
 * started by then count as dropped_iterations.
 */
final class SharedIterationsExecutor extends FixedVusExecutor {
    private final long iterations;
    private final long iterationOffset;
    private final AtomicLong taken = new AtomicLong();

    SharedIterationsExecutor(ScenarioRuntime scenario, ExecutorSpec.SharedIterations spec) {
        // more VUs than iterations would only idle
        super(scenario, (int) Math.min(scaledVus(scenario, spec.vus()), scenario.segment.scale(spec.iterations())),
                spec.maxDuration().toNanos(), spec.vus());
        this.iterations = scenario.segment.scale(spec.iterations());
        this.iterationOffset = scenario.segment.startOffset(spec.iterations());
    }

    @Override
    void iterate(Vu vu, long endNanos) {
        while (scenario.mayStartIteration(endNanos)) {
            long k = taken.getAndIncrement();
            if (k >= iterations) break;
            vu.runIteration(0, iterationOffset + k);
        }
    }

    /**
     * The iterations no VU took before maxDuration are dropped (k6 lib/executor/shared_iterations.go: totalIters
     * minus attemptedIters): completed + failed + interrupted + dropped = the planned total.
     */
    @Override
    void afterVusGone() {
        scenario.countDroppedAtEnd(iterations - Math.min(taken.get(), iterations));
    }
}
