package io.headroom.profiler;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child {@code java} process for tests, run with the JDK the tests run on; waits for its {@code ready}
 * line and keeps its output for failure messages. {@link #close} kills it.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final String readyPrefix;

    private ChildJvm(Process process, String readyPrefix) {
        this.readyPrefix = readyPrefix;
        this.process = process;
        Thread drain = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.startsWith(readyPrefix)) ready.countDown();
                }
            } catch (IOException e) {
                output.append("[drain failed: ").append(e).append("]\n");
            }
        }, "child-jvm-output");
        drain.setDaemon(true);
        drain.start();
    }

    /** The java launcher of the JVM running the tests. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code java [jvmOptions] -cp <where the classes are> mainClass args}. */
    static List<String> command(List<String> jvmOptions, Class<?> mainClass, Class<?>[] classpathOf, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath(classpathOf));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }

    static List<String> command(Class<?> mainClass, String... args) {
        return command(List.of(), mainClass, new Class<?>[] {mainClass}, args);
    }

    /** Starts the command and waits (up to 30 s) for the child to print {@code ready}. */
    static ChildJvm start(List<String> command) throws IOException, InterruptedException {
        return start(command, "ready");
    }

    /** Starts the command and waits (up to 30 s) for the child to print a line starting with {@code readyPrefix}. */
    static ChildJvm start(List<String> command, String readyPrefix) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ChildJvm child = new ChildJvm(process, readyPrefix);
        if (!child.ready.await(30, TimeUnit.SECONDS)) {
            child.close();
            throw new AssertionError("child JVM did not get ready: " + command + "\n" + child.output());
        }
        return child;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    String output() {
        return output.toString();
    }

    boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String classpath(Class<?>... classes) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
