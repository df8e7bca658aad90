package io.headroom.cli;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real {@code headroom run} process with a small heap: VUs that cannot fit are refused up front (exit 2). */
class VuMemoryCliTest {
    @TempDir
    Path dir;

    private record Child(int exitCode, String output) {}

    private Child run(String heap, String plan) throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, plan);
        Path log = dir.resolve("out.log");
        Process process = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--accept-invalid-run", file.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the run ended").isTrue();
            return new Child(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String plan(int vus, int port) {
        return """
                name: memory
                scenarios:
                  api:
                    executor: per-vu-iterations
                    vus: %d
                    iterations: 1
                    flow:
                      - get: http://127.0.0.1:%d/health
                """.formatted(vus, port);
    }

    @Test
    void vusThatCannotFitInTheHeapAreRefusedUpFrontWithTheFix() throws Exception {
        Child child = run("96m", plan(100_000, 1));
        assertThat(child.exitCode()).as(child.output()).isEqualTo(2);
        assertThat(child.output()).contains("plan.yaml: the scenarios may run 100000 VUs at once (api: 100000)")
                .contains("about 1024 fit in this generator's 96 MiB heap").contains("HEADROOM_HEAP=4g")
                .doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    }

    @Test
    void vusThatFitRunInTheSameHeap() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Child child = run("96m", plan(20, demo.port()));
            assertThat(child.exitCode()).as(child.output()).isZero();
            assertThat(demo.stats().totalRequests()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void aVuCountAboveTheAbsoluteCapIsAPlanErrorWithItsLine() {
        CliRun run = CliRun.of("run", writePlan(plan(2_000_000_000, 1)).toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("plan.yaml:5:").contains("scenarios.api.vus: expected at most 1000000 VUs per scenario, found 2000000000");
    }

    private Path writePlan(String text) {
        try {
            Path file = dir.resolve("plan.yaml");
            Files.writeString(file, text);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
