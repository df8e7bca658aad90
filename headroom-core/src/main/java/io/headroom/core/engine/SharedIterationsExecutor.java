package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;

import java.util.concurrent.atomic.AtomicLong;

/** shared-iterations: a total of iterations taken by whichever VU is free, within maxDuration. */
final class SharedIterationsExecutor extends ScenarioExecutor {
    private final int vus;
    private final long iterations;
    private final long iterationOffset;
    private final long maxDurationNanos;
    private final long idOffset;
    private final AtomicLong taken = new AtomicLong();

    SharedIterationsExecutor(ScenarioRuntime scenario, ExecutorSpec.SharedIterations spec) {
        super(scenario);
        if (spec.vus() < 1) throw invalid("vus must be at least 1, got " + spec.vus());
        if (spec.iterations() < 1) throw invalid("iterations must be at least 1, got " + spec.iterations());
        this.maxDurationNanos = requirePositive(spec.maxDuration() == null ? DEFAULT_MAX_DURATION : spec.maxDuration(), "maxDuration");
        this.iterations = scenario.segment.scale(spec.iterations());
        this.iterationOffset = scenario.segment.startOffset(spec.iterations());
        // more VUs than iterations would only idle
        this.vus = (int) Math.min(scaledInt(spec.vus()), iterations);
        this.idOffset = scenario.segment.startOffset(spec.vus());
    }

    @Override
    int initialVus() {
        return vus;
    }

    @Override
    int maxVus() {
        return vus;
    }

    @Override
    long plannedNanos() {
        return maxDurationNanos;
    }

    @Override
    long vuIdOffset() {
        return idOffset;
    }

    @Override
    void drive() {
        scenario.waitUntilOrAllVusGone(scenario.startNanos + maxDurationNanos);
    }

    @Override
    void runVu(Vu vu) {
        if (!scenario.awaitStart(vu)) return;
        vu.active = true;
        long end = scenario.startNanos + maxDurationNanos;
        while (scenario.mayStartIteration(end)) {
            long k = taken.getAndIncrement();
            if (k >= iterations) break;
            vu.runIteration(0, iterationOffset + k);
        }
    }
}
