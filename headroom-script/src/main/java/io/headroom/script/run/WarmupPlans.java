package io.headroom.script.run;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.plan.Stage;
import io.headroom.script.plan.Plan;
import io.headroom.script.plan.PlanScenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The warm-up's own plans made from a user's plan: its arrival-rate scenarios, with their flows, names and tags,
 * under the warm-up's executors (shared iterations to connect every VU, then the scenario's peak rate). Stateless.
 */
final class WarmupPlans {
    private WarmupPlans() {}

    /** The peak arrival rate (per second), pre-allocated and maximum VUs of one scenario; null for closed models. */
    record Arrivals(double ratePerSecond, int preAllocatedVUs, int maxVUs) {
        static Arrivals of(ExecutorSpec executor) {
            return switch (executor) {
                case ExecutorSpec.ConstantArrivalRate c -> new Arrivals(Warmup.perSecond(c.rate(), c.timeUnit()), c.preAllocatedVUs(), c.maxVUs());
                case ExecutorSpec.RampingArrivalRate r -> new Arrivals(Warmup.perSecond(Math.max(r.startRate(),
                        r.stages().stream().mapToLong(Stage::target).max().orElse(0)), r.timeUnit()), r.preAllocatedVUs(), r.maxVUs());
                default -> null;
            };
        }
    }

    /** The plan's arrival-rate scenarios with a rate of at least one a second: the ones a warm-up is for. */
    static List<PlanScenario> arrivalScenarios(Plan plan) {
        List<PlanScenario> open = new ArrayList<>();
        for (PlanScenario s : plan.scenarios()) {
            Arrivals a = Arrivals.of(s.spec().executor());
            if (a != null && a.ratePerSecond() >= 1) open.add(s);
        }
        return open;
    }

    /**
     * The plan's arrival-rate scenarios, each as shared iterations on its share of {@link Warmup#VUS} (at most its own
     * maxVUs, so that a data file with a row per VU suffices): every VU connects.
     */
    static Plan connectPlan(Plan plan) {
        List<PlanScenario> open = arrivalScenarios(plan);
        int n = open.size();
        List<PlanScenario> phase = new ArrayList<>();
        for (PlanScenario s : open) {
            int vus = Math.max(1, Math.min(Warmup.VUS / n, Arrivals.of(s.spec().executor()).maxVUs()));
            ExecutorSpec shared = new ExecutorSpec.SharedIterations(vus, Math.max(1, Warmup.DEFAULT_ITERATIONS / n), Warmup.TIME_LIMIT);
            phase.add(new PlanScenario(new ScenarioSpec(s.spec().name(), shared, Duration.ZERO, Warmup.GRACEFUL_STOP, s.spec().tags()),
                    s.scenarios()));
        }
        return plan.withoutThresholds().withScenarios(phase);
    }

    /**
     * The plan's arrival-rate scenarios at their peak rates (together at most {@link Warmup#MAX_RATE_PER_SECOND}) and their
     * own VUs (at most {@link Warmup#MAX_PRE_ALLOCATED_VUS} and {@link Warmup#MAX_VUS} in all), for {@code limit}.
     */
    static Plan ratePlan(Plan plan, Duration limit) {
        List<PlanScenario> open = arrivalScenarios(plan);
        int n = open.size();
        double total = open.stream().mapToDouble(s -> Arrivals.of(s.spec().executor()).ratePerSecond()).sum();
        double scale = Math.min(1, Warmup.MAX_RATE_PER_SECOND / total);
        List<PlanScenario> phase = new ArrayList<>();
        for (PlanScenario s : open) {
            Arrivals a = Arrivals.of(s.spec().executor());
            int pre = Math.max(1, Math.min(a.preAllocatedVUs(), Warmup.MAX_PRE_ALLOCATED_VUS / n));
            int max = Math.max(pre, Math.min(a.maxVUs(), Warmup.MAX_VUS / n));
            ExecutorSpec rate = new ExecutorSpec.ConstantArrivalRate(Math.max(1, Math.round(a.ratePerSecond() * scale)),
                    Duration.ofSeconds(1), limit, pre, max);
            phase.add(new PlanScenario(new ScenarioSpec(s.spec().name(), rate, Duration.ZERO, Warmup.GRACEFUL_STOP, s.spec().tags()),
                    s.scenarios()));
        }
        return plan.withoutThresholds().withScenarios(phase);
    }
}
