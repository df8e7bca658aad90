package io.headroom.cli;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.InvalidExecutorException;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.script.plan.Durations;
import io.headroom.script.plan.Plan;
import io.headroom.script.plan.PlanScenario;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code -u/--vus}, {@code -d/--duration}, {@code -i/--iterations}: k6's execution shortcuts. Like k6
 * ({@code lib/executor/execution_config_shortcuts.go} {@code DeriveScenariosFromShortcuts}, and
 * {@code lib/options.go} {@code Apply}, where a shortcut on a higher level clears the lower level's
 * scenarios), they replace the plan's scenarios with one named {@code default}:
 * <ul>
 *   <li>{@code -i N} (with {@code -u V}, default 1): shared-iterations, V VUs, N iterations; a {@code -d}
 *       beside it becomes that executor's maxDuration;</li>
 *   <li>{@code -d D} (with {@code -u V}, default 1): constant-vus, V VUs for D (D must be above 0);</li>
 *   <li>{@code -u V} alone: shared-iterations, V VUs, V iterations.</li>
 * </ul>
 * The replaced scenario's flow (or Java class) is kept; its executor, start time, graceful stop and tags are
 * not, as in k6 where only the default function stays. A plan with several scenarios is refused: k6 would
 * run its default function, which a Headroom plan does not have, and picking one flow silently would test
 * something else than the user asked. Immutable.
 *
 * @param vus {@code -u}, null when not given
 * @param duration {@code -d}, null when not given
 * @param iterations {@code -i}, null when not given
 */
record ExecutionShortcut(Integer vus, Duration duration, Long iterations) {
    /** k6's name for the scenario its shortcuts make ({@code lib.DefaultScenarioName}). */
    static final String DEFAULT_SCENARIO = "default";

    boolean given() {
        return vus != null || duration != null || iterations != null;
    }

    /**
     * The executor the flags ask for; empty when none was given.
     *
     * @throws UsageException with k6's reason when the combination is invalid
     */
    Optional<ExecutorSpec> executor() {
        if (!given()) return Optional.empty();
        int n = vus == null ? 1 : vus;
        if (n < 1) throw new UsageException("--vus must be at least 1, got " + n);
        try {
            if (iterations != null) {
                if (iterations < 1) throw new UsageException("--iterations must be at least 1, got " + iterations);
                if (n > iterations) {
                    throw new UsageException("--vus " + n + " is more than --iterations " + iterations
                            + ": shared-iterations needs at least one iteration per VU (as in k6)");
                }
                return Optional.of(new ExecutorSpec.SharedIterations(n, iterations,
                        duration == null ? ExecutorSpec.DEFAULT_MAX_DURATION : positive(duration)));
            }
            if (duration != null) return Optional.of(new ExecutorSpec.ConstantVus(n, positive(duration)));
            return Optional.of(new ExecutorSpec.SharedIterations(n, n, ExecutorSpec.DEFAULT_MAX_DURATION));
        } catch (InvalidExecutorException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Duration positive(Duration d) {
        if (d.isZero() || d.isNegative()) {
            // k6's words (execution_config_shortcuts.go); Headroom has no externally-controlled executor.
            throw new UsageException("--duration should be more than 0, got " + Durations.format(d));
        }
        return d;
    }

    /**
     * {@code plan} with its scenarios replaced by the flags' one, warning on {@code err} that they were
     * (k6: "cli" level configuration overrode scenarios configuration entirely). Unchanged when no flag was
     * given.
     *
     * @throws UsageException when the plan has several scenarios, or the flags are invalid
     */
    Plan override(Plan plan, PrintWriter err) {
        Optional<ExecutorSpec> executor = executor();
        if (executor.isEmpty()) return plan;
        List<PlanScenario> scenarios = plan.scenarios();
        String where = plan.source().isEmpty() ? plan.name() : plan.source();
        if (scenarios.size() > 1) {
            throw new UsageException(where + ": " + flags() + " replace the plan's scenarios with one, but the plan has "
                    + scenarios.size() + " (" + String.join(", ", scenarios.stream().map(PlanScenario::name).toList())
                    + ") and Headroom will not pick one's flow for you; keep one scenario in the plan, or drop "
                    + flags());
        }
        PlanScenario only = scenarios.get(0);
        ExecutorSpec spec = executor.get();
        err.println("headroom: warning: " + flags() + " overrode the scenarios of " + where + " entirely: running \""
                + DEFAULT_SCENARIO + "\" as " + describe(spec) + " with the flow of scenario \"" + only.name() + "\"");
        err.flush();
        ScenarioSpec replaced = new ScenarioSpec(DEFAULT_SCENARIO, spec, null, null, null);
        return plan.withScenarios(List.of(new PlanScenario(replaced, only.scenarios())));
    }

    /** The flags given, as the user typed their long names. */
    String flags() {
        StringBuilder s = new StringBuilder();
        if (vus != null) s.append("--vus");
        if (duration != null) s.append(s.isEmpty() ? "" : "/").append("--duration");
        if (iterations != null) s.append(s.isEmpty() ? "" : "/").append("--iterations");
        return s.toString();
    }

    static String describe(ExecutorSpec spec) {
        return switch (spec) {
            case ExecutorSpec.ConstantVus c -> String.format(Locale.ROOT, "constant-vus, %d VUs for %s", c.vus(),
                    Durations.format(c.duration()));
            case ExecutorSpec.SharedIterations s -> String.format(Locale.ROOT, "shared-iterations, %d VUs, %d iterations",
                    s.vus(), s.iterations());
            default -> spec.type();
        };
    }
}
