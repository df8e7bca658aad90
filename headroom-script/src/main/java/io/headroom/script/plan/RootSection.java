package io.headroom.script.plan;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.script.DataSource;
import io.headroom.script.HttpDefaults;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The top of a plan: its keys, read in the order their relations need (data before the flows that read it,
 * the flows' custom metrics before the thresholds on them), then the cross-scenario rule on unique data.
 */
final class RootSection {
    /** The keys of a plan's top level. */
    static final KeyTable<Void> KEYS = KeyTable.of("name", "description", "baseUrl", "maxDuration", "http", "tags",
            "data", "thresholds", "scenarios", "redact");

    private final PlanContext ctx;
    private final NodeReader r;

    RootSection(PlanContext ctx) {
        this.ctx = ctx;
        this.r = ctx.r;
    }

    /**
     * @param rootNode the parsed document
     * @throws PlanException with every problem found
     */
    Plan read(YNode rootNode) {
        YMap root = r.map(rootNode, "", "a mapping with 'scenarios' (and optionally name, baseUrl, http, data, thresholds)")
                .orElseThrow(() -> new PlanException(ctx.problems.errors()));
        KEYS.reportUnknown(r, root, "");

        String name = (root.has("name") ? r.nonEmptyText(root.get("name"), "name", "a plan name").map(Template::unescape)
                : Optional.<String>empty()).orElseGet(this::defaultName);
        if (root.has("description")) r.text(root.get("description"), "description", "a description");
        String baseUrl = root.has("baseUrl") ? baseUrl(root.get("baseUrl")).orElse(null) : null;
        if (ctx.baseUrlOverride != null) baseUrl = ctx.baseUrlOverride;
        ctx.hasBaseUrl = baseUrl != null || root.has("baseUrl");
        Duration maxDuration = root.has("maxDuration") ? r.positiveDuration(root.get("maxDuration"), "maxDuration").orElse(null) : null;
        HttpDefaults http = root.has("http") ? HttpSection.read(r, root.get("http")) : HttpDefaults.DEFAULTS;
        ctx.http = http;
        Map<String, String> tags = root.has("tags") ? CommonReads.tags(r, root.get("tags"), "tags") : Map.of();
        DataSection data = new DataSection(ctx);
        if (root.has("data")) data.read(root.get("data"));
        Set<String> redact = root.has("redact") ? redact(root.get("redact")) : Set.of();

        List<PlanScenario> scenarios = new ArrayList<>();
        Map<String, Set<String>> sourcesByScenario = new LinkedHashMap<>();
        Map<String, Long> maxVusByScenario = new HashMap<>();
        YEntry scenariosEntry = root.entry("scenarios");
        if (scenariosEntry == null) {
            r.error(root.mark(), "scenarios", "missing 'scenarios': a plan needs at least one scenario with an executor and a flow");
        } else {
            Optional<YMap> read = r.map(scenariosEntry.value(), "scenarios", "a mapping of scenario names to scenarios");
            if (read.isPresent()) {
                YMap map = read.get();
                if (map.entries().isEmpty()) {
                    r.error(scenariosEntry.keyMark(), "scenarios", "expected at least one scenario, found none");
                }
                ScenarioSection section = new ScenarioSection(ctx);
                for (YEntry e : map.entries()) {
                    Set<String> sources = new LinkedHashSet<>();
                    section.read(e, tags, sources).ifPresent(s -> {
                        scenarios.add(s);
                        sourcesByScenario.put(s.name(), sources);
                        maxVusByScenario.put(s.name(), s.spec().executor().maxVus());
                    });
                }
            }
        }
        List<ThresholdSpec> thresholds = root.has("thresholds") ? new ThresholdSection(ctx).read(root.get("thresholds")) : List.of();
        data.checkUniqueSources(sourcesByScenario, maxVusByScenario);

        ctx.problems.throwIfAny();
        Map<String, DataSource> sources = new LinkedHashMap<>(ctx.data);
        return new Plan(name, ctx.fileName, baseUrl, maxDuration, http, sources, thresholds, scenarios, redact);
    }

    /** Header and query parameter names whose values never reach an output (case-insensitive). */
    private Set<String> redact(YNode node) {
        Optional<YList> read = r.list(node, "redact", "a list of header or query parameter names, like [X-Api-Key, token]");
        if (read.isEmpty()) return Set.of();
        YList list = read.get();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            r.nonEmptyText(list.items().get(i), "redact[" + i + "]", "a header or query parameter name")
                    .ifPresent(name -> names.add(name.strip()));
        }
        return names;
    }

    private String defaultName() {
        String base = Path.of(ctx.fileName.isEmpty() ? "plan" : ctx.fileName).getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private Optional<String> baseUrl(YNode node) {
        return r.nonEmptyText(node, "baseUrl", "an http:// or https:// URL").map(Template::unescape).filter(url -> {
            Optional<String> problem = RequestRules.baseUrlProblem(url);
            problem.ifPresent(p -> r.error(node, "baseUrl", p));
            return problem.isEmpty();
        });
    }
}
