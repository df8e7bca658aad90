package io.headroom.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The agent processes of {@code headroom run --agents N} on this machine: N children started with this JVM's own
 * command ({@code java}, its options and class path, {@code io.headroom.cli.Main agent --coordinator ... --index i
 * PLAN}), each one's exit reported to the coordinator at once, and every child still alive at the end stopped by
 * its PID. Not thread-safe; one per run.
 */
final class LocalAgents implements AutoCloseable {
    /** How long children get to exit by themselves after the run before they are killed. */
    static final long EXIT_GRACE_MILLIS = 5_000;

    private final List<Process> processes = new ArrayList<>();

    private LocalAgents() {}

    /** Starts {@code agents} children dialling {@code coordinator}; {@code ended} hears (index, how) of each exit. */
    static LocalAgents start(int agents, InetSocketAddress coordinator, Path plan, BiConsumer<Integer, String> ended,
                             PrintWriter err) {
        LocalAgents local = new LocalAgents();
        for (int i = 0; i < agents; i++) {
            List<String> command = new ArrayList<>(javaCommand());
            command.addAll(List.of(Main.class.getName(), "agent", "--coordinator",
                    coordinator.getHostString() + ":" + coordinator.getPort(), "--index", Integer.toString(i),
                    // the coordinator listens before its agents start; on a busy machine its first answers can be slow
                    "--connect-timeout", "60s",
                    plan.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            // the child's index comes from --index; a JOB_COMPLETION_INDEX of our own environment must not override it
            builder.environment().remove("JOB_COMPLETION_INDEX");
            try {
                Process p = builder.start();
                local.processes.add(p);
                int index = i;
                p.onExit().thenAccept(done -> ended.accept(index, describe(done.exitValue(), done.pid())));
            } catch (java.io.IOException e) {
                local.close();
                throw new UsageException("--agents: could not start agent " + i + ": " + e.getMessage());
            }
        }
        return local;
    }

    /** The PIDs of the children, by index. */
    List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    static String describe(int exitCode, long pid) {
        String how = exitCode > 128 && exitCode < 160 ? " (killed by signal " + (exitCode - 128) + (exitCode == 137 ? ", SIGKILL" : "") + ")" : "";
        return "(pid " + pid + ") exited with code " + exitCode + how;
    }

    /** This JVM's java binary, its options (no debugger: its port is taken) and class path. */
    static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp")) continue;
            command.add(arg);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        return command;
    }

    /** Waits for every child to exit by itself (at most {@link #EXIT_GRACE_MILLIS}), then kills the rest by PID. */
    void awaitExit(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Process p : processes) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) p.waitFor(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    @Override
    public void close() {
        awaitExit(EXIT_GRACE_MILLIS);
        for (Process p : processes) {
            if (p.isAlive()) p.destroyForcibly();
        }
    }
}
