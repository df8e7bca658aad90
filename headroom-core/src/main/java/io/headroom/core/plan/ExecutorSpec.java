package io.headroom.core.plan;

import java.time.Duration;
import java.util.List;

/**
 * How a scenario schedules its iterations: the six executors of k6, with k6's option names and
 * semantics. Closed-model executors ({@code constant-vus}, {@code ramping-vus}, {@code per-vu-iterations},
 * {@code shared-iterations}) start the next iteration when a VU finishes the last one; open-model
 * executors ({@code constant-arrival-rate}, {@code ramping-arrival-rate}) start iterations at intended
 * times computed in advance, whether or not the target keeps up.
 */
public sealed interface ExecutorSpec {

    /** The executor's name as written in a plan, e.g. {@code constant-vus}. */
    String type();

    /** True for the arrival-rate executors, whose latency is measured from the intended start time. */
    default boolean openModel() {
        return this instanceof ConstantArrivalRate || this instanceof RampingArrivalRate;
    }

    /** {@code vus} VUs loop over iterations for {@code duration}. */
    record ConstantVus(int vus, Duration duration) implements ExecutorSpec {
        public String type() { return "constant-vus"; }
    }

    /** VUs move from {@code startVUs} through linear {@code stages}; VUs removed get {@code gracefulRampDown}. */
    record RampingVus(int startVUs, List<Stage> stages, Duration gracefulRampDown) implements ExecutorSpec {
        public RampingVus { stages = List.copyOf(stages); }
        public String type() { return "ramping-vus"; }
    }

    /** {@code rate} iterations per {@code timeUnit} for {@code duration}, from a pool of VUs. */
    record ConstantArrivalRate(long rate, Duration timeUnit, Duration duration, int preAllocatedVUs, int maxVUs)
            implements ExecutorSpec {
        public String type() { return "constant-arrival-rate"; }
    }

    /** The rate moves from {@code startRate} through linear {@code stages} (targets per {@code timeUnit}). */
    record RampingArrivalRate(long startRate, Duration timeUnit, List<Stage> stages, int preAllocatedVUs, int maxVUs)
            implements ExecutorSpec {
        public RampingArrivalRate { stages = List.copyOf(stages); }
        public String type() { return "ramping-arrival-rate"; }
    }

    /** Each of {@code vus} VUs runs exactly {@code iterations} iterations, within {@code maxDuration}. */
    record PerVuIterations(int vus, long iterations, Duration maxDuration) implements ExecutorSpec {
        public String type() { return "per-vu-iterations"; }
    }

    /** {@code iterations} iterations shared among {@code vus} VUs, within {@code maxDuration}. */
    record SharedIterations(int vus, long iterations, Duration maxDuration) implements ExecutorSpec {
        public String type() { return "shared-iterations"; }
    }
}
