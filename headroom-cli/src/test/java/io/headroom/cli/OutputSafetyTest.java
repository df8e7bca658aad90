package io.headroom.cli;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Outputs never damage what is at their path and are never lost: devices are written through, a bad path stops the
 * run before the first request (exit 2), a failed write leaves every other output written (exit 97), {@code -} is
 * stdout with the human summary on stderr.
 */
@EnabledOnOs(OS.LINUX)
class OutputSafetyTest {
    @TempDir
    Path dir;

    DemoServer demo;

    @BeforeEach
    void startDemo() throws IOException {
        demo = DemoServer.start(DemoConfig.defaults());
    }

    @AfterEach
    void stopDemo() {
        demo.close();
    }

    private Path plan() throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: outputs
                baseUrl: %s
                thresholds:
                  http_req_failed: ["rate<0.5"]
                scenarios:
                  api:
                    executor: per-vu-iterations
                    vus: 2
                    iterations: 3
                    flow:
                      - get: /products?limit=5
                """.formatted(demo.baseUrl()));
        return plan;
    }

    private CliRun run(String... outputs) throws IOException {
        String[] args = Stream.concat(Stream.of("run", "--accept-invalid-run", "--quiet", plan().toString()),
                Stream.of(outputs)).toArray(String[]::new);
        return CliRun.of(args);
    }

    @Test
    void devFullFailsItsOutputWithExit97WhileTheOtherOutputsAreWrittenAndTheDeviceStays() throws Exception {
        assumeThat(isCharacterDevice(Path.of("/dev/full"))).isTrue();
        Path html = dir.resolve("report.html");
        Path junit = dir.resolve("junit.xml");
        CliRun run = run("--json", "/dev/full", "--html", html.toString(), "--junit", junit.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OUTPUTS_NOT_WRITTEN.code()).isEqualTo(97);
        assertThat(run.err()).contains("could not write /dev/full (--json): No space left on device")
                .doesNotContain("\tat ");
        assertThat(isCharacterDevice(Path.of("/dev/full"))).as("/dev/full is still a device").isTrue();
        assertThat(Files.readString(html)).contains("<html").endsWith("</html>\n");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(run.out()).contains("HTML report written to", "JUnit XML written to");

        // Negative control: the same run with a regular file exits by its thresholds.
        CliRun ok = run("--json", dir.resolve("s.json").toString(), "--html", html.toString());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
    }

    @Test
    void devNullTakesEveryOutputAndStaysADevice() throws Exception {
        assumeThat(isCharacterDevice(Path.of("/dev/null"))).isTrue();
        CliRun run = run("--json", "/dev/null", "--html", "/dev/null", "--csv", "/dev/null");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(isCharacterDevice(Path.of("/dev/null"))).isTrue();
    }

    @Test
    void anUnwritablePathStopsTheRunBeforeTheFirstRequest() throws Exception {
        Path plainFile = Files.writeString(dir.resolve("plain"), "x");
        Path folder = Files.createDirectory(dir.resolve("folder"));
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).isTrue();
        // /proc takes no new file, also for root (whom chmod 555 would not stop).
        for (String[] bad : new String[][] {
                {"--json", "/proc/headroom-summary.json", "cannot create a file in /proc"},
                {"--html", plainFile.resolve("report.html").toString(), "cannot create the folder"},
                {"--junit", folder.toString(), "is a directory"},
                {"--csv", "/proc/headroom.csv", "cannot create a file in /proc"}}) {
            CliRun run = run("--markdown", dir.resolve("fine.md").toString(), bad[0], bad[1]);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).as(run.toString()).contains("headroom: " + bad[0] + " " + bad[1]).contains(bad[2])
                    .doesNotContain("\tat ");
        }
        assertThat(demo.stats().totalRequests()).as("requests sent").isZero();
        assertThat(dir.resolve("fine.md")).doesNotExist();

        // Negative control: writable paths run.
        CliRun ok = run("--json", dir.resolve("fine.json").toString(), "--csv", dir.resolve("new/i.csv").toString());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(demo.stats().totalRequests()).isPositive();
    }

    @Test
    void twoOutputsToOneFileAreRefusedBeforeTheRun() throws Exception {
        Path same = dir.resolve("out.txt");
        CliRun run = run("--json", same.toString(), "--markdown", dir.resolve(".").resolve("out.txt").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--markdown", "--json already writes there");
        CliRun twoStdout = run("--json", "-", "--csv", "-");
        assertThat(twoStdout.exitCode()).as(twoStdout.toString()).isEqualTo(2);
        assertThat(twoStdout.err()).contains("--json already writes to standard output");
        assertThat(demo.stats().totalRequests()).isZero();
    }

    @Test
    void jsonToDashPutsOnlyTheSummaryOnStdoutAndTheHumanSummaryOnStderr() throws Exception {
        Path html = dir.resolve("report.html");
        CliRun run = run("--json", "-", "--html", html.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        var result = JsonSummary.read(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)), "stdout");
        assertThat(result.info().name()).isEqualTo("outputs");
        assertThat(run.out()).startsWith("{").doesNotContain("written to").doesNotContain("█ RUN");
        assertThat(run.err()).contains("█ RUN", "HTML report written to " + html);
        assertThat(dir.resolve("-")).doesNotExist();
    }

    @Test
    void aSymlinkedOutputStaysALinkAndItsTargetGetsTheSummary() throws Exception {
        Path target = dir.resolve("runs/42.json");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "stale");
        Path link = Files.createSymbolicLink(dir.resolve("latest.json"), Path.of("runs/42.json"));
        CliRun run = run("--json", link.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(JsonSummary.read(target).info().name()).isEqualTo("outputs");
    }

    @Test
    void reportRebuildingIntoDevFullExits97AndWritesTheRest() throws Exception {
        assumeThat(isCharacterDevice(Path.of("/dev/full"))).isTrue();
        Path summary = dir.resolve("s.json");
        assertThat(run("--json", summary.toString()).exitCode()).isZero();
        Path md = dir.resolve("s.md");
        CliRun report = CliRun.of("report", summary.toString(), "--html", "/dev/full", "--markdown", md.toString());
        assertThat(report.exitCode()).as(report.toString()).isEqualTo(97);
        assertThat(Files.readString(md)).startsWith("## Headroom: outputs");
        assertThat(isCharacterDevice(Path.of("/dev/full"))).isTrue();
    }

    @Test
    void compareChecksItsMarkdownPathBeforeReadingAndExits97WhenTheWriteFails() throws Exception {
        assumeThat(isCharacterDevice(Path.of("/dev/full"))).isTrue();
        Path summary = dir.resolve("s.json");
        assertThat(run("--json", summary.toString()).exitCode()).isZero();

        CliRun refused = CliRun.of("compare", summary.toString(), summary.toString(), "--markdown", "/proc/headroom.md");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("--markdown /proc/headroom.md: cannot create a file in /proc");
        assertThat(refused.out()).isEmpty();

        CliRun full = CliRun.of("compare", summary.toString(), summary.toString(), "--markdown", "/dev/full");
        assertThat(full.exitCode()).as(full.toString()).isEqualTo(97);
        assertThat(full.err()).contains("could not write /dev/full (--markdown): No space left on device");

        Path md = dir.resolve("cmp.md");
        CliRun ok = CliRun.of("compare", summary.toString(), summary.toString(), "--markdown", md.toString());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(md).isNotEmptyFile();
    }

    static boolean isCharacterDevice(Path path) {
        try {
            return ((Integer) Files.readAttributes(path, "unix:mode", LinkOption.NOFOLLOW_LINKS).get("mode") & 0170000) == 0020000;
        } catch (IOException e) {
            return false;
        }
    }
}
