package io.headroom.analysis.compare;

import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Whether two runs can be compared at all, judged before any statistic: each run's generator verdict
 * ({@code generatorHealth.invalidRun}: its reasons, empty for a valid or unmeasured run), whether both ran
 * the same plan (plan name and scenario set: names and executors), and which recorded parts of their
 * environment differ (the {@link #ENVIRONMENT_KEYS} of the run metadata, compared only when both runs
 * recorded them, so summaries written before they existed stay comparable). Immutable.
 *
 * @param planDifference one sentence saying how the plans differ; empty (never null) when they are the same
 */
public record Comparability(List<String> invalidBefore, List<String> invalidAfter, String planDifference,
                            List<String> environmentDifferences) {
    /**
     * Metadata keys that identify a run's environment, in the order differences are listed; written by
     * {@code headroom run} (see docs/summary-format.md). User tags ({@code tag.*}) are compared too.
     */
    public static final List<String> ENVIRONMENT_KEYS = List.of("plan.hash", "baseUrl", "headroom.version", "git.commit",
            "host.name", "host.cpu", "host.cpus", "jvm");

    public Comparability {
        invalidBefore = List.copyOf(invalidBefore);
        invalidAfter = List.copyOf(invalidAfter);
        planDifference = planDifference == null ? "" : planDifference;
        environmentDifferences = List.copyOf(environmentDifferences);
    }

    /** Two runs with nothing to say against comparing them. */
    public static final Comparability COMPARABLE = new Comparability(List.of(), List.of(), "", List.of());

    /** Judges {@code before} and {@code after}. */
    public static Comparability of(RunResult before, RunResult after) {
        return new Comparability(before.generatorHealth().reasons(), after.generatorHealth().reasons(),
                planDifference(before.info(), after.info()), environmentDifferences(before.info().metadata(), after.info().metadata()));
    }

    /** True when either run was invalid: the generator, not the target, set its numbers. */
    public boolean invalidRun() {
        return !invalidBefore.isEmpty() || !invalidAfter.isEmpty();
    }

    public boolean differentPlans() {
        return !planDifference.isEmpty();
    }

    /**
     * Every warning a reader must see before the numbers, loudest first: invalid runs (naming the run as
     * {@code beforeName}/{@code afterName}), a plan difference, then environment differences.
     */
    public List<String> warnings(String beforeName, String afterName) {
        List<String> warnings = new ArrayList<>();
        if (!invalidBefore.isEmpty()) warnings.add(invalid(beforeName, invalidBefore));
        if (!invalidAfter.isEmpty()) warnings.add(invalid(afterName, invalidAfter));
        if (differentPlans()) warnings.add("different plans: " + planDifference);
        for (String d : environmentDifferences) warnings.add("different environment: " + d);
        return warnings;
    }

    private static String invalid(String name, List<String> reasons) {
        return name + " is an INVALID RUN (the generator was the bottleneck, its numbers describe the generator, not the"
                + " target): " + String.join("; ", reasons);
    }

    static String planDifference(RunInfo before, RunInfo after) {
        String scenariosBefore = scenarios(before), scenariosAfter = scenarios(after);
        boolean sameName = Objects.equals(before.name(), after.name());
        if (sameName && scenariosBefore.equals(scenariosAfter)) return "";
        return "before ran plan \"" + before.name() + "\" (" + scenariosBefore + "), after ran plan \"" + after.name()
                + "\" (" + scenariosAfter + ")";
    }

    private static String scenarios(RunInfo info) {
        // The scenario set, not its order: a plan whose scenarios were reordered is the same test.
        return info.scenarios().stream().map(s -> s.name() + ": " + s.executor()).sorted().collect(Collectors.joining(", "));
    }

    static List<String> environmentDifferences(Map<String, String> before, Map<String, String> after) {
        List<String> keys = new ArrayList<>(ENVIRONMENT_KEYS);
        before.keySet().stream().filter(k -> k.startsWith("tag.")).sorted().forEach(keys::add);
        after.keySet().stream().filter(k -> k.startsWith("tag.") && !before.containsKey(k)).sorted().forEach(keys::add);
        List<String> differences = new ArrayList<>();
        for (String key : keys) {
            String b = before.get(key), a = after.get(key);
            // Tags are the user's statement of identity: one run having a tag the other lacks is a difference.
            boolean tag = key.startsWith("tag.");
            if ((b == null || a == null) && !tag) continue;
            if (Objects.equals(b, a)) continue;
            differences.add(key + " " + (b == null ? "(none)" : b) + " → " + (a == null ? "(none)" : a));
        }
        return differences;
    }
}
