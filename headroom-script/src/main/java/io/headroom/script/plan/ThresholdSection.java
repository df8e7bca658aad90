package io.headroom.script.plan;

import io.headroom.core.metric.MetricDefinition;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.threshold.ThresholdExpr;
import io.headroom.core.threshold.ThresholdParser;
import io.headroom.core.threshold.ThresholdSelector;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.threshold.ThresholdSyntaxException;
import io.headroom.script.plan.YamlTree.Kind;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The plan's {@code thresholds}: each selector and expression parsed by core's {@link ThresholdParser}, a parse
 * error's offset mapped to its line and column, and the expression checked against the metric's kind (built-in,
 * or recorded by a metric step: read the flows first).
 */
final class ThresholdSection {
    /** The keys of a threshold written as a mapping. */
    static final KeyTable<Void> OPTION_KEYS = KeyTable.of("threshold", "abortOnFail", "delayAbortEval");
    private static final Pattern SELECTOR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\{(.*)})?");

    private final PlanContext ctx;
    private final NodeReader r;

    ThresholdSection(PlanContext ctx) {
        this.ctx = ctx;
        this.r = ctx.r;
    }

    List<ThresholdSpec> read(YNode node) {
        Optional<YMap> map = r.map(node, "thresholds", "a mapping of metric selectors to lists of expressions");
        if (map.isEmpty()) return List.of();
        List<ThresholdSpec> out = new ArrayList<>();
        for (YEntry e : map.get().entries()) {
            String path = "thresholds." + e.key();
            Optional<ThresholdSelector> selector = selector(e, path);
            List<YNode> items = r.listOrOne(e.value());
            if (items.isEmpty()) r.error(e.value(), path, "expected at least one threshold expression, found an empty list");
            for (int i = 0; i < items.size(); i++) {
                threshold(e, selector, items.get(i), items.size() == 1 && !(e.value() instanceof YList) ? path : path + "[" + i + "]")
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    /** Validates {@code metric{tag:value,...}}; returns it parsed, or empty when invalid (reported). */
    private Optional<ThresholdSelector> selector(YEntry e, String path) {
        var m = SELECTOR.matcher(e.key().strip());
        if (!m.matches()) {
            r.error(e.keyMark(), path, "expected a metric name, optionally with tags like http_req_duration{name:login}, found \"" + e.key() + "\"");
            return Optional.empty();
        }
        if (m.group(2) != null) {
            for (String pair : m.group(2).split(",")) {
                int colon = pair.indexOf(':');
                if (colon <= 0 || pair.substring(0, colon).isBlank()) {
                    r.error(e.keyMark(), path, "expected tags as key:value pairs separated by commas, found \"" + pair.strip() + "\"");
                    return Optional.empty();
                }
            }
        }
        // The engine's parser has the last word (quoted values, stray characters).
        ThresholdSelector selector;
        try {
            selector = ThresholdParser.parseSelector(e.key().strip());
        } catch (ThresholdSyntaxException ex) {
            r.error(e.keyMark(), path, "invalid selector \"" + e.key() + "\": " + ex.reason());
            return Optional.empty();
        }
        if (metricKind(selector.metric()).isEmpty()) {
            List<String> known = new ArrayList<>();
            for (MetricDefinition d : MetricDefinition.builtins()) known.add(d.name());
            known.addAll(ctx.customMetrics.keySet());
            r.error(e.keyMark(), path, "unknown metric '" + selector.metric() + "'"
                    + Suggestions.closest(selector.metric(), known).map(Suggestions::didYouMean)
                            .orElse("; expected a built-in metric or one a metric step records"));
            return Optional.empty();
        }
        return Optional.of(selector);
    }

    /** The kind of a built-in metric or of one a metric step records; empty for any other name. */
    private Optional<MetricKind> metricKind(String metric) {
        return MetricDefinition.builtin(metric).map(MetricDefinition::kind).or(() -> Optional.ofNullable(ctx.customMetrics.get(metric)));
    }

    /** One expression on {@code selector} (read even when the selector is invalid, to report its problems too). */
    private Optional<ThresholdSpec> threshold(YEntry entry, Optional<ThresholdSelector> selector, YNode node, String path) {
        boolean abortOnFail = false;
        Duration delay = Duration.ZERO;
        YNode exprNode = node;
        if (node instanceof YMap m) {
            OPTION_KEYS.reportUnknown(r, m, path);
            exprNode = m.get("threshold");
            if (exprNode == null) {
                r.error(m, path, "missing 'threshold': the expression, such as \"p(95)<500\"");
                return Optional.empty();
            }
            if (m.has("abortOnFail")) {
                abortOnFail = r.bool(m.get("abortOnFail"), path + ".abortOnFail").orElse(false);
            }
            if (m.has("delayAbortEval")) {
                delay = r.duration(m.get("delayAbortEval"), path + ".delayAbortEval").orElse(Duration.ZERO);
            }
        }
        if (!(exprNode instanceof YScalar s) || s.kind() == Kind.NULL) {
            r.error(exprNode, path, "expected a threshold expression such as \"p(95)<500\" or {threshold, abortOnFail}, found " + NodeReader.found(exprNode));
            return Optional.empty();
        }
        String expression = s.value();
        ThresholdExpr expr;
        try {
            expr = ThresholdParser.parseExpression(expression);
        } catch (ThresholdSyntaxException ex) {
            r.error(s.markAt(ex.offset()), path, "invalid threshold \"" + expression + "\": " + ex.reason()
                    + " (expected AGGREGATION OPERATOR NUMBER, such as \"p(95)<500\", \"avg<200\", \"rate<0.01\" or \"count>0\")");
            return Optional.empty();
        }
        if (selector.isEmpty()) return Optional.empty();
        MetricKind kind = metricKind(selector.get().metric()).orElseThrow();
        if (!expr.appliesTo(kind)) {
            r.error(exprNode, path, "\"" + expression + "\" does not apply to a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " metric; use " + ThresholdParser.aggregationsFor(kind));
            return Optional.empty();
        }
        return Optional.of(new ThresholdSpec(selector.get(), expr, entry.key().strip(), expression.strip(), abortOnFail, delay));
    }
}
