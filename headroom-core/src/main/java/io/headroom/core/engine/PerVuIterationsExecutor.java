package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;

/** per-vu-iterations: each VU runs exactly {@code iterations} iterations, within maxDuration. */
final class PerVuIterationsExecutor extends ScenarioExecutor {
    private final int vus;
    private final long iterations;
    private final long maxDurationNanos;
    private final long idOffset;

    PerVuIterationsExecutor(ScenarioRuntime scenario, ExecutorSpec.PerVuIterations spec) {
        super(scenario);
        if (spec.vus() < 1) throw invalid("vus must be at least 1, got " + spec.vus());
        if (spec.iterations() < 1) throw invalid("iterations must be at least 1, got " + spec.iterations());
        this.maxDurationNanos = requirePositive(spec.maxDuration() == null ? DEFAULT_MAX_DURATION : spec.maxDuration(), "maxDuration");
        this.vus = scaledInt(spec.vus());
        this.iterations = spec.iterations();
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
        for (long i = 0; i < iterations && scenario.mayStartIteration(end); i++) {
            vu.runIteration(0, scenario.iterationCounter.getAndIncrement());
        }
    }
}
