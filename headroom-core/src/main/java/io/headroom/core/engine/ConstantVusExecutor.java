package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;

/** constant-vus: a fixed number of VUs loop over iterations for a duration. */
final class ConstantVusExecutor extends ScenarioExecutor {
    private final int vus;
    private final long durationNanos;
    private final long idOffset;

    ConstantVusExecutor(ScenarioRuntime scenario, ExecutorSpec.ConstantVus spec) {
        super(scenario);
        if (spec.vus() < 1) throw invalid("vus must be at least 1, got " + spec.vus());
        this.durationNanos = requirePositive(spec.duration(), "duration");
        this.vus = scaledInt(spec.vus());
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
        return durationNanos;
    }

    @Override
    long vuIdOffset() {
        return idOffset;
    }

    @Override
    void drive() {
        scenario.waitUntilOrAllVusGone(scenario.startNanos + durationNanos);
    }

    @Override
    void runVu(Vu vu) {
        if (!scenario.awaitStart(vu)) return;
        vu.active = true;
        long end = scenario.startNanos + durationNanos;
        while (scenario.mayStartIteration(end)) {
            vu.runIteration(0, scenario.iterationCounter.getAndIncrement());
        }
    }
}
