package io.headroom.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code headroom serve-demo --port 0} in a child JVM (the test's own classpath and JDK), for tests that
 * monitor or profile another process; parses the URL it prints. {@link #close} kills it.
 */
final class DemoChild implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Demo shop listening on (http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile String baseUrl;

    private DemoChild(Process process) {
        this.process = process;
        Thread drain = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        baseUrl = m.group(1);
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                output.append("[drain failed: ").append(e).append("]\n");
            }
        }, "demo-child-output");
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Starts the demo with a small, fixed young generation and the serial collector, so a healthy demo's
     * resident memory levels off within a second of load and a leak is the only steady climb.
     */
    static DemoChild start(String... serveDemoArgs) throws IOException, InterruptedException {
        return startWith(List.of("-Xms64m", "-Xmx512m", "-Xmn8m", "-XX:+UseSerialGC"), serveDemoArgs);
    }

    /** Starts the demo with these JVM options (heap, collector) instead of the fixed small heap of {@link #start}. */
    static DemoChild startWith(List<String> jvmOptions, String... serveDemoArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve-demo", "--port", "0"));
        command.addAll(List.of(serveDemoArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        DemoChild child = new DemoChild(process);
        if (!child.ready.await(30, TimeUnit.SECONDS)) {
            child.close();
            throw new AssertionError("demo child did not start: " + command + "\n" + child.output);
        }
        return child;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return baseUrl;
    }

    String output() {
        return output.toString();
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
}
