package io.headroom.cli;

import io.headroom.profiler.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code headroom profile diff BEFORE AFTER}: a differential flame graph from recordings or collapsed files. */
class ProfileDiffTest {

    @Test
    void aFrameThatGrewIsReportedAndThePageIsWritten(@TempDir Path dir) throws Exception {
        Path before = Files.writeString(dir.resolve("before.collapsed"), "app.Main.run;app.Hot.work 50\napp.Main.run;app.Cold.idle 50\n");
        Path after = Files.writeString(dir.resolve("after.collapsed"), "app.Main.run;app.Hot.work 300\napp.Main.run;app.Cold.idle 100\n");
        Path html = dir.resolve("diff.html");

        CliRun run = CliRun.of("profile", "diff", "--html", html.toString(), before.toString(), after.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("CPU differential flame graph: before.collapsed", "after.collapsed")
                .containsPattern("\\+25\\.00\\s+50\\.0 % -> {1,2}75\\.0 %\\s+app\\.Hot\\.work")
                .containsPattern("-25\\.00\\s+50\\.0 % -> {1,2}25\\.0 %\\s+app\\.Cold\\.idle")
                .contains("Differential flame graph written to " + html);
        assertThat(Files.readString(html)).contains("\"deltas\":[", "\"beforeTotal\":100", "app.Hot.work");
    }

    @Test
    void aProfileComparedWithItselfShowsNoChange(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("fixture.jfr");
        try (InputStream in = Golden.class.getResourceAsStream("fixture.jfr")) {
            Files.copy(in, jfr, StandardCopyOption.REPLACE_EXISTING);
        }

        CliRun cpu = CliRun.of("profile", "diff", "--html", dir.resolve("cpu.html").toString(), jfr.toString(), jfr.toString());
        CliRun wall = CliRun.of("profile", "diff", "--wall", "--html", dir.resolve("wall.html").toString(), jfr.toString(),
                jfr.toString());

        assertThat(cpu.exitCode()).as(cpu.toString()).isZero();
        assertThat(cpu.out()).contains("no frame's share changed");
        assertThat(wall.exitCode()).as(wall.toString()).isZero();
        assertThat(wall.out()).contains("Wall-clock differential flame graph", " ms", "no frame's share changed");
        assertThat(Files.readString(dir.resolve("wall.html"))).contains("\"unit\":\"ms\"", "[parked]");
    }

    @Test
    void thePageCanGoToStandardOutputWithTheWordsOnStandardError(@TempDir Path dir) throws Exception {
        Path before = Files.writeString(dir.resolve("b.txt"), "a;b 1\n");
        Path after = Files.writeString(dir.resolve("a.txt"), "a;b 1\na;c 1\n");

        CliRun run = CliRun.of("profile", "diff", "--html", "-", before.toString(), after.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("<!DOCTYPE html>").contains("\"deltas\":[").doesNotContain("biggest changes");
        assertThat(run.err()).contains("CPU differential flame graph", "biggest changes");
    }

    @Test
    void aBadCollapsedLineIsRefusedNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.txt"), "a;b 1\n");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "a;b 1\na;c lots\n");

        CliRun run = CliRun.of("profile", "diff", "--html", dir.resolve("d.html").toString(), good.toString(), bad.toString());
        CliRun missing = CliRun.of("profile", "diff", good.toString(), dir.resolve("nope.jfr").toString());
        CliRun wallOnText = CliRun.of("profile", "diff", "--wall", good.toString(), good.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("AFTER " + bad + ": line 2: the count 'lots' is not a whole number")
                .doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("d.html"))).isFalse();
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("AFTER " + dir.resolve("nope.jfr") + ": no such file");
        assertThat(wallOnText.exitCode()).isEqualTo(2);
        assertThat(wallOnText.err()).contains("--wall needs JFR recordings");
    }
}
