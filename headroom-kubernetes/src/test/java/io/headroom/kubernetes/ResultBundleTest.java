package io.headroom.kubernetes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The coordinator's files survive the trip through its log, mixed with the lines a user sees. */
class ResultBundleTest {
    @TempDir
    Path dir;

    static String printed(Path dir, int exitCode) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultBundle.print(dir, exitCode, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void filesAndExitCodeComeBackAndOtherLinesAreShown() throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{\"schema\":\"headroom.summary/1\"}");
        byte[] html = new byte[50_000];
        new Random(1).nextBytes(html);
        Files.write(dir.resolve("report.html"), html);
        String log = "running 3 agents\n" + printed(dir, 99).replace("headroom-bundle:", "progress line\nheadroom-bundle:");
        ResultBundle.Reader reader = new ResultBundle.Reader();
        List<String> shown = new ArrayList<>();
        for (String line : log.split("\n")) if (!reader.accept(line)) shown.add(line);
        assertThat(reader.exitCode()).isEqualTo(99);
        assertThat(reader.files()).containsOnlyKeys("summary.json", "report.html");
        assertThat(reader.files().get("report.html")).isEqualTo(html);
        assertThat(shown).first().isEqualTo("running 3 agents");
        assertThat(shown).allMatch(s -> !s.contains("headroom-bundle"));
        assertThat(reader.problem()).isNull();
    }

    @Test
    void aBundleLargerThanACoordinatorSendsIsNotKeptAndSaysWhy() {
        ResultBundle.Reader reader = new ResultBundle.Reader();
        String line = ResultBundle.PREFIX + "A".repeat(ResultBundle.LINE_CHARS);
        long lines = ResultBundle.MAX_PAYLOAD_CHARS / ResultBundle.LINE_CHARS + 2;
        for (long i = 0; i < lines; i++) assertThat(reader.accept(line)).isTrue();
        reader.accept(ResultBundle.END + "0");
        assertThat(reader.exitCode()).isZero();
        assertThat(reader.files()).isEmpty();
        assertThat(reader.problem()).contains("larger than " + ResultBundle.MAX_ZIP_BYTES);
    }

    @Test
    void aBundleThatUnzipsPastTheLimitOrIsNoZipIsRefusedWithAReason() throws IOException {
        byte[] zeros = new byte[64 * 1024];
        String payload = Base64.getEncoder().encodeToString(ResultBundle.zip(Map.of("report.html", zeros)));
        assertThatThrownBy(() -> ResultBundle.decode(List.of(payload), 32 * 1024))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("unzips to more than 32768 bytes");
        assertThat(ResultBundle.decode(List.of(payload), 64 * 1024)).containsOnlyKeys("report.html"); // at the limit: kept
        ResultBundle.Reader reader = new ResultBundle.Reader();
        reader.accept(ResultBundle.PREFIX + "not base64 !");
        reader.accept(ResultBundle.END + "0");
        assertThat(reader.files()).isEmpty();
        assertThat(reader.problem()).contains("corrupt");
    }

    @Test
    void aLogCutBeforeItsEndHasNoExitCode() throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{}");
        String log = printed(dir, 0);
        ResultBundle.Reader reader = new ResultBundle.Reader();
        for (String line : log.substring(0, log.indexOf(ResultBundle.END)).split("\n")) reader.accept(line);
        assertThat(reader.exitCode()).isNull();
    }

    @Test
    void reportsTooLargeForTheLogLeaveOnlyTheSummary() throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{}");
        byte[] big = new byte[ResultBundle.MAX_ZIP_BYTES + 1024];
        new Random(2).nextBytes(big); // incompressible
        Files.write(dir.resolve("report.html"), big);
        ResultBundle.Reader reader = new ResultBundle.Reader();
        List<String> shown = new ArrayList<>();
        for (String line : printed(dir, 0).split("\n")) if (!reader.accept(line)) shown.add(line);
        assertThat(reader.files()).containsOnlyKeys("summary.json");
        assertThat(shown).anyMatch(s -> s.contains("only summary.json is sent back"));
    }
}
