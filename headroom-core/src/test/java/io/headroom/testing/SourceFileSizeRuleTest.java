package io.headroom.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The line-limit rule itself, on fixture trees: a production file one line over the limit fails it (named, with
 * its count), one at the limit passes, tests and build output are not counted, and the allow-list only shrinks.
 */
class SourceFileSizeRuleTest {
    private static final int LIMIT = SourceFileSize.MAX_LINES;

    @TempDir
    Path root;

    @Test
    void aProductionFileOneLineOverTheLimitFailsTheRule() throws IOException {
        file("mod-a/src/main/java/a/Small.java", 10);
        file("mod-a/src/main/java/a/Big.java", LIMIT + 1);
        assertThatThrownBy(() -> SourceFileSize.assertNoneOver(root, LIMIT, Map.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("mod-a/src/main/java/a/Big.java has " + (LIMIT + 1) + " lines")
                .message().doesNotContain("Small.java");
        assertThat(SourceFileSize.over(root, LIMIT)).containsExactly(new SourceFileSize.Count("mod-a/src/main/java/a/Big.java", LIMIT + 1));
    }

    @Test
    void aFileAtTheLimitPasses() throws IOException {
        file("mod-a/src/main/java/a/AtLimit.java", LIMIT);
        assertThatCode(() -> SourceFileSize.assertNoneOver(root, LIMIT, Map.of())).doesNotThrowAnyException();
    }

    @Test
    void testsFixturesAndBuildOutputAreNotCounted() throws IOException {
        file("mod-a/src/main/java/a/Ok.java", 5);
        file("mod-a/src/test/java/a/BigTest.java", LIMIT * 3);
        file("mod-a/target/generated-sources/src/main/java/a/Generated.java", LIMIT * 3);
        file("mod-a/src/main/resources/Template.java", LIMIT * 3);
        assertThat(SourceFileSize.count(root)).extracting(SourceFileSize.Count::file).containsExactly("mod-a/src/main/java/a/Ok.java");
        assertThatCode(() -> SourceFileSize.assertNoneOver(root, LIMIT, Map.of())).doesNotThrowAnyException();
    }

    @Test
    void anAllowedFileMayBeOverButAnEntryNoLongerNeededFails() throws IOException {
        file("mod-a/src/main/java/a/Big.java", LIMIT + 50);
        file("mod-a/src/main/java/a/Fixed.java", LIMIT - 50);
        assertThatCode(() -> SourceFileSize.assertNoneOver(root, LIMIT, Map.of("mod-a/src/main/java/a/Big.java", "being split")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SourceFileSize.assertNoneOver(root, LIMIT, Map.of(
                "mod-a/src/main/java/a/Big.java", "being split", "mod-a/src/main/java/a/Fixed.java", "was split")))
                .hasMessageContaining("mod-a/src/main/java/a/Fixed.java is in the allow-list but has " + (LIMIT - 50) + " lines now");
        assertThatThrownBy(() -> SourceFileSize.assertNoneOver(root, LIMIT, Map.of(
                "mod-a/src/main/java/a/Big.java", "being split", "mod-a/src/main/java/a/Gone.java", "deleted")))
                .hasMessageContaining("Gone.java is in the allow-list but no longer exists");
    }

    @Test
    void anEmptyTreeFailsRatherThanPassingUnchecked() {
        assertThatThrownBy(() -> SourceFileSize.assertNoneOver(root, LIMIT, Map.of()))
                .hasMessageContaining("no production source files");
    }

    @Test
    void linesCountALastLineWithoutANewline() {
        assertThat(SourceFileSize.lines("a\nb\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(SourceFileSize.lines("a\nb".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(SourceFileSize.lines(new byte[0])).isZero();
    }

    private void file(String relative, int lines) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "// line\n".repeat(lines));
    }
}
