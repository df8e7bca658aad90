package io.headroom.core.plan;

import java.time.Duration;
import java.util.List;

/**
 * How a scenario schedules its iterations: the six executors of k6, with k6's option names, defaults and
 * semantics. Closed-model executors ({@code constant-vus}, {@code ramping-vus}, {@code per-vu-iterations},
 * {@code shared-iterations}) start the next iteration when a VU finishes the last one; open-model
 * executors ({@code constant-arrival-rate}, {@code ramping-arrival-rate}) start iterations at intended
 * times computed in advance, whether or not the target keeps up.
 *
 * <p>This is the one place the executors' rules and k6's defaults live: each record's constructor fills a
 * null option with its default and throws an {@link InvalidExecutorException} naming the option that breaks
 * a rule, so an invalid spec never exists. Counts are unscaled (the whole run, before any execution segment).
 */
public sealed interface ExecutorSpec {
    /** k6's default {@code timeUnit} of the arrival-rate executors. */
    Duration DEFAULT_TIME_UNIT = Duration.ofSeconds(1);
    /** k6's default {@code gracefulRampDown} of ramping-vus. */
    Duration DEFAULT_GRACEFUL_RAMP_DOWN = Duration.ofSeconds(30);
    /** k6's default {@code maxDuration} of the iteration-count executors. */
    Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(10);
    /** k6's default {@code vus} and {@code iterations} of the iteration-count executors, and {@code startVUs}. */
    int DEFAULT_VUS = 1;
    /**
     * The most VUs one scenario may ask for ({@code vus}, {@code startVUs}, a ramping-vus stage target,
     * {@code preAllocatedVUs}, {@code maxVUs}): far above what one generator's memory holds (about 32 KiB each), so
     * it only stops a typo such as {@code vus: 2000000000} before anything is allocated. Run more from several
     * generators (execution segments).
     */
    int MAX_VUS = 1_000_000;

    /** The executor's name as written in a plan, e.g. {@code constant-vus}. */
    String type();

    /**
     * The rule on an arrival-rate executor's VU pool, for a reader that checks it as soon as both options are
     * read: returns the effective maxVUs (0 means "as many as preallocated", as in k6).
     *
     * @throws InvalidExecutorException when maxVUs is below preAllocatedVUs, or either is negative, or both 0
     */
    static int poolMaxVUs(String executor, int preAllocatedVUs, int maxVUs) {
        return ExecutorRules.pool(executor, preAllocatedVUs, maxVUs);
    }

    /**
     * The rule that shared-iterations gives every VU at least one iteration.
     *
     * @throws InvalidExecutorException when {@code iterations < vus}
     */
    static void checkSharedIterations(int vus, long iterations) {
        if (iterations < vus) {
            throw new InvalidExecutorException("shared-iterations", "iterations", "shared-iterations needs at least as many "
                    + "iterations as VUs, found " + iterations + " iterations for " + vus + " VUs");
        }
    }

    /** True for the arrival-rate executors, whose latency is measured from the intended start time. */
    default boolean openModel() {
        return this instanceof ConstantArrivalRate || this instanceof RampingArrivalRate;
    }

    /** The most VUs this executor may run at once over the whole run. */
    long maxVus();

    /**
     * How long the executor runs by its own options, before the scenario's gracefulStop: its duration, its stages
     * (ramping-vus: plus gracefulRampDown), or the iteration executors' maxDuration (the most they can take).
     */
    default Duration plannedDuration() {
        return switch (this) {
            case ConstantVus c -> c.duration();
            case RampingVus r -> Stage.totalDuration(r.stages()).plus(r.gracefulRampDown());
            case ConstantArrivalRate c -> c.duration();
            case RampingArrivalRate r -> Stage.totalDuration(r.stages());
            case PerVuIterations p -> p.maxDuration();
            case SharedIterations s -> s.maxDuration();
        };
    }

    /** {@code vus} VUs loop over iterations for {@code duration}. */
    record ConstantVus(int vus, Duration duration) implements ExecutorSpec {
        public ConstantVus {
            ExecutorRules.vus("constant-vus", "vus", vus);
            ExecutorRules.positive("constant-vus", "duration", duration);
        }

        public String type() { return "constant-vus"; }

        public long maxVus() { return vus; }
    }

