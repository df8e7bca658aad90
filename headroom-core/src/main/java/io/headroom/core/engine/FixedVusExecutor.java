package io.headroom.core.engine;

/**
 * The executors whose VUs all start with the scenario and stay until it ends (constant-vus, per-vu-iterations,
 * shared-iterations): they differ only in how many iterations each VU takes before the planned end.
 */
abstract sealed class FixedVusExecutor extends ScenarioExecutor
        permits ConstantVusExecutor, PerVuIterationsExecutor, SharedIterationsExecutor {
    private final int vus;
    private final long plannedNanos;
    private final long idOffset;

    /**
     * @param vusInSegment the VUs of this generator's segment
     * @param plannedNanos the duration or maxDuration
     * @param planVus the plan's VU count before segmenting, for unique VU ids across generators
     */
    FixedVusExecutor(ScenarioRuntime scenario, int vusInSegment, long plannedNanos, long planVus) {
        super(scenario);
        this.vus = vusInSegment;
        this.plannedNanos = plannedNanos;
        this.idOffset = scenario.segment.startOffset(planVus);
    }

    @Override
    final int initialVus() {
        return vus;
    }

    @Override
    final int maxVus() {
        return vus;
    }

    @Override
    final long plannedNanos() {
        return plannedNanos;
    }

    @Override
    final long vuIdOffset() {
        return idOffset;
    }

    @Override
    final void drive() {
        scenario.waitUntilOrAllVusGone(scenario.startNanos + plannedNanos);
    }

    @Override
    final void runVu(Vu vu) {
        if (!scenario.awaitStart(vu)) return;
        vu.active = true;
        iterate(vu, scenario.startNanos + plannedNanos);
    }

    /** VU thread: runs this VU's iterations while {@code scenario.mayStartIteration(endNanos)}. */
    abstract void iterate(Vu vu, long endNanos);
}
