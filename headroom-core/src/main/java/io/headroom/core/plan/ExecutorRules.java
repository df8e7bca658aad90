package io.headroom.core.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static io.headroom.core.plan.ExecutorSpec.DEFAULT_MAX_DURATION;
import static io.headroom.core.plan.ExecutorSpec.DEFAULT_TIME_UNIT;

/** The rules the {@link ExecutorSpec} records share; each throws {@link InvalidExecutorException}. Stateless. */
final class ExecutorRules {
    private ExecutorRules() {}

    static void atLeastOne(String executor, String option, long value) {
        if (value < 1) throw new InvalidExecutorException(executor, option, "expected a positive integer, found " + value);
    }

    /** A VU count: at least one, at most {@link ExecutorSpec#MAX_VUS}. */
    static void vus(String executor, String option, long value) {
        atLeastOne(executor, option, value);
        atMostMaxVus(executor, option, value);
    }

    static void atMostMaxVus(String executor, String option, long value) {
        if (value > ExecutorSpec.MAX_VUS) {
            throw new InvalidExecutorException(executor, option, "expected at most " + ExecutorSpec.MAX_VUS
                    + " VUs per scenario, found " + value + " (a generator's memory holds far fewer; run more VUs from"
                    + " several generators with execution segments)");
        }
    }

    static void notNegative(String executor, String option, long value) {
        if (value < 0) throw new InvalidExecutorException(executor, option, "expected a non-negative integer, found " + value);
    }

    static void positive(String executor, String option, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidExecutorException(executor, option, "expected a positive duration, found " + value);
        }
    }

    static Duration timeUnit(String executor, Duration value) {
        Duration unit = value == null ? DEFAULT_TIME_UNIT : value;
        positive(executor, "timeUnit", unit);
        return unit;
    }

    static Duration maxDuration(String executor, Duration value) {
        Duration max = value == null ? DEFAULT_MAX_DURATION : value;
        positive(executor, "maxDuration", max);
        return max;
    }

    static List<Stage> stages(String executor, List<Stage> stages) {
        Objects.requireNonNull(stages, "stages");
        if (stages.isEmpty()) throw new InvalidExecutorException(executor, "stages", "expected at least one stage, found an empty list");
        return List.copyOf(stages);
    }

    /**
     * The pool's maxVUs: 0 means "as many as preAllocatedVUs", as in k6. {@code preAllocatedVUs: 0} is valid, as in k6
     * (lib/executor/constant_arrival_rate.go Validate: "can't be negative"): every VU is then started on demand.
     * A pool of 0 VUs in all is rejected: k6 accepts it but runs nothing (HasWork is false, the scenario is skipped
     * silently), which in a plan is always a mistake.
     */
    static int pool(String executor, int preAllocatedVUs, int maxVUs) {
        notNegative(executor, "preAllocatedVUs", preAllocatedVUs);
        notNegative(executor, "maxVUs", maxVUs);
        atMostMaxVus(executor, "preAllocatedVUs", preAllocatedVUs);
        atMostMaxVus(executor, "maxVUs", maxVUs);
        int max = maxVUs == 0 ? preAllocatedVUs : maxVUs;
        if (max < preAllocatedVUs) {
            throw new InvalidExecutorException(executor, "maxVUs", "expected at least preAllocatedVUs (" + preAllocatedVUs + "), found " + maxVUs);
        }
        if (max == 0) {
            throw new InvalidExecutorException(executor, "maxVUs",
                    "expected above 0 when preAllocatedVUs is 0 (the VUs are then started on demand, up to maxVUs), found 0");
        }
        return max;
    }
}
