package io.headroom.script.plan;

import io.headroom.script.ExpectedStatuses;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A request step's {@code checks}: status, header, body, json and duration, each with an optional name. Stateless. */
final class CheckReader {
    /** The check kinds, in the order messages list them. */
    static final KeyTable<Void> KINDS = KeyTable.of("status", "header", "body", "json", "duration");

    private CheckReader() {}

    /** A list of checks; the valid ones (the others reported). */
    static List<ResponseCheck> checks(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        YList list = r.list(node, path, "a list of checks such as [{status: 200}]");
        if (list == null) return List.of();
        List<ResponseCheck> checks = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            ResponseCheck c = check(flow, list.items().get(i), path + "[" + i + "]");
            if (c != null) checks.add(c);
        }
        return List.copyOf(checks);
    }

    private static ResponseCheck check(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        YMap map = r.map(node, path, "a check: one of " + String.join(", ", KINDS.keys()) + " (and an optional name)");
        if (map == null) return null;
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
            return null;
        }
        String name = map.has("name") ? PlanContext.unescaped(r.nonEmptyText(map.get("name"), path + ".name", "a check name")) : null;
        YEntry kind = kinds.get(0);
        String p = path + "." + kind.key();
        YNode v = kind.value();
        return switch (kind.key()) {
            case "status" -> {
                ExpectedStatuses s = CommonReads.statuses(r, v, p).orElse(null);
                if (s == null) yield null;
                String text = s.toString();
                yield new ResponseCheck.Status(name != null ? name
                        : (text.contains("-") || text.contains(",") ? "status in " : "status is ") + text, s);
            }
            case "header" -> header(flow, v, p, name);
            case "body" -> body(flow, v, p, name);
            case "json" -> jsonCheck(flow, v, p, name);
            case "duration" -> {
                YMap m = r.map(v, p, "{below: 500ms}");
                if (m == null) yield null;
                r.onlyKeys(m, p, List.of("below"));
                if (!m.has("below")) {
                    r.error(m, p, "missing 'below'");
                    yield null;
                }
                Duration below = r.positiveDuration(m.get("below"), p + ".below");
                yield below == null ? null : new ResponseCheck.Timing(name != null ? name : "duration below " + Durations.format(below), below);
            }
            default -> null;
        };
    }

    private static ResponseCheck header(FlowCompiler flow, YNode node, String path, String name) {
        NodeReader r = flow.r;
        YMap m = r.map(node, path, "{name: Header-Name, equals|contains|matches: value}");
        if (m == null) return null;
        r.onlyKeys(m, path, List.of("name", "equals", "contains", "matches"));
        String header = m.has("name") ? r.nonEmptyText(m.get("name"), path + ".name", "a header name") : null;
        if (!m.has("name")) r.error(m, path, "missing 'name': the header to check");
        List<String> ops = m.entries().stream().map(YEntry::key).filter(k -> !k.equals("name")).toList();
        if (ops.size() != 1) {
            r.error(m, path, "expected exactly one of equals, contains, matches, found " + (ops.isEmpty() ? "none" : String.join(" and ", ops)));
            return null;
        }
        String op = ops.get(0);
        if (header == null) return null;
        if (op.equals("matches")) {
            Pattern pattern = flow.regex(m.get("matches"), path + ".matches");
            return pattern == null ? null : new ResponseCheck.Header(name != null ? name : "header " + header + " matches " + pattern.pattern(),
                    header, ResponseCheck.Match.MATCHES, null, pattern);
        }
        Template t = flow.template(m.get(op), path + "." + op, "a value");
        if (t == null) return null;
        return new ResponseCheck.Header(name != null ? name : "header " + header + " " + op + " " + t.source(), header,
                op.equals("equals") ? ResponseCheck.Match.EQUALS : ResponseCheck.Match.CONTAINS, t, null);
    }

    private static ResponseCheck body(FlowCompiler flow, YNode node, String path, String name) {
        NodeReader r = flow.r;
        YMap m = r.map(node, path, "{contains: text} or {matches: regex}");
        if (m == null) return null;
        r.onlyKeys(m, path, List.of("contains", "matches"));
        if (m.entries().size() != 1 || !(m.has("contains") || m.has("matches"))) {
            r.error(m, path, "expected exactly one of contains, matches");
            return null;
        }
        if (m.has("matches")) {
            Pattern pattern = flow.regex(m.get("matches"), path + ".matches");
            return pattern == null ? null : new ResponseCheck.Body(name != null ? name : "body matches " + pattern.pattern(), null, pattern);
        }
        Template t = flow.template(m.get("contains"), path + ".contains", "text");
        return t == null ? null : new ResponseCheck.Body(name != null ? name : "body contains " + t.source(), t, null);
    }

    private static ResponseCheck jsonCheck(FlowCompiler flow, YNode node, String path, String name) {
        NodeReader r = flow.r;
        YMap m = r.map(node, path, "{path: $.field, exists: true} or {path: $.field, equals: value}");
        if (m == null) return null;
        r.onlyKeys(m, path, List.of("path", "exists", "equals"));
        var jsonPath = m.has("path") ? flow.jsonPath(m.get("path"), path + ".path") : null;
        String pathText = jsonPath == null ? null : ((YScalar) m.get("path")).value();
        if (!m.has("path")) r.error(m, path, "missing 'path', such as $.token");
        boolean hasExists = m.has("exists");
        boolean hasEquals = m.has("equals");
        if (hasExists == hasEquals) {
            r.error(m, path, "expected exactly one of exists, equals");
            return null;
        }
        if (jsonPath == null) return null;
        if (hasExists) {
            Boolean exists = r.bool(m.get("exists"), path + ".exists");
            if (exists == null) return null;
            return new ResponseCheck.Json(name != null ? name : "json " + pathText + (exists ? " exists" : " does not exist"),
                    jsonPath, exists, null);
        }
        Template expected = flow.template(m.get("equals"), path + ".equals", "a value");
        return expected == null ? null
                : new ResponseCheck.Json(name != null ? name : "json " + pathText + " equals " + expected.source(), jsonPath, null, expected);
    }
}