    /**
     * VUs move from {@code startVUs} through linear {@code stages}; VUs removed get {@code gracefulRampDown}
     * (null: 30 s) to finish their iteration.
     */
    record RampingVus(int startVUs, List<Stage> stages, Duration gracefulRampDown) implements ExecutorSpec {
        public RampingVus {
            stages = ExecutorRules.stages("ramping-vus", stages);
            ExecutorRules.notNegative("ramping-vus", "startVUs", startVUs);
            ExecutorRules.atMostMaxVus("ramping-vus", "startVUs", startVUs);
            ExecutorRules.atMostMaxVus("ramping-vus", "stages", Stage.maxTarget(stages));
            gracefulRampDown = gracefulRampDown == null ? DEFAULT_GRACEFUL_RAMP_DOWN : gracefulRampDown;
            if (gracefulRampDown.isNegative()) {
                throw new InvalidExecutorException("ramping-vus", "gracefulRampDown", "expected a duration of 0 or more, found " + gracefulRampDown);
            }
            if (Math.max(startVUs, Stage.maxTarget(stages)) < 1) {
                // k6's own reason (lib/executor/ramping_vus.go Validate)
                throw new InvalidExecutorException("ramping-vus", "stages",
                        "either startVUs or one of the stages' target values must be greater than 0");
            }
            if (stages.stream().allMatch(s -> s.duration().isZero())) {
                throw new InvalidExecutorException("ramping-vus", "stages", "the stages must last longer than 0");
            }
        }

        public String type() { return "ramping-vus"; }

        public long maxVus() { return Math.max(startVUs, Stage.maxTarget(stages)); }
    }

    /**
     * {@code rate} iterations per {@code timeUnit} (null: 1 s) for {@code duration}, from a pool of
     * {@code preAllocatedVUs} that may grow to {@code maxVUs} (0: as many as preallocated, as in k6).
     */
    record ConstantArrivalRate(long rate, Duration timeUnit, Duration duration, int preAllocatedVUs, int maxVUs)
            implements ExecutorSpec {
        public ConstantArrivalRate {
            ExecutorRules.notNegative("constant-arrival-rate", "rate", rate);
            timeUnit = ExecutorRules.timeUnit("constant-arrival-rate", timeUnit);
            ExecutorRules.positive("constant-arrival-rate", "duration", duration);
            maxVUs = ExecutorRules.pool("constant-arrival-rate", preAllocatedVUs, maxVUs);
        }

        public String type() { return "constant-arrival-rate"; }

        public long maxVus() { return maxVUs; }
    }

    /** The rate moves from {@code startRate} through linear {@code stages} (targets per {@code timeUnit}). */
    record RampingArrivalRate(long startRate, Duration timeUnit, List<Stage> stages, int preAllocatedVUs, int maxVUs)
            implements ExecutorSpec {
        public RampingArrivalRate {
            ExecutorRules.notNegative("ramping-arrival-rate", "startRate", startRate);
            timeUnit = ExecutorRules.timeUnit("ramping-arrival-rate", timeUnit);
            stages = ExecutorRules.stages("ramping-arrival-rate", stages);
            maxVUs = ExecutorRules.pool("ramping-arrival-rate", preAllocatedVUs, maxVUs);
        }

        public String type() { return "ramping-arrival-rate"; }

        public long maxVus() { return maxVUs; }
    }

    /** Each of {@code vus} VUs runs exactly {@code iterations} iterations, within {@code maxDuration} (null: 10 min). */
    record PerVuIterations(int vus, long iterations, Duration maxDuration) implements ExecutorSpec {
        public PerVuIterations {
            ExecutorRules.vus("per-vu-iterations", "vus", vus);
            ExecutorRules.atLeastOne("per-vu-iterations", "iterations", iterations);
            maxDuration = ExecutorRules.maxDuration("per-vu-iterations", maxDuration);
        }

        public String type() { return "per-vu-iterations"; }

        public long maxVus() { return vus; }
    }

    /**
     * {@code iterations} iterations shared among {@code vus} VUs (at least one each), within
     * {@code maxDuration} (null: 10 min).
     */
    record SharedIterations(int vus, long iterations, Duration maxDuration) implements ExecutorSpec {
        public SharedIterations {
            ExecutorRules.vus("shared-iterations", "vus", vus);
            ExecutorRules.atLeastOne("shared-iterations", "iterations", iterations);
            maxDuration = ExecutorRules.maxDuration("shared-iterations", maxDuration);
            ExecutorSpec.checkSharedIterations(vus, iterations);
        }

        public String type() { return "shared-iterations"; }

        public long maxVus() { return vus; }
    }
}
