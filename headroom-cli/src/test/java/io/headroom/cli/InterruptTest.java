package io.headroom.cli;

import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C (SIGINT) on a real {@code headroom run} process: graceful stop, partial summary written, exit 130. */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCStopsGracefullyAndWritesThePartialSummary() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
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
            Path json = dir.resolve("partial.json");
            Path log = dir.resolve("out.log");
            Process process = new ProcessBuilder(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run", plan.toString(), "--json", json.toString()))
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
