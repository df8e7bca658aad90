package io.headroom.script.plan;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A YAML document as a small tree whose every node knows its line and column, built from SnakeYAML's
 * composed nodes (Jackson's {@code JsonNode} has no positions). Environment references are substituted
 * in scalars while the tree is built; a plain scalar that held one is typed again from its new text, so
 * {@code vus: ${ENV:VUS:-10}} is an integer. Immutable once built.
 */
final class YamlTree {
    private static final int MAX_DEPTH = 64;
    private static final Resolver RESOLVER = new Resolver();

    private YamlTree() {}

    /** 1-based line and column. */
    record Mark(int line, int column) {}

    /** One node of the tree. */
    sealed interface YNode permits YMap, YList, YScalar {
        Mark mark();
    }

    /** One key of a mapping with the key's own position. */
    record YEntry(String key, Mark keyMark, YNode value) {}

    record YMap(Mark mark, List<YEntry> entries) implements YNode {
        YEntry entry(String key) {
            for (YEntry e : entries) {
                if (e.key().equals(key)) return e;
            }
            return null;
        }

        YNode get(String key) {
            YEntry e = entry(key);
            return e == null ? null : e.value();
        }

        boolean has(String key) {
            return entry(key) != null;
        }
    }

    record YList(Mark mark, List<YNode> items) implements YNode {}

    /** What a scalar's text resolves to under YAML's rules. */
    enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    /**
     * A scalar. {@code valueStart} is where the value's first character stands in the file when the value is
     * exactly the source text of one line (plain or quoted, without escapes or substitution), so that a
     * position inside the value maps to a line and column; null otherwise.
     */
    record YScalar(Mark mark, String value, Kind kind, Mark valueStart) implements YNode {
        /** The position of the value's character at {@code offset}, or the scalar's own mark when unknown. */
        Mark markAt(int offset) {
            if (valueStart == null || offset < 0 || offset > value.length()) return mark;
            return new Mark(valueStart.line(), valueStart.column() + offset);
        }
    }

    /**
     * Parses one document. Syntax errors, duplicate keys, non-scalar keys and bad environment references
     * go to {@code problems}; empty when nothing usable was parsed (reported).
     */
    static Optional<YNode> parse(String text, Function<String, String> env, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by us, with both positions
        options.setMergeOnCompose(true);
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            org.yaml.snakeyaml.error.Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            String context = e.getContext() != null && e.getProblem() != null ? " (" + e.getContext() + ")" : "";
            problems.add(m == null ? null : mark(m), "", "invalid YAML: " + problem + context);
            return Optional.empty();
        } catch (YAMLException e) {
            problems.add(null, "", "invalid YAML: " + e.getMessage());
            return Optional.empty();
        }
        if (root == null) {
            problems.add(new Mark(1, 1), "", "the plan is empty; expected a mapping with at least 'scenarios'");
            return Optional.empty();
        }
        return Optional.of(convert(root, env, problems, "", 0));
    }

    private static Mark mark(org.yaml.snakeyaml.error.Mark m) {
        return new Mark(m.getLine() + 1, m.getColumn() + 1);
    }

    private static YNode convert(Node node, Function<String, String> env, Problems problems, String path, int depth) {
        Mark mark = mark(node.getStartMark());
        if (depth > MAX_DEPTH) {
            problems.add(mark, path, "nested too deeply (more than " + MAX_DEPTH + " levels)");
            return new YScalar(mark, "", Kind.NULL, null);
        }
        if (node instanceof MappingNode map) {
            List<YEntry> entries = new ArrayList<>();
            Map<String, Mark> seen = new HashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                Node keyNode = tuple.getKeyNode();
                Mark keyMark = mark(keyNode.getStartMark());
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    problems.add(keyMark, path, "expected a plain key, found a " + (keyNode.getNodeId() == NodeId.sequence ? "list" : "mapping"));
                    continue;
                }
                String key = keyScalar.getValue();
                String childPath = path.isEmpty() ? key : path + "." + key;
                Mark first = seen.putIfAbsent(key, keyMark);
                if (first != null) {
                    problems.add(keyMark, childPath, "duplicate key '" + key + "' (first at line " + first.line() + ")");
                    continue;
                }
                entries.add(new YEntry(key, keyMark, convert(tuple.getValueNode(), env, problems, childPath, depth + 1)));
            }
            return new YMap(mark, List.copyOf(entries));
        }
        if (node instanceof SequenceNode seq) {
            List<YNode> items = new ArrayList<>();
            List<Node> values = seq.getValue();
            for (int i = 0; i < values.size(); i++) {
                items.add(convert(values.get(i), env, problems, path + "[" + i + "]", depth + 1));
            }
            return new YList(mark, List.copyOf(items));
        }
        ScalarNode scalar = (ScalarNode) node;
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        Mark valueStart = valueStart(scalar, mark);
        if (EnvSubstitution.mentionsEnv(value)) {
            valueStart = null;
            try {
                value = EnvSubstitution.substitute(value, env);
            } catch (IllegalArgumentException e) {
                problems.add(mark, path, e.getMessage());
                problems.spoil(mark);
            }
            if (scalar.isPlain()) tag = RESOLVER.resolve(NodeId.scalar, value, true);
        }
        return new YScalar(mark, value, kindOf(tag), valueStart);
    }

    /** Where the value's text starts, when the source span is the value itself (plus its quotes). */
    private static Mark valueStart(ScalarNode scalar, Mark mark) {
        var start = scalar.getStartMark();
        var end = scalar.getEndMark();
        if (start == null || end == null || start.getLine() != end.getLine()) return null;
        int quotes = scalar.isPlain() ? 0 : 2;
        if (end.getIndex() - start.getIndex() != scalar.getValue().length() + quotes) return null;
        return new Mark(mark.line(), mark.column() + quotes / 2);
    }

    private static Kind kindOf(Tag tag) {
        if (Tag.INT.equals(tag)) return Kind.INT;
        if (Tag.FLOAT.equals(tag)) return Kind.FLOAT;
        if (Tag.BOOL.equals(tag)) return Kind.BOOL;
        if (Tag.NULL.equals(tag)) return Kind.NULL;
        return Kind.STRING;
    }
}
