package io.headroom.maven;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one {@code headroom} command ({@code io.headroom.cli.Main}) in a forked JVM and hands every line it
 * prints to a consumer while keeping them, so a failure message can quote them. Not thread-safe; one per
 * command.
 */
final class ForkedCli {
    static final String MAIN = "io.headroom.cli.Main";

    private final Path java;
    private final List<String> jvmOptions;
    private final String classPath;
    private final Path workingDirectory;

    /** {@code jvmOptions} go before the class path, e.g. the generator's {@code -Xmx}. */
    ForkedCli(Path java, List<String> jvmOptions, String classPath, Path workingDirectory) {
        this.java = java;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classPath = classPath;
        this.workingDirectory = workingDirectory;
    }

    /** What a finished command exited with and printed (stdout and stderr interleaved, in order). */
    record Outcome(int exitCode, List<String> lines) {
        Outcome {
            lines = List.copyOf(lines);
        }
    }

    /** Runs {@code headroom <arguments>} to its end. */
    Outcome run(List<String> arguments, Consumer<String> log) throws IOException, InterruptedException {
        Process process = start(arguments);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread pump = pump(process.getInputStream(), line -> {
            lines.add(line);
            log.accept(line);
        });
        try {
            int code = process.waitFor();
            pump.join();
            return new Outcome(code, lines);
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
    }

    /** Starts {@code headroom <arguments>} and returns at once; the caller stops the process. */
    Process start(List<String> arguments, Consumer<String> log) throws IOException {
        Process process = start(arguments);
        pump(process.getInputStream(), log);
        return process;
    }

    private Process start(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(MAIN);
        command.addAll(arguments);
        return new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
    }

    private static Thread pump(InputStream in, Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) sink.accept(line);
            } catch (IOException e) {
                // The process ended; nothing more to read.
            }
        }, "headroom-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
