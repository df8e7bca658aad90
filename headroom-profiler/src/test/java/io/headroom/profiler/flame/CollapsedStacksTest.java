package io.headroom.profiler.flame;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollapsedStacksTest {

    @Test
    void writesOneSortedLinePerDistinctStackAddingUpEqualStacks() {
        CollapsedStacks stacks = CollapsedStacks.builder()
                .add(List.of("main", "b"), 2)
                .add(List.of("main", "a", "leaf"), 3)
                .add(List.of("main", "b"), 5)
                .build();

        assertThat(stacks.toText()).isEqualTo("""
                main;a;leaf 3
                main;b 7
                """);
        assertThat(stacks.totalSamples()).isEqualTo(10);
        assertThat(stacks.distinctStacks()).isEqualTo(2);
    }

    @Test
    void parsesWhatItWritesAndToleratesBlankLinesAndSpacesInFrames() throws IOException {
        String text = """
                java.lang.Thread.run;app.Worker.loop;app.Hot.burn 42

                java.lang.Thread.run;app.Worker.loop 3
                [unknown];frame with spaces 1
                """;

        CollapsedStacks stacks = CollapsedStacks.parse(new StringReader(text));

        assertThat(stacks.totalSamples()).isEqualTo(46);
        assertThat(stacks.toText()).isEqualTo("""
                [unknown];frame with spaces 1
                java.lang.Thread.run;app.Worker.loop 3
                java.lang.Thread.run;app.Worker.loop;app.Hot.burn 42
                """);
        assertThat(CollapsedStacks.parse(new StringReader(stacks.toText())).toText()).isEqualTo(stacks.toText());
    }

    @Test
    void namesTheLineOfAMalformedEntry() {
        assertThatThrownBy(() -> CollapsedStacks.parse(new StringReader("a;b 1\na;b;c\n")))
                .isInstanceOf(CollapsedFormatException.class).hasMessageStartingWith("line 2: ");
        assertThatThrownBy(() -> CollapsedStacks.parse(new StringReader("a;b 1\n\na;b x7\n")))
                .isInstanceOf(CollapsedFormatException.class).hasMessageContaining("line 3").hasMessageContaining("x7");
        assertThatThrownBy(() -> CollapsedStacks.parse(new StringReader("a -4\n")))
                .isInstanceOf(CollapsedFormatException.class).hasMessageContaining("negative");
    }

    @Test
    void replacesSeparatorsInsideFrameNamesSoEveryLineStaysOneStack() {
        CollapsedStacks stacks = CollapsedStacks.builder().add(List.of("a;b", "c\nd"), 1).build();

        assertThat(stacks.toText()).isEqualTo("a:b;c d 1\n");
    }

    @Test
    void ignoresEmptyStacksAndZeroCounts() {
        CollapsedStacks stacks = CollapsedStacks.builder().add(List.of(), 5).add(List.of("a"), 0).build();

        assertThat(stacks.totalSamples()).isZero();
        assertThat(stacks.toText()).isEmpty();
    }
}
