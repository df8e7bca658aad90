package io.headroom.cli;

import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Ctrl-C (SIGINT), a second Ctrl-C, SIGTERM and SIGHUP on a real {@code headroom run} process: graceful stop, every
 * output written fresh (a stale file at the path is replaced), exit 130; a write that hangs after a second signal
 * still ends the process (exit 97).
 */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCStopsGracefullyAndWritesThePartialSummary() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = longPlan(demo);
            Path json = dir.resolve("partial.json");
            Path log = dir.resolve("out.log");
            Process process = new ProcessBuilder(TerminalSignals.withTerminalDefaults(List.of(javaBinary(), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "run", plan.toString(), "--json", json.toString())))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                waitForRequests(demo, process);
                signal("INT", process.pid());
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after Ctrl-C").isTrue();
                String output = Files.readString(log, StandardCharsets.UTF_8);
                assertThat(process.exitValue()).as(output).isEqualTo(130);
                assertThat(output).contains("stopping gracefully", "interrupted");
                RunResult result = JsonSummary.read(json);
                assertThat(result.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
                assertThat(result.info().duration().toSeconds()).isLessThan(50);
                assertThat(Results.counter(result, "http_reqs")).isPositive();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aSecondCtrlCRightAfterTheFirstStillWritesAFreshSummary() throws Exception {
        stopsAndWritesAFreshSummary("INT", "INT");
    }

    @Test
    void sighupWhenTheTerminalClosesWritesThePartialSummaryLikeCtrlC() throws Exception {
        stopsAndWritesAFreshSummary("HUP");
    }

    @Test
    void sigtermWritesThePartialSummaryLikeCtrlC() throws Exception {
        stopsAndWritesAFreshSummary("TERM");
    }

    /** Sends {@code signals} back to back once load flows; the stale summary at the path must be replaced. */
    private void stopsAndWritesAFreshSummary(String... signals) throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path json = dir.resolve("partial.json");
            Files.writeString(json, "stale: an older run's summary");
            Path log = dir.resolve("out.log");
            Process process = start(demo, log, "--json", json.toString());
            try {
                waitForRequests(demo, process);
                for (String signal : signals) signal(signal, process.pid());
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after " + List.of(signals)).isTrue();
                String output = Files.readString(log, StandardCharsets.UTF_8);
                assertThat(process.exitValue()).as(output).isEqualTo(130);
                assertThat(output).contains("summary written to " + json);
                RunResult result = JsonSummary.read(json);
                assertThat(result.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
                assertThat(Results.counter(result, "http_reqs")).isPositive();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aSignalWhileTheOutputsAreBeingWrittenWaitsForThemAll() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path json = dir.resolve("partial.json");
            Path junit = dir.resolve("junit.xml");
            Files.writeString(json, "stale");
            Files.writeString(junit, "stale");
            // The HTML goes to a FIFO that the test reads only after the second signal: the child is then
            // demonstrably still writing (blocked until a reader comes), and the JUnit file comes after it.
            Path fifo = mkfifo("report.fifo");
            Path log = dir.resolve("out.log");
            Process process = start(demo, log, "--json", json.toString(), "--html", fifo.toString(),
                    "--junit", junit.toString());
            try {
                waitForRequests(demo, process);
                signal("INT", process.pid());
                waitForOutput(log, process, "summary written to");
                signal("INT", process.pid());
                CompletableFuture<String> html = readInBackground(fifo);
                assertThat(html.get(60, TimeUnit.SECONDS)).as(Files.readString(log)).contains("<html").endsWith("</html>\n");
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String output = Files.readString(log, StandardCharsets.UTF_8);
                assertThat(process.exitValue()).as(output).isEqualTo(130);
                assertThat(output).contains("writing the results first");
                assertThat(JsonSummary.read(json).outcome()).isEqualTo(RunOutcome.INTERRUPTED);
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void writingThatHangsAfterASecondSignalStillEndsTheProcessWithExit97() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path json = dir.resolve("partial.json");
            Files.writeString(json, "stale");
            Path fifo = mkfifo("nobody-reads.fifo"); // opening it for writing blocks for ever
            Path log = dir.resolve("out.log");
            Process process = start(demo, log, "--json", json.toString(), "--html", fifo.toString());
            try {
                waitForRequests(demo, process);
                signal("INT", process.pid());
                waitForOutput(log, process, "summary written to");
                signal("INT", process.pid());
                assertThat(process.waitFor(RunSession.StopSignals.FORCED_EXIT_AFTER_SECONDS + 60, TimeUnit.SECONDS))
                        .as("ended by itself").isTrue();
                String output = Files.readString(log, StandardCharsets.UTF_8);
                assertThat(process.exitValue()).as(output).isEqualTo(ExitCode.OUTPUTS_NOT_WRITTEN.code());
                assertThat(output).contains("were not written within");
                assertThat(JsonSummary.read(json).outcome()).isEqualTo(RunOutcome.INTERRUPTED);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /** A minute of three VUs against the demo: long enough that only a signal ends it. */
    private Path longPlan(DemoServer demo) throws IOException {
        Path plan = dir.resolve("long.yaml");
        Files.writeString(plan, """
                name: long
                maxDuration: 2m
                scenarios:
                  browse:
                    executor: constant-vus
                    vus: 3
                    duration: 60s
                    gracefulStop: 5s
                    flow:
                      - get: %s/products?limit=5
                      - think: 50ms
                """.formatted(demo.baseUrl()));
        return plan;
    }

    private Process start(DemoServer demo, Path log, String... outputs) throws IOException {
        Path plan = longPlan(demo);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--quiet", plan.toString()));
        command.addAll(List.of(outputs));
        return new ProcessBuilder(TerminalSignals.withTerminalDefaults(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private Path mkfifo(String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        assumeThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).as("mkfifo").isZero();
        return fifo;
    }

    /** Reads the FIFO to its end on a daemon thread (opening it blocks until a writer comes, maybe never). */
    private static CompletableFuture<String> readInBackground(Path fifo) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        }, "fifo-reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    private static void waitForOutput(Path log, Process process, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(text) && System.nanoTime() < deadline
                && process.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains(text);
    }

    private static void waitForRequests(DemoServer demo, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (demo.stats().totalRequests() < 20 && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(demo.stats().totalRequests()).as("requests before Ctrl-C").isGreaterThanOrEqualTo(20);
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

}
