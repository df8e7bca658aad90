package io.headroom.script.plan;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** One entry of the plan's {@code scenarios}: its executor with that executor's options, timing, tags and flow. */
final class ScenarioSection {
    /** The keys every scenario may have, whatever its executor. */
    static final KeyTable<Void> COMMON_KEYS = KeyTable.of("executor", "startTime", "gracefulStop", "tags", "httpVersion",
            "flow");
    private static final Pattern SCENARIO_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    private final PlanContext ctx;
    private final NodeReader r;

    ScenarioSection(PlanContext ctx) {
        this.ctx = ctx;
        this.r = ctx.r;
    }

    /**
     * Reads one scenario; records the data sources its flow reads into {@code sources}. Empty when anything
     * in it is invalid (reported).
     */
    Optional<PlanScenario> read(YEntry entry, Map<String, String> planTags, Set<String> sources) {
        String name = entry.key();
        String path = "scenarios." + name;
        if (!SCENARIO_NAME.matcher(name).matches()) {
            r.error(entry.keyMark(), path, "a scenario name is letters, digits, '_' and '-', found \"" + name + "\"");
        }
        Optional<YMap> read = r.map(entry.value(), path, "a scenario: a mapping with executor, its options and a flow");
        if (read.isEmpty()) return Optional.empty();
        YMap map = read.get();
        int before = ctx.problems.size();

        Set<String> executors = ExecutorSection.OPTIONS.keySet();
        String executorName = null;
        YNode executorNode = map.get("executor");
        if (executorNode == null) {
            if (map.entries().stream().noneMatch(e -> Suggestions.closest(e.key(), List.of("executor")).isPresent()))
                r.error(entry.keyMark(), path, "missing 'executor': one of " + String.join(", ", executors));
        } else {
            String text = r.text(executorNode, path + ".executor", "an executor name").orElse(null);
            if (text != null && !executors.contains(text)) {
                r.error(executorNode, path + ".executor", "unknown executor \"" + text + "\""
                        + Suggestions.closest(text, executors).map(Suggestions::didYouMean)
                                .orElse("; expected one of " + String.join(", ", executors)));
            } else {
                executorName = text;
            }
        }
        Set<String> suggestedKeys = unknownKeys(map, path, executorName);

        Optional<ExecutorSpec> executor = executorName == null ? Optional.empty()
                : new ExecutorSection(ctx, suggestedKeys).read(executorName, map, entry, path);
        Duration startTime = map.has("startTime") ? r.duration(map.get("startTime"), path + ".startTime").orElse(null) : null;
        Duration gracefulStop = map.has("gracefulStop") ? r.duration(map.get("gracefulStop"), path + ".gracefulStop").orElse(null) : null;
        Map<String, String> tags = new LinkedHashMap<>(planTags);
        if (map.has("tags")) tags.putAll(CommonReads.tags(r, map.get("tags"), path + ".tags"));

        // The scenario's httpVersion is the default of each of its request steps (a step's own wins).
        ctx.scenarioHttpVersion = map.has("httpVersion")
                ? HttpSection.httpVersion(r, map.get("httpVersion"), path + ".httpVersion").orElse(null) : null;
        Optional<FlowScenario> flow = Optional.empty();
        YEntry flowEntry = map.entry("flow");
        try {
            if (flowEntry == null) {
                if (!suggestedKeys.contains("flow")) r.error(entry.keyMark(), path, "missing 'flow': the steps each iteration runs");
            } else {
                flow = new FlowCompiler(ctx, path + ".flow", sources).compile(name, flowEntry);
            }
        } finally {
            ctx.scenarioHttpVersion = null;
        }
        if (ctx.problems.size() > before || executor.isEmpty() || flow.isEmpty()) return Optional.empty();
        FlowScenario compiled = flow.get();
        return Optional.of(new PlanScenario(new ScenarioSpec(name, executor.get(), startTime, gracefulStop, tags), () -> compiled));
    }

    /**
     * Reports keys that are neither common nor the executor's; an option of another executor is named as such.
     * Returns the keys suggested for misspelt ones, which are then not reported missing too.
     */
    private Set<String> unknownKeys(YMap map, String path, String executorName) {
        KeyTable<Void> own = executorName == null ? ExecutorSection.ALL_OPTIONS : ExecutorSection.OPTIONS.get(executorName);
        Set<String> suggested = new HashSet<>();
        for (YEntry e : map.entries()) {
            if (COMMON_KEYS.knows(e.key()) || own.knows(e.key())) continue;
            if (ExecutorSection.ALL_OPTIONS.knows(e.key())) {
                r.error(e.keyMark(), path + "." + e.key(), "option '" + e.key() + "' does not apply to executor "
                        + executorName + " (its options are " + String.join(", ", own.keys()) + ")");
            } else {
                List<String> allowed = new ArrayList<>(COMMON_KEYS.keys());
                allowed.addAll(own.keys());
                r.unknownKey(e, path, allowed).ifPresent(suggested::add);
            }
        }
        return suggested;
    }
}
