package io.headroom.script.plan;

import io.headroom.core.metric.MetricDefinition;
import io.headroom.core.metric.MetricKind;
import io.headroom.script.Vu;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code metric: {counter|rate|trend|gauge: NAME, add|value: ...}}: records into a custom metric, whose name
 * and kind the thresholds may then refer to. Stateless.
 */
final class MetricStepReader implements StepReader {
    /** The keys of a metric step's mapping. */
    static final KeyTable<Void> KEYS = KeyTable.of("counter", "rate", "trend", "gauge", "add", "value", "time");
    private static final KeyTable<Void> STEP_KEYS = KeyTable.of("metric");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Override
    public List<String> kinds() {
        return List.of("metric");
    }

    @Override
    public Optional<FlowStep> read(FlowCompiler flow, YMap map, YEntry kind, String path) {
        STEP_KEYS.reportUnknown(flow.r, map, path);
        return metric(flow, kind.value(), path + ".metric");
    }

    private static Optional<FlowStep> metric(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        Optional<YMap> read = r.map(node, path, "a mapping like {counter: orders_placed, add: 1} or {trend: name, value: 12}");
        if (read.isEmpty()) return Optional.empty();
        YMap map = read.get();
        List<String> kinds = List.of("counter", "rate", "trend", "gauge");
        List<YEntry> found = map.entries().stream().filter(e -> kinds.contains(e.key())).toList();
        KEYS.reportUnknown(r, map, path);
        if (found.size() != 1) {
            r.error(map, path, "expected exactly one of counter, rate, trend, gauge naming the metric, found "
                    + (found.isEmpty() ? "none" : found.stream().map(YEntry::key).toList()));
            return Optional.empty();
        }
        MetricKind kind = MetricKind.valueOf(found.get(0).key().toUpperCase(java.util.Locale.ROOT));
        Optional<String> nameRead = r.nonEmptyText(found.get(0).value(), path + "." + found.get(0).key(), "a metric name");
        if (nameRead.isEmpty()) return Optional.empty();
        String name = nameRead.get();
        if (!IDENTIFIER.matcher(name).matches()) {
            r.error(found.get(0).value(), path + "." + found.get(0).key(),
                    "a metric name is letters, digits and '_', not starting with a digit, found \"" + name + "\"");
            return Optional.empty();
        }
        if (MetricDefinition.builtin(name).isPresent()) {
            r.error(found.get(0).value(), path + "." + found.get(0).key(), "'" + name + "' is a built-in metric; choose another name");
            return Optional.empty();
        }
        MetricKind earlier = flow.ctx.customMetrics.putIfAbsent(name, kind);
        if (earlier != null && earlier != kind) {
            r.error(found.get(0).value(), path + "." + found.get(0).key(), "metric '" + name + "' is already a "
                    + earlier.name().toLowerCase(java.util.Locale.ROOT) + "; one name, one kind");
            return Optional.empty();
        }
        String valueKey = kind == MetricKind.COUNTER ? "add" : "value";
        String wrongKey = kind == MetricKind.COUNTER ? "value" : "add";
        if (map.has(wrongKey)) {
            r.error(map.entry(wrongKey).keyMark(), path + "." + wrongKey, "a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " takes '" + valueKey + "', not '" + wrongKey + "'");
            return Optional.empty();
        }
        boolean time = false;
        if (map.has("time")) {
            if (kind != MetricKind.TREND) {
                r.error(map.entry("time").keyMark(), path + ".time", "'time' applies to trends only");
                return Optional.empty();
            }
            Optional<Boolean> b = r.bool(map.get("time"), path + ".time");
            if (b.isEmpty()) return Optional.empty();
            time = b.get();
        }
        YNode valueNode = map.get(valueKey);
        Template value;
        if (valueNode == null) {
            if (kind == MetricKind.COUNTER) {
                value = Template.literal("1");
            } else {
                r.error(map, path, "missing 'value'");
                return Optional.empty();
            }
        } else {
            Optional<Template> compiled = flow.template(valueNode, path + "." + valueKey, "a number, true/false or a ${reference}");
            if (compiled.isEmpty()) return Optional.empty();
            value = compiled.get();
            if (value.isConstant() && !constantMetricValueOk(kind, value.constant())) {
                r.error(valueNode, path + "." + valueKey, "expected " + (kind == MetricKind.RATE ? "true or false" : "a number")
                        + ", found " + NodeReader.found(valueNode));
                return Optional.empty();
            }
        }
        return Optional.of(new Metric(kind, name, time, value));
    }

    private static boolean constantMetricValueOk(MetricKind kind, String text) {
        if (kind == MetricKind.RATE) {
            return List.of("true", "false", "0", "1").contains(text.strip().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * {@code metric: {counter: orders_placed, add: 1}}, {@code {trend: x, value: ..., time: true}},
     * {@code {rate: x, value: true}}, {@code {gauge: x, value: ...}}; the value may be a template.
     */
    record Metric(MetricKind kind, String name, boolean time, Template value) implements FlowStep {
        @Override
        public boolean sendsOnlyOverHttp() {
            return true;
        }

        public void run(Vu vu) {
            String text = value.render(vu).strip();
            switch (kind) {
                case RATE -> vu.rate(name).add(isTrue(text));
                case COUNTER -> {
                    Double v = number(text);
                    if (v != null) vu.counter(name).add(v);
                }
                case TREND -> {
                    Double v = number(text);
                    if (v != null) vu.trend(name, time).record(v);
                }
                case GAUGE -> {
                    Double v = number(text);
                    if (v != null) vu.gauge(name).set(v);
                }
            }
        }

        private static boolean isTrue(String text) {
            return !(text.isEmpty() || text.equals("0") || text.equalsIgnoreCase("false"));
        }

        /** Null when the rendered value is not a number: a sample that cannot be read is skipped, not invented. */
        private static Double number(String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
