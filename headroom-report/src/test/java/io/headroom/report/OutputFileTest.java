package io.headroom.report;

import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@link OutputFile}: what is at an output's path is never damaged, and no output is ever left half-written. */
@EnabledOnOs(OS.LINUX)
class OutputFileTest {
    @TempDir
    Path dir;

    private static final RunResult RUN = SampleResults.checkoutRun(RunOutcome.COMPLETED);

    @Test
    void replacesARegularFileWholeKeepingItsPermissionsAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("summary.json");
        Files.writeString(file, "stale");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        JsonSummary.write(RUN, file);

        assertThat(JsonSummary.read(file).info().name()).isEqualTo(RUN.info().name());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(names(dir)).containsExactly("summary.json");
    }

    @Test
    void aWriteThatFailsMidwayKeepsTheOldContentAndDeletesItsTemporaryFile() throws Exception {
        Path file = dir.resolve("report.html");
        Files.writeString(file, "<html>the old, whole report</html>");

        assertThatThrownBy(() -> OutputFile.write(file, null, out -> {
            out.write(new byte[32 * 1024]); // a first part reaches the file system, as before a disk fills up
            out.flush();
            throw new IOException("No space left on device");
        })).hasMessage("No space left on device");

        assertThat(Files.readString(file)).isEqualTo("<html>the old, whole report</html>");
        assertThat(names(dir)).containsExactly("report.html");
    }

    @Test
    void aNewFileGetsItsMissingFoldersAndTheWholeContent() throws Exception {
        Path file = dir.resolve("a/b/junit.xml");
        JunitReport.write(RUN, file);
        assertThat(Files.readString(file)).startsWith("<?xml").endsWith("</testsuites>\n");
    }

    @Test
    void followsASymbolicLinkTheLinkStaysAndItsTargetGetsTheContent() throws Exception {
        Path target = dir.resolve("real.md");
        Files.writeString(target, "stale");
        Path link = Files.createSymbolicLink(dir.resolve("latest.md"), target.getFileName());
        Path dangling = Files.createSymbolicLink(dir.resolve("next.md"), Path.of("sub", "new.md"));

        MarkdownSummary.write(RUN, link);
        MarkdownSummary.write(RUN, dangling);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real.md"));
        assertThat(Files.readString(target)).startsWith("## Headroom");
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(Files.readString(dir.resolve("sub/new.md"))).startsWith("## Headroom");
    }

    @Test
    void writesThroughDevNullAndLeavesItADevice() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeThat(isCharacterDevice(devNull)).isTrue();
        OutputFile.check(devNull);
        JsonSummary.write(RUN, devNull);
        CsvIntervals.write(RUN, devNull);
        assertThat(isCharacterDevice(devNull)).as("/dev/null is still a device").isTrue();
    }

    @Test
    void devFullFailsWithNoSpaceLeftAndStaysADevice() throws Exception {
        Path devFull = Path.of("/dev/full");
        assumeThat(isCharacterDevice(devFull)).isTrue();
        OutputFile.check(devFull); // writable: the disk is "full" only when written
        assertThatThrownBy(() -> JsonSummary.write(RUN, devFull)).isInstanceOf(IOException.class)
                .hasMessageContaining("No space left on device");
        assertThat(isCharacterDevice(devFull)).as("/dev/full is still a device").isTrue();
    }

    @Test
    void writesThroughAFifoToItsReaderAndLeavesItAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });

        JunitReport.write(RUN, fifo);

        assertThat(reader.get(30, TimeUnit.SECONDS)).startsWith("<?xml").endsWith("</testsuites>\n");
        assertThat(Files.readAttributes(fifo, "unix:mode").get("mode")).matches(m -> ((Integer) m & 0170000) == 0010000);
        assertThat(names(dir)).containsExactly("pipe");
    }

    @Test
    void dashIsTheCallersStandardOutput() throws Exception {
        assertThat(OutputFile.isStdout(Path.of("-"))).isTrue();
        assertThat(OutputFile.isStdout(Path.of("/dev/stdout"))).isTrue();
        assertThat(OutputFile.isStdout(Path.of("-x"))).isFalse();
        assertThat(OutputFile.isStdout(dir.resolve("-"))).isFalse();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        OutputFile.write(Path.of("-"), stdout, out -> JsonSummary.write(RUN, out));
        assertThat(JsonSummary.read(new java.io.ByteArrayInputStream(stdout.toByteArray()), "-").info().name())
                .isEqualTo(RUN.info().name());
        assertThat(Files.exists(Path.of("-"))).isFalse();
    }

    @Test
    void refusesADirectoryBeforeAndWhenWriting() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("out"));
        assertThatThrownBy(() -> OutputFile.check(folder)).isInstanceOf(UnwritableOutputException.class)
                .hasMessageContaining("is a directory");
        assertThatThrownBy(() -> HtmlReport.write(RUN, java.util.List.of(), folder))
                .isInstanceOf(UnwritableOutputException.class);
        assertThat(Files.isDirectory(folder)).isTrue();
    }

    @Test
    void checkRefusesAFolderThatTakesNoFileAndPassesOneThatDoesLeavingNothing() throws Exception {
        // /proc takes no new file, for root too (a chmod 555 folder would not stop root).
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).isTrue();
        assertThatThrownBy(() -> OutputFile.check(Path.of("/proc/headroom-summary.json")))
                .isInstanceOf(UnwritableOutputException.class).hasMessageContaining("cannot create a file in /proc");
        Path parentIsAFile = Files.writeString(dir.resolve("plain"), "x").resolve("summary.json");
        assertThatThrownBy(() -> OutputFile.check(parentIsAFile))
                .isInstanceOf(UnwritableOutputException.class).hasMessageContaining("cannot create the folder");

        OutputFile.check(dir.resolve("summary.json"));
        OutputFile.check(dir.resolve("new/sub/summary.json"));
        assertThat(names(dir)).containsExactlyInAnyOrder("plain", "new");
        assertThat(names(dir.resolve("new/sub"))).isEmpty();
    }

    @Test
    void refusesABlockDevice() throws Exception {
        Path block;
        try (Stream<Path> devices = Files.list(Path.of("/dev"))) {
            block = devices.filter(p -> mode(p) == 0060000).findFirst().orElse(null);
        }
        assumeThat(block).as("a block device in /dev").isNotNull();
        assertThatThrownBy(() -> OutputFile.check(block)).hasMessageContaining("is a block device");
        assertThatThrownBy(() -> JsonSummary.write(RUN, block)).hasMessageContaining("is a block device");
    }

    private static boolean isCharacterDevice(Path path) {
        return mode(path) == 0020000;
    }

    private static int mode(Path path) {
        try {
            return (Integer) Files.readAttributes(path, "unix:mode", LinkOption.NOFOLLOW_LINKS).get("mode") & 0170000;
        } catch (IOException e) {
            return -1;
        }
    }

    private static java.util.List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
