package io.headroom.script.plan;

import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
        Optional<YMap> m = r.map(node, path, "a mapping of variable names to $.json.paths or {json|header|regex: ...}");
        if (m.isEmpty()) return Map.of();
        Map<String, Extractor> out = new LinkedHashMap<>();
        for (YEntry e : m.get().entries()) {
            String p = path + "." + e.key();
            if (!IDENTIFIER.matcher(e.key()).matches()) {
                r.error(e.keyMark(), p, "a variable name is letters, digits and '_', not starting with a digit, found \"" + e.key() + "\"");
                continue;
            }
            if (flow.ctx.data.containsKey(e.key())) {
                r.error(e.keyMark(), p, "'" + e.key() + "' is the name of a data source; choose another variable name");
                continue;
            }
            extractor(flow, e.value(), p).ifPresent(x -> out.put(e.key(), x));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** One extractor; empty when invalid (reported). */
    private static Optional<Extractor> extractor(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        if (node instanceof YScalar) {
            Optional<String> read = r.text(node, path, "a JSON path such as $.token");
            if (read.isEmpty()) return Optional.empty();
            String text = read.get();
            if (!text.startsWith("$")) {
                r.error(node, path, "expected a JSON path starting with $ (or {header: Name} / {regex: ...}), found \"" + text + "\"");
                return Optional.empty();
            }
            return flow.jsonPath(node, path).map(Extractor.FromJson::new);
        }
        Optional<YMap> read = r.map(node, path, "a JSON path, or one of {json: $.path}, {header: Name}, {regex: pattern}");
        if (read.isEmpty()) return Optional.empty();
        YMap m = read.get();
        KINDS.reportUnknown(r, m, path);
        if (m.entries().size() != 1) {
            r.error(m, path, "expected exactly one of json, header, regex");
            return Optional.empty();
        }
        YEntry e = m.entries().get(0);
        return switch (e.key()) {
            case "json" -> flow.jsonPath(e.value(), path + ".json").map(Extractor.FromJson::new);
            case "header" -> r.nonEmptyText(e.value(), path + ".header", "a header name").map(Extractor.FromHeader::new);
            case "regex" -> flow.regex(e.value(), path + ".regex").map(Extractor.FromRegex::new);
            default -> Optional.empty();
        };
    }
}
