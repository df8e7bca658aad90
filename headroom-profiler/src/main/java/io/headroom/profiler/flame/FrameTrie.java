package io.headroom.profiler.flame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
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
        // Iterative: collapsed files from other profilers can hold stacks thousands of frames deep.
        int deepest = 0;
        int nodes = 0;
        Deque<Node> work = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        work.push(root);
        depths.push(0);
        while (!work.isEmpty()) {
            Node node = work.pop();
            int depth = depths.pop();
            deepest = Math.max(deepest, depth);
            nodes++;
            node.freeze();
            for (Node child : node.children) {
                work.push(child);
                depths.push(depth + 1);
            }
        }
        this.maxDepth = deepest;
        this.nodeCount = nodes;
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

        private void freeze() {
            children = Collections.unmodifiableList(new ArrayList<>(childrenByName.values()));
            childrenByName = null;
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
