package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;

/**
 * How one scenario schedules its iterations (k6's executors). The controller thread calls {@link #drive()}
 * from the scenario's start to the executor's own end; each VU thread calls {@link #runVu} once its behaviour
 * exists and iterates until told to retire. Every count of the spec is scaled by the run's execution segment.
 * The spec's own constructor has checked its options and filled in k6's defaults.
 */
abstract sealed class ScenarioExecutor
        permits FixedVusExecutor, RampingVusExecutor, ArrivalRateExecutor {
    final ScenarioRuntime scenario;

    ScenarioExecutor(ScenarioRuntime scenario) {
        this.scenario = scenario;
    }

    static ScenarioExecutor create(ScenarioRuntime scenario) {
        return switch (scenario.spec.executor()) {
            case ExecutorSpec.ConstantVus s -> new ConstantVusExecutor(scenario, s);
            case ExecutorSpec.RampingVus s -> new RampingVusExecutor(scenario, s);
            case ExecutorSpec.PerVuIterations s -> new PerVuIterationsExecutor(scenario, s);
            case ExecutorSpec.SharedIterations s -> new SharedIterationsExecutor(scenario, s);
            case ExecutorSpec.ConstantArrivalRate s -> new ArrivalRateExecutor(scenario, s);
            case ExecutorSpec.RampingArrivalRate s -> new ArrivalRateExecutor(scenario, s);
        };
    }

    /** VUs to create and initialise before the run starts. */
    abstract int initialVus();

    /** The most VUs this executor may use on this generator. */
    abstract int maxVus();

    /** The executor's planned length: its duration, the sum of its stages, or its maxDuration. */
    abstract long plannedNanos();

    /** Controller thread: runs the executor from the scenario's start; returns at its end or on a stop. */
    abstract void drive();

    /** VU thread: iterates until the VU should retire. */
    abstract void runVu(Vu vu);

    /** VUs of this scenario that belong to segments before this generator's, so VU ids stay unique across generators. */
    long vuIdOffset() {
        return 0;
    }

    /** Called (on the creating thread) for every new VU, before its thread starts. */
    void onVuCreated(Vu vu) {}

    /**
     * Controller thread, about every 50 ms while running iterations get their gracefulStop: interrupts the
     * iterations whose own, shorter deadline has passed (ramping-vus: gracefulRampDown).
     */
    void onWindDownPoll(long nowNanos) {}

    /**
     * Controller thread, after the wind-down (every VU has left or was abandoned) of an executor that ran to its
     * own end (not after a stop of the run):
     * counts what the executor planned but never started (shared- and per-vu-iterations: dropped_iterations).
     */
    void afterVusGone() {}

    /** The VUs of this generator's segment. */
    static int scaledVus(ScenarioRuntime scenario, int vus) {
        return Math.toIntExact(scenario.segment.scale(vus));
    }

    int scaledInt(long value) {
        return Math.toIntExact(scenario.segment.scale(value));
    }
}
