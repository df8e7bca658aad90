package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;

import java.time.Duration;

/**
 * How one scenario schedules its iterations (k6's executors). The controller thread calls {@link #drive()}
 * from the scenario's start to the executor's own end; each VU thread calls {@link #runVu} once its behaviour
 * exists and iterates until told to retire. Every count of the spec is scaled by the run's execution segment.
 */
abstract sealed class ScenarioExecutor
        permits FixedVusExecutor, RampingVusExecutor, ArrivalRateExecutor {
    /** k6's default maxDuration of the iteration-count executors. */
    static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(10);
    /** k6's default gracefulRampDown. */
    static final Duration DEFAULT_GRACEFUL_RAMP_DOWN = Duration.ofSeconds(30);

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

    IllegalArgumentException invalid(String problem) {
        return invalid(scenario, problem);
    }

    static IllegalArgumentException invalid(ScenarioRuntime scenario, String problem) {
        ScenarioSpec spec = scenario.spec;
        return new IllegalArgumentException("scenario \"" + spec.name() + "\" (" + spec.executor().type() + "): " + problem);
    }

    long requirePositive(Duration d, String option) {
        return durationNanos(scenario, d, option);
    }

    static long durationNanos(ScenarioRuntime scenario, Duration d, String option) {
        if (d == null || d.isNegative() || d.isZero()) throw invalid(scenario, option + " must be a positive duration, got " + d);
        return d.toNanos();
    }

    /** maxDuration of the iteration-count executors, k6's default when absent. */
    static long maxDurationNanos(ScenarioRuntime scenario, Duration maxDuration) {
        return durationNanos(scenario, maxDuration == null ? DEFAULT_MAX_DURATION : maxDuration, "maxDuration");
    }

    /** The VUs of this generator's segment, after checking the plan's count. */
    static int validVus(ScenarioRuntime scenario, int vus) {
        if (vus < 1) throw invalid(scenario, "vus must be at least 1, got " + vus);
        return Math.toIntExact(scenario.segment.scale(vus));
    }

    static long validIterations(ScenarioRuntime scenario, long iterations) {
        if (iterations < 1) throw invalid(scenario, "iterations must be at least 1, got " + iterations);
        return iterations;
    }

    int scaledInt(long value) {
        return Math.toIntExact(scenario.segment.scale(value));
    }
}
