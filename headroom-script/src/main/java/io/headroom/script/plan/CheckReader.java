package io.headroom.script.plan;

import com.jayway.jsonpath.JsonPath;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A request step's {@code checks}: status, header, body, json and duration, each with an optional name. Stateless. */
final class CheckReader {
    /** The check kinds, in the order messages list them. */
    static final KeyTable<Void> KINDS = KeyTable.of("status", "header", "body", "json", "duration");

    private CheckReader() {}

    /** A list of checks; the valid ones (the others reported). */
    static List<ResponseCheck> checks(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        Optional<YList> list = r.list(node, path, "a list of checks such as [{status: 200}]");
        if (list.isEmpty()) return List.of();
        List<ResponseCheck> checks = new ArrayList<>();
        for (int i = 0; i < list.get().items().size(); i++) {
            check(flow, list.get().items().get(i), path + "[" + i + "]").ifPresent(checks::add);
        }
        return List.copyOf(checks);
    }

    /** One check; empty when invalid (reported). */
    private static Optional<ResponseCheck> check(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        Optional<YMap> read = r.map(node, path, "a check: one of " + String.join(", ", KINDS.keys()) + " (and an optional name)");
        if (read.isEmpty()) return Optional.empty();
        YMap map = read.get();
        List<String> allowed = new ArrayList<>(KINDS.keys());
        allowed.add("name");
        r.onlyKeys(map, path, allowed);
        List<YEntry> kinds = map.entries().stream().filter(e -> KINDS.keys().contains(e.key())).toList();
        if (kinds.size() != 1) {
            if (kinds.size() > 1) {
                r.error(kinds.get(1).keyMark(), path, "a check tests one thing, found both '" + kinds.get(0).key()
                        + "' and '" + kinds.get(1).key() + "'");
            } else if (map.entries().stream().allMatch(e -> allowed.contains(e.key()))) {
                r.error(map, path, "expected one of " + String.join(", ", KINDS.keys()));
            }
            return Optional.empty();
        }
        // The name as written; when it is absent or invalid (reported), each check names itself.
        Optional<String> name = map.has("name")
                ? r.nonEmptyText(map.get("name"), path + ".name", "a check name").map(Template::unescape) : Optional.empty();
        YEntry kind = kinds.get(0);
        String p = path + "." + kind.key();
        YNode v = kind.value();
        return switch (kind.key()) {
            case "status" -> CommonReads.statuses(r, v, p).map(s -> {
                String text = s.toString();
                return new ResponseCheck.Status(name.orElseGet(() ->
                        (text.contains("-") || text.contains(",") ? "status in " : "status is ") + text), s);
            });
            case "header" -> header(flow, v, p, name);
            case "body" -> body(flow, v, p, name);
            case "json" -> jsonCheck(flow, v, p, name);
            case "duration" -> duration(r, v, p, name);
            default -> Optional.empty();
        };
    }

    private static Optional<ResponseCheck> duration(NodeReader r, YNode node, String path, Optional<String> name) {
        Optional<YMap> read = r.map(node, path, "{below: 500ms}");
        if (read.isEmpty()) return Optional.empty();
        YMap m = read.get();
        r.onlyKeys(m, path, List.of("below"));
        if (!m.has("below")) {
            r.error(m, path, "missing 'below'");
            return Optional.empty();
        }
        return r.positiveDuration(m.get("below"), path + ".below")
                .map(below -> new ResponseCheck.Timing(name.orElseGet(() -> "duration below " + Durations.format(below)), below));
    }

