package io.headroom.profiler.flame;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FrameTrieTest {

    @Test
    void mergesStacksIntoTotalsAndSelfCountsWithCalleesSortedByName() {
        CollapsedStacks stacks = CollapsedStacks.builder()
                .add(List.of("main", "work", "parse"), 5)
                .add(List.of("main", "work"), 2)
                .add(List.of("main", "idle"), 3)
                .add(List.of("gc"), 1)
                .build();

        FrameTrie trie = FrameTrie.of(stacks);

        FrameTrie.Node root = trie.root();
        assertThat(root.name()).isEqualTo("all");
        assertThat(root.totalSamples()).isEqualTo(11);
        assertThat(root.selfSamples()).isZero();
        assertThat(root.children()).extracting(FrameTrie.Node::name).containsExactly("gc", "main");
        FrameTrie.Node main = root.children().get(1);
        assertThat(main.totalSamples()).isEqualTo(10);
        assertThat(main.children()).extracting(FrameTrie.Node::name).containsExactly("idle", "work");
        FrameTrie.Node work = main.children().get(1);
        assertThat(work.totalSamples()).isEqualTo(7);
        assertThat(work.selfSamples()).isEqualTo(2);
        assertThat(work.children().get(0).selfSamples()).isEqualTo(5);
        assertThat(trie.maxDepth()).isEqualTo(3);
        assertThat(trie.nodeCount()).isEqualTo(6);
    }

    @Test
    void keepsTheSameMethodUnderDifferentCallersApart() {
        FrameTrie trie = FrameTrie.of(CollapsedStacks.builder()
                .add(List.of("a", "shared"), 1)
                .add(List.of("b", "shared"), 4)
                .build());

        assertThat(trie.root().children()).allSatisfy(caller ->
                assertThat(caller.children()).singleElement().extracting(FrameTrie.Node::name).isEqualTo("shared"));
        assertThat(trie.root().children().get(1).children().get(0).totalSamples()).isEqualTo(4);
    }

    @Test
    void anEmptyProfileIsARootWithNoSamples() {
        FrameTrie trie = FrameTrie.of(CollapsedStacks.builder().build());

        assertThat(trie.root().totalSamples()).isZero();
        assertThat(trie.root().children()).isEmpty();
        assertThat(trie.maxDepth()).isZero();
    }
}
