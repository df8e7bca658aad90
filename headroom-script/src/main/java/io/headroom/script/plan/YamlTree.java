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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A YAML document as a small tree whose every node knows its line and column, built from SnakeYAML's
 * composed nodes (Jackson's {@code JsonNode} has no positions). Environment references are substituted
 * in scalars while the tree is built; a plain scalar that held one is typed again from its new text, so
 * {@code vus: ${ENV:VUS:-10}} is an integer. Immutable once built.
 */
final class YamlTree {
    private static final int MAX_DEPTH = 64;
    /**
     * Characters in one plan document, as many as {@link PlanLoader#MAX_PLAN_BYTES} of ASCII: checked before
     * SnakeYAML sees the text (it scans about a million characters a second, so a bound on its input is a bound
     * on the time it takes), and again as its code point limit.
     */
    static final int MAX_CHARS = (int) PlanLoader.MAX_PLAN_BYTES;
    /** Aliases to mappings and lists in one document (SnakeYAML's default): a few for shared settings, never a bomb. */
    static final int MAX_ALIASES = 50;
    /** Values in the tree once aliases and merges are expanded: bounds what a small file can make of itself. */
    static final int MAX_NODES = 1_000_000;
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
        if (text.length() > MAX_CHARS) {
            problems.add(null, "", "the plan has " + text.length() + " characters; at most " + MAX_CHARS
                    + " are allowed (a plan is settings and flows: put large bodies and data into data files)");
            return Optional.empty();
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by us, with both positions
        // Merges are done by us (flatten): SnakeYAML's merge on compose loops forever on a self-merge.
        options.setMergeOnCompose(false);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_CHARS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
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
        Walk walk = new Walk(env, problems);
        YNode tree = walk.convert(root, "", 0);
        return walk.tooLarge ? Optional.empty() : Optional.of(tree);
    }

    private static Mark mark(org.yaml.snakeyaml.error.Mark m) {
        return new Mark(m.getLine() + 1, m.getColumn() + 1);
    }

    /** One conversion: counts the values made and remembers each mapping's merged entries (aliases share them). */
    private static final class Walk {
        final Function<String, String> env;
        final Problems problems;
        final Map<MappingNode, List<NodeTuple>> flattened = new IdentityHashMap<>();
        final Map<MappingNode, Boolean> merging = new IdentityHashMap<>();
        int nodes;
        boolean tooLarge;

        Walk(Function<String, String> env, Problems problems) {
            this.env = env;
            this.problems = problems;
        }

        YNode convert(Node node, String path, int depth) {
            Mark mark = mark(node.getStartMark());
            if (tooLarge) return new YScalar(mark, "", Kind.NULL, null);
            if (++nodes > MAX_NODES) {
                tooLarge = true;
                problems.add(mark, path, "the plan expands to more than " + MAX_NODES
                        + " values through its aliases (*name) and merges (<<); use fewer");
                return new YScalar(mark, "", Kind.NULL, null);
            }
            if (depth > MAX_DEPTH) {
                problems.add(mark, path, "nested too deeply (more than " + MAX_DEPTH + " levels)");
                return new YScalar(mark, "", Kind.NULL, null);
            }
            if (node instanceof MappingNode map) {
                List<YEntry> entries = new ArrayList<>();
                Map<String, Mark> seen = new HashMap<>();
                for (NodeTuple tuple : flatten(map, path)) {
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
                    entries.add(new YEntry(key, keyMark, convert(tuple.getValueNode(), childPath, depth + 1)));
                }
                return new YMap(mark, List.copyOf(entries));
            }
            if (node instanceof SequenceNode seq) {
                List<YNode> items = new ArrayList<>();
                List<Node> values = seq.getValue();
                for (int i = 0; i < values.size(); i++) {
                    items.add(convert(values.get(i), path + "[" + i + "]", depth + 1));
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

        /**
         * The mapping's entries with its merge keys ({@code <<: *a} or {@code <<: [*a, *b]}) expanded: its own keys
         * first (they win, duplicates kept for reporting), then each merged mapping's keys not seen yet, earlier
         * mappings first, as YAML's merge key type says. A mapping that merges itself, directly or not, is reported.
         */
        private List<NodeTuple> flatten(MappingNode map, String path) {
            List<NodeTuple> cached = flattened.get(map);
            if (cached != null) return cached;
            if (merging.put(map, Boolean.TRUE) != null) {
                problems.add(mark(map.getStartMark()), path, "invalid YAML: a merge (<<) includes the mapping it is in");
                return List.of();
            }
            List<NodeTuple> own = new ArrayList<>();
            List<NodeTuple> merged = new ArrayList<>();
            for (NodeTuple tuple : map.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key && Tag.MERGE.equals(key.getTag()))) {
                    own.add(tuple);
                    continue;
                }
                Node value = tuple.getValueNode();
                List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
                for (Node source : sources) {
                    if (source instanceof MappingNode m) {
                        merged.addAll(flatten(m, path));
                    } else {
                        problems.add(mark(source.getStartMark()), path, "invalid YAML: a merge (<<) takes a mapping or a list of mappings");
                    }
                }
            }
            merging.remove(map);
            Set<String> keys = new HashSet<>();
            for (NodeTuple t : own) if (t.getKeyNode() instanceof ScalarNode k) keys.add(k.getValue());
            List<NodeTuple> out = new ArrayList<>(own);
            for (NodeTuple t : merged) {
                if (!(t.getKeyNode() instanceof ScalarNode k) || keys.add(k.getValue())) out.add(t);
            }
            flattened.put(map, out);
            return out;
        }
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