    private static Optional<ResponseCheck> header(FlowCompiler flow, YNode node, String path, Optional<String> name) {
        NodeReader r = flow.r;
        Optional<YMap> read = r.map(node, path, "{name: Header-Name, equals|contains|matches: value}");
        if (read.isEmpty()) return Optional.empty();
        YMap m = read.get();
        r.onlyKeys(m, path, List.of("name", "equals", "contains", "matches"));
        Optional<String> header = m.has("name") ? r.nonEmptyText(m.get("name"), path + ".name", "a header name") : Optional.empty();
        if (!m.has("name")) r.error(m, path, "missing 'name': the header to check");
        List<String> ops = m.entries().stream().map(YEntry::key).filter(k -> !k.equals("name")).toList();
        if (ops.size() != 1) {
            r.error(m, path, "expected exactly one of equals, contains, matches, found " + (ops.isEmpty() ? "none" : String.join(" and ", ops)));
            return Optional.empty();
        }
        String op = ops.get(0);
        if (header.isEmpty()) return Optional.empty();
        String h = header.get();
        if (op.equals("matches")) {
            return flow.regex(m.get("matches"), path + ".matches").map(pattern -> new ResponseCheck.Header(
                    name.orElseGet(() -> "header " + h + " matches " + pattern.pattern()), h, ResponseCheck.Match.MATCHES, null, pattern));
        }
        return flow.template(m.get(op), path + "." + op, "a value").map(t -> new ResponseCheck.Header(
                name.orElseGet(() -> "header " + h + " " + op + " " + t.source()), h,
                op.equals("equals") ? ResponseCheck.Match.EQUALS : ResponseCheck.Match.CONTAINS, t, null));
    }

    private static Optional<ResponseCheck> body(FlowCompiler flow, YNode node, String path, Optional<String> name) {
        NodeReader r = flow.r;
        Optional<YMap> read = r.map(node, path, "{contains: text} or {matches: regex}");
        if (read.isEmpty()) return Optional.empty();
        YMap m = read.get();
        r.onlyKeys(m, path, List.of("contains", "matches"));
        if (m.entries().size() != 1 || !(m.has("contains") || m.has("matches"))) {
            r.error(m, path, "expected exactly one of contains, matches");
            return Optional.empty();
        }
        if (m.has("matches")) {
            return flow.regex(m.get("matches"), path + ".matches")
                    .map(pattern -> new ResponseCheck.Body(name.orElseGet(() -> "body matches " + pattern.pattern()), null, pattern));
        }
        return flow.template(m.get("contains"), path + ".contains", "text")
                .map(t -> new ResponseCheck.Body(name.orElseGet(() -> "body contains " + t.source()), t, null));
    }

    private static Optional<ResponseCheck> jsonCheck(FlowCompiler flow, YNode node, String path, Optional<String> name) {
        NodeReader r = flow.r;
        Optional<YMap> read = r.map(node, path, "{path: $.field, exists: true} or {path: $.field, equals: value}");
        if (read.isEmpty()) return Optional.empty();
        YMap m = read.get();
        r.onlyKeys(m, path, List.of("path", "exists", "equals"));
        Optional<JsonPath> jsonPath = m.has("path") ? flow.jsonPath(m.get("path"), path + ".path") : Optional.empty();
        if (!m.has("path")) r.error(m, path, "missing 'path', such as $.token");
        boolean hasExists = m.has("exists");
        boolean hasEquals = m.has("equals");
        if (hasExists == hasEquals) {
            r.error(m, path, "expected exactly one of exists, equals");
            return Optional.empty();
        }
        if (jsonPath.isEmpty()) return Optional.empty();
        JsonPath jp = jsonPath.get();
        String pathText = ((YScalar) m.get("path")).value();
        if (hasExists) {
            return r.bool(m.get("exists"), path + ".exists").map(exists -> new ResponseCheck.Json(
                    name.orElseGet(() -> "json " + pathText + (exists ? " exists" : " does not exist")), jp, exists, null));
        }
        return flow.template(m.get("equals"), path + ".equals", "a value")
                .map(expected -> new ResponseCheck.Json(name.orElseGet(() -> "json " + pathText + " equals " + expected.source()),
                        jp, null, expected));
    }
}
