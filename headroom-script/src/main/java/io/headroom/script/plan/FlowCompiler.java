package io.headroom.script.plan;

import io.headroom.script.DataSource;
import io.headroom.script.plan.YamlTree.Mark;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles one scenario's {@code flow} into {@link FlowStep}s: each step is handed to the reader of its kind
 * ({@link StepKinds}); templates are compiled against the plan's data sources and the variables any step
 * extracts. Records the data sources the flow reads. One per flow; not thread-safe.
 */
final class FlowCompiler implements Template.Scope {
    final PlanContext ctx;
    final NodeReader r;
    private final String basePath;
    private final Set<String> sources;
    private final Set<String> variables = new LinkedHashSet<>();

    FlowCompiler(PlanContext ctx, String basePath, Set<String> sources) {
        this.ctx = ctx;
        this.r = ctx.r;
        this.basePath = basePath;
        this.sources = sources;
    }

    @Override
    public Collection<String> dataSourceNames() {
        return ctx.data.keySet();
    }

    @Override
    public List<String> columns(String source) {
        DataSource ds = ctx.data.get(source);
        return ds == null ? null : ds.columns();
    }

    @Override
    public Collection<String> variables() {
        return variables;
    }

    /** The compiled flow; empty when any step is invalid (reported). */
    Optional<FlowScenario> compile(String scenarioName, YEntry flowEntry) {
        collectVariables(flowEntry.value());
        int before = ctx.problems.size();
        Optional<List<FlowStep>> steps = steps(flowEntry.value(), basePath, flowEntry.keyMark());
        return ctx.problems.size() > before ? Optional.empty() : steps.map(s -> new FlowScenario(scenarioName, s));
    }

    /** First pass: every name any extract sets, so a step may use a variable a later step (or iteration) sets. */
    private void collectVariables(YNode node) {
        switch (node) {
            case YMap m -> {
                for (YEntry e : m.entries()) {
                    if (e.key().equals("extract") && e.value() instanceof YMap ex) {
                        for (YEntry v : ex.entries()) variables.add(v.key());
                    } else {
                        collectVariables(e.value());
                    }
                }
            }
            case YList l -> l.items().forEach(this::collectVariables);
            case YScalar s -> { }
        }
    }

    /** A list of steps (a flow, or a group's); empty when any is invalid (every one is read and reported). */
    Optional<List<FlowStep>> steps(YNode node, String path, Mark owner) {
        Optional<YList> read = r.list(node, path, "a list of steps (get, post, ..., request, group, think, metric)");
        if (read.isEmpty()) return Optional.empty();
        YList list = read.get();
        if (list.items().isEmpty()) {
            r.error(list.mark().line() > 0 ? list.mark() : owner, path, "expected at least one step, found an empty list");
            return Optional.empty();
        }
        List<FlowStep> steps = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            Optional<FlowStep> s = step(list.items().get(i), path + "[" + i + "]");
            if (s.isEmpty()) ok = false;
            else steps.add(s.get());
        }
        return ok ? Optional.of(steps) : Optional.empty();
    }

    /** One step: exactly one step kind, read by its reader; empty when invalid (reported). */
    Optional<FlowStep> step(YNode node, String path) {
        Optional<YMap> read = r.map(node, path, "a step: a mapping with one of " + String.join(", ", StepKinds.NAMES));
        if (read.isEmpty()) return Optional.empty();
        YMap map = read.get();
        List<YEntry> kinds = map.entries().stream().filter(e -> StepKinds.NAMES.contains(e.key())).toList();
        if (kinds.isEmpty()) {
            // Most likely a typo in the step's kind: suggest against the kinds first.
            for (YEntry e : map.entries()) {
                if (!RequestStepReader.OPTIONS.knows(e.key()) && !e.key().equals("flow")) {
                    Optional<String> suggestion = Suggestions.closest(e.key(), StepKinds.NAMES);
                    if (suggestion.isPresent()) {
                        r.error(e.keyMark(), NodeReader.child(path, e.key()), "unknown step '" + e.key() + "'"
                                + Suggestions.didYouMean(suggestion.get()));
                        return Optional.empty();
                    }
                }
            }
            r.error(map, path, "expected a step: one of " + String.join(", ", StepKinds.NAMES));
            return Optional.empty();
        }
        if (kinds.size() > 1) {
            r.error(kinds.get(1).keyMark(), path, "a step does one thing, found both '" + kinds.get(0).key()
                    + "' and '" + kinds.get(1).key() + "'; split it into two steps");
            return Optional.empty();
        }
        YEntry kind = kinds.get(0);
        return StepKinds.reader(kind.key()).read(this, map, kind, path);
    }

    /** Text compiled as a template against this flow's data sources and variables; empty when invalid (reported). */
    Optional<Template> template(YNode node, String path, String what) {
        Optional<String> text = r.text(node, path, what);
        if (text.isEmpty()) return Optional.empty();
        try {
            Template t = Template.compile(text.get(), this);
            sources.addAll(t.dataSources());
            return Optional.of(t);
        } catch (IllegalArgumentException e) {
            r.error(node, path, e.getMessage());
            return Optional.empty();
        }
    }

    /** A compiled JSON path; empty when invalid (reported). */
    Optional<com.jayway.jsonpath.JsonPath> jsonPath(YNode node, String path) {
        Optional<String> read = r.nonEmptyText(node, path, "a JSON path such as $.token");
        if (read.isEmpty()) return Optional.empty();
        String text = read.get();
        try {
            return Optional.of(io.headroom.script.JsonPaths.compile(text));
        } catch (IllegalArgumentException e) {
            r.error(node, path, "expected a JSON path such as $.token or $.items[0].id, found \"" + text + "\"");
            return Optional.empty();
        }
    }

    /** A compiled regular expression; empty when invalid (reported). */
    Optional<Pattern> regex(YNode node, String path) {
        Optional<String> read = r.text(node, path, "a regular expression");
        if (read.isEmpty()) return Optional.empty();
        String text = read.get();
        try {
            return Optional.of(Pattern.compile(text));
        } catch (PatternSyntaxException e) {
            r.error(node, path, "invalid regular expression \"" + text + "\": " + e.getDescription());
            return Optional.empty();
        }
    }
}
