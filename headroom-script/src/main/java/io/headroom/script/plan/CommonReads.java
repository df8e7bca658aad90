package io.headroom.script.plan;

import io.headroom.script.ExpectedStatuses;
import io.headroom.script.plan.YamlTree.Kind;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of values several sections share (expected statuses, tags). Stateless. */
final class CommonReads {
    private CommonReads() {}

    /** {@code 200}, {@code "200-299"}, {@code "2xx"}, or a list of them; empty when invalid (reported). */
    static Optional<ExpectedStatuses> statuses(NodeReader r, YNode node, String path) {
        List<String> items = new ArrayList<>();
        boolean ok = true;
        List<YNode> nodes = r.listOrOne(node);
        if (nodes.isEmpty()) {
            r.error(node, path, "expected at least one status, found an empty list");
            return Optional.empty();
        }
        for (YNode item : nodes) {
            if (item instanceof YScalar s && (s.kind() == Kind.INT || s.kind() == Kind.STRING)) {
                try {
                    ExpectedStatuses.parse(List.of(s.value()));
                    items.add(s.value());
                } catch (IllegalArgumentException e) {
                    r.error(item, path, e.getMessage());
                    ok = false;
                }
            } else {
                r.error(item, path, "expected a status (200), a range (\"200-299\") or a class (\"2xx\"), found " + NodeReader.found(item));
                ok = false;
            }
        }
        return ok ? Optional.of(ExpectedStatuses.parse(items)) : Optional.empty();
    }

    /** A mapping of tag names to values; the valid ones, in order. */
    static Map<String, String> tags(NodeReader r, YNode node, String path) {
        Optional<YMap> map = r.map(node, path, "a mapping of tag names to values");
        if (map.isEmpty()) return Map.of();
        Map<String, String> tags = new LinkedHashMap<>();
        for (YEntry e : map.get().entries()) {
            r.text(e.value(), path + "." + e.key(), "a tag value").map(Template::unescape).ifPresent(value -> tags.put(e.key(), value));
        }
        return tags;
    }
}
