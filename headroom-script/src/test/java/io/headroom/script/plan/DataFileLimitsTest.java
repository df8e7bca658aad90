package io.headroom.script.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Data files: regular files only, a size limit, and errors that name file, line and column but never a value. */
class DataFileLimitsTest {
    /** Only a hang guard: a FIFO read would block forever, /dev/zero would never end. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Plan load(String dataSource) {
        String yaml = """
                data:
                  users: %s
                scenarios:
                  s:
                    executor: per-vu-iterations
                    vus: 1
                    iterations: 1
                    flow: [{get: "http://127.0.0.1:1/${users.name}"}]
                """.formatted(dataSource);
        return assertTimeoutPreemptively(HANG_GUARD, () -> new PlanLoader(n -> null).read(yaml, "plan.yaml", dir));
    }

    private List<String> errors(String dataSource) {
        try {
            load(dataSource);
        } catch (PlanException e) {
            return e.errors().stream().map(PlanError::toString).toList();
        }
        throw new AssertionError("the plan was accepted");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("rows.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is available");
        assertThat(errors("{file: rows.csv}")).singleElement().asString()
                .startsWith("plan.yaml:2:17: data.users.file: cannot use " + fifo + ": cannot read: not a regular file");
    }

    @Test
    void devicesAreRefused() {
        for (String device : List.of("/dev/zero", "/dev/urandom")) {
            if (!Files.exists(Path.of(device))) continue;
            assertThat(errors("{file: " + device + "}")).singleElement().asString()
                    .contains("data.users.file: cannot use " + device + ": cannot read: not a regular file (a pipe, device or socket)");
        }
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        Files.createDirectory(dir.resolve("folder"));
        assertThat(errors("{file: folder}")).singleElement().asString().contains("not a regular file (a directory)");
    }

    @Test
    void aFileOverItsMaxSizeIsRefusedAndOneUnderItIsRead() throws Exception {
        Files.writeString(dir.resolve("users.csv"), "name\n" + "user\n".repeat(300)); // 1505 bytes
        assertThat(errors("{file: users.csv, maxSize: 1KiB}")).containsExactly("plan.yaml:2:17: data.users.file: cannot use "
                + dir.resolve("users.csv") + ": larger than 1 KiB (the data file limit; raise it with maxSize on the data source)");
        assertThat(load("{file: users.csv, maxSize: 2KiB}").data().get("users").size()).isEqualTo(300);
        assertThat(load("{file: users.csv}").data().get("users").size()).isEqualTo(300);
    }

    @Test
    void aBadMaxSizeIsAPlanError() {
        assertThat(errors("{file: users.csv, maxSize: lots}"))
                .containsExactly("plan.yaml:2:37: data.users.maxSize: expected a positive size such as 500MiB or 2GB, found \"lots\"");
    }

    @Test
    void csvErrorsNameFileLineAndColumnButNeverAValue() throws Exception {
        Files.writeString(dir.resolve("users.csv"), "name,password\nalice,hunter2-secret\nbob\n");
        assertThat(errors("{file: users.csv}")).singleElement().asString()
                .endsWith(dir.resolve("users.csv") + ":3: expected 2 fields, as the header line has, found 1")
                .doesNotContain("hunter2").doesNotContain("bob").doesNotContain("password");
        Files.writeString(dir.resolve("users.csv"), "name,password\nalice,\"hunter2-secret\n");
        assertThat(errors("{file: users.csv}")).singleElement().asString()
                .endsWith(dir.resolve("users.csv") + ":2:7: a quoted field is never closed").doesNotContain("hunter2");
        Files.write(dir.resolve("users.csv"), new byte[] {'n', 'a', 'm', 'e', '\n', 's', (byte) 0xC3, '\n'});
        assertThat(errors("{file: users.csv}")).singleElement().asString().endsWith(": cannot read: not UTF-8 text");
    }

    @Test
    void aGoodFileStreamsWithQuotesCrLfAndABom() throws Exception {
        Files.writeString(dir.resolve("users.csv"), "\uFEFFname,note\r\n\"a,\"\"b\",x\r\n\r\nc,\"multi\nline\"\r\n");
        var users = load("{file: users.csv}").data().get("users");
        assertThat(users.columns()).containsExactly("name", "note");
        assertThat(users.size()).isEqualTo(2);
        assertThat(users.row(0).asMap()).containsExactly(java.util.Map.entry("name", "a,\"b"), java.util.Map.entry("note", "x"));
        assertThat(users.row(1).asMap()).containsExactly(java.util.Map.entry("name", "c"), java.util.Map.entry("note", "multi\nline"));
    }
}
