package io.headroom.script.plan;

import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** A request step's {@code extract}: {@code $.json.path}, {@code {json|header|regex: ...}} into VU variables. Stateless. */
final class ExtractReader {
    /** The extractor kinds of the mapping form. */
    static final KeyTable<Void> KINDS = KeyTable.of("json", "header", "regex");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ExtractReader() {}

    /** A request step's {@code extract}: variable names to extractors; the valid ones. */
    static Map<String, Extractor> extract(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        YMap m = r.map(node, path, "a mapping of variable names to $.json.paths or {json|header|regex: ...}");
        if (m == null) return Map.of();
        Map<String, Extractor> out = new LinkedHashMap<>();
        for (YEntry e : m.entries()) {
            String p = path + "." + e.key();
            if (!IDENTIFIER.matcher(e.key()).matches()) {
                r.error(e.keyMark(), p, "a variable name is letters, digits and '_', not starting with a digit, found \"" + e.key() + "\"");
                continue;
            }
            if (flow.ctx.data.containsKey(e.key())) {
                r.error(e.keyMark(), p, "'" + e.key() + "' is the name of a data source; choose another variable name");
                continue;
            }
            Extractor x = extractor(flow, e.value(), p);
            if (x != null) out.put(e.key(), x);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Extractor extractor(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        if (node instanceof YScalar) {
            String text = r.text(node, path, "a JSON path such as $.token");
            if (text == null) return null;
            if (!text.startsWith("$")) {
                r.error(node, path, "expected a JSON path starting with $ (or {header: Name} / {regex: ...}), found \"" + text + "\"");
                return null;
            }
            var jp = flow.jsonPath(node, path);
            return jp == null ? null : new Extractor.FromJson(jp);
        }
        YMap m = r.map(node, path, "a JSON path, or one of {json: $.path}, {header: Name}, {regex: pattern}");
        if (m == null) return null;
        KINDS.reportUnknown(r, m, path);
        if (m.entries().size() != 1) {
            r.error(m, path, "expected exactly one of json, header, regex");
            return null;
        }
        YEntry e = m.entries().get(0);
        return switch (e.key()) {
            case "json" -> {
                var jp = flow.jsonPath(e.value(), path + ".json");
                yield jp == null ? null : new Extractor.FromJson(jp);
            }
            case "header" -> {
                String h = r.nonEmptyText(e.value(), path + ".header", "a header name");
                yield h == null ? null : new Extractor.FromHeader(h);
            }
            case "regex" -> {
                Pattern p = flow.regex(e.value(), path + ".regex");
                yield p == null ? null : new Extractor.FromRegex(p);
            }
            default -> null;
        };
    }
}
