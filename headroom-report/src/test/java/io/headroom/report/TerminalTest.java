package io.headroom.report;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTest {
    @Test
    void colourOnlyOnATerminalThatAllowsIt() {
        assertThat(Terminal.colourWanted(true, Map.of("TERM", "xterm-256color"))).isTrue();
        assertThat(Terminal.colourWanted(true, Map.of())).isTrue();
        assertThat(Terminal.colourWanted(false, Map.of("TERM", "xterm-256color"))).isFalse();
        assertThat(Terminal.colourWanted(true, Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(Terminal.colourWanted(true, Map.of("NO_COLOR", ""))).isTrue();
        assertThat(Terminal.colourWanted(true, Map.of("TERM", "dumb"))).isFalse();
    }

    @Test
    void testProcessOutputIsNotATerminal() {
        // Surefire pipes the forked JVM's output, so this is the CI case.
        assertThat(Terminal.stdoutIsTerminal()).isFalse();
    }
}
