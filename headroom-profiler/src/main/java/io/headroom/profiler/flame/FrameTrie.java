package io.headroom.profiler.flame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * Collapsed stacks merged into a tree of frames: the root ({@value #ROOT_NAME}) holds every sample, each
 * node's children are the distinct callees seen below it, sorted by name (as {@code flamegraph.pl} does, so
 * equal call paths sit side by side and the picture is deterministic). A node's total is the samples whose
 * stack passes through it; its self count is the samples that ended in it.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class FrameTrie {
    /** The name of the synthetic root frame that holds every sample. */
    public static final String ROOT_NAME = "all";

    private final Node root;
    private final int maxDepth;
    private final int nodeCount;

    private FrameTrie(Node root) {
        this.root = root;
        int[] stats = new int[2]; // [maxDepth, nodeCount]
        root.freeze(0, stats);
        this.maxDepth = stats[0];
        this.nodeCount = stats[1];
    }

    /** Builds the trie of {@code stacks}; an empty profile gives a root with no children and 0 samples. */
    public static FrameTrie of(CollapsedStacks stacks) {
        Node root = new Node(ROOT_NAME);
        stacks.forEach((frames, samples) -> {
            Node node = root;
            node.totalSamples += samples;
            for (String frame : frames) {
                node = node.childNamed(frame);
                node.totalSamples += samples;
            }
            node.selfSamples += samples;
        });
        return new FrameTrie(root);
    }

    public Node root() {
        return root;
    }

    /** Depth of the deepest frame; the root is depth 0, so a profile of one-frame stacks has depth 1. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Number of nodes including the root. */
    public int nodeCount() {
        return nodeCount;
    }

    /** One frame at one call path. */
    public static final class Node {
        private final String name;
        private long totalSamples;
        private long selfSamples;
        private TreeMap<String, Node> childrenByName = new TreeMap<>();
        private List<Node> children = List.of();

        private Node(String name) {
            this.name = name;
        }

        private Node childNamed(String childName) {
            return childrenByName.computeIfAbsent(childName, Node::new);
        }

        private void freeze(int depth, int[] stats) {
            stats[0] = Math.max(stats[0], depth);
            stats[1]++;
            List<Node> sorted = new ArrayList<>(childrenByName.values());
            childrenByName = null;
            for (Node child : sorted) child.freeze(depth + 1, stats);
            children = Collections.unmodifiableList(sorted);
        }

        /** The frame name, {@code pkg.Class.method}, or {@value FrameTrie#ROOT_NAME} for the root. */
        public String name() {
            return name;
        }

        /** Samples whose stack passes through this frame at this call path (self included). */
        public long totalSamples() {
            return totalSamples;
        }

        /** Samples whose stack ends in this frame at this call path. */
        public long selfSamples() {
            return selfSamples;
        }

        /** Callees, sorted by name; never null. */
        public List<Node> children() {
            return children;
        }

        @Override
        public String toString() {
            return name + " total=" + totalSamples + " self=" + selfSamples;
        }
    }
}
