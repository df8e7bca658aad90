package io.headroom.cli.k6;

import io.headroom.cli.Main;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunResult;
import io.headroom.report.JsonSummary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code headroom} command line for the conformance vectors: in-process through {@link Main#run}
 * (the exit code {@code main} passes to {@code System.exit}), or as a child JVM when the process's own exit
 * code is the point.
 */
record K6Cli(int exitCode, String out, String err, RunResult summary) {
    /** Runs {@code args} in-process; {@code json} (may be null) is read back as the run's summary when written. */
    static K6Cli run(Path json, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (json != null) all.addAll(List.of("--json", json.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        RunResult summary = null;
        if (json != null && Files.exists(json)) {
            try {
                summary = JsonSummary.read(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new K6Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), summary);
    }

    /** Runs {@code args} as {@code java -cp <test classpath> io.headroom.cli.Main ...}: the process's exit code. */
    static K6Cli child(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        // Small outputs: read both after the exit, bounded in time.
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("headroom child did not finish within 60 s: " + command);
        }
        return new K6Cli(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8), null);
    }

    /** The run's only scenario, as the summary names it. */
    RunInfo.ScenarioInfo scenario() {
        if (summary == null) throw new AssertionError("no summary was written\n" + this);
        List<RunInfo.ScenarioInfo> s = summary.info().scenarios();
        if (s.size() != 1) throw new AssertionError("expected one scenario, found " + s + "\n" + this);
        return s.get(0);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
