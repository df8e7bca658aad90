package io.headroom.profiler;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java ...} command started by Headroom with a JFR recording on from its first instruction
 * ({@code -XX:StartFlightRecording} with the "profile" settings and {@code dumponexit=true}): the JVM writes
 * the recording to the given file when it exits, whether on its own, after Ctrl-C, or when Headroom ends
 * it after {@code --duration} with SIGTERM (the JVM's shutdown hooks, JFR's among them, run on SIGTERM).
 *
 * <p>The target must be JDK 17 or newer (per-event settings on the command line). Thread-safe.
 */
public final class LaunchedJvm {
    /** How long a JVM asked to exit gets before it is killed (losing its recording). */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /**
     * JFR keeps 64 frames per stack by default; framework code (servlet containers, Spring, reactive
     * pipelines) is often deeper, and a cut-off stack loses its callers. 256 keeps most whole at a small cost.
     */
    static final int STACK_DEPTH = 256;
    private static final Set<String> JAVA_LAUNCHERS = Set.of("java", "java.exe", "javaw", "javaw.exe");

    private final Process process;
    private volatile boolean stoppedByHeadroom;

    private LaunchedJvm(Process process) {
        this.process = process;
    }

    /**
     * The command line that runs {@code command} with recording on: the JFR options go right after the
     * {@code java} launcher, before the user's own options, so a user's {@code -XX:FlightRecorderOptions} wins.
     *
     * @throws ProfilerException when the command does not start with a {@code java} launcher, or the file path
     *                           cannot be passed in a JFR option (it contains a comma)
     */
    public static List<String> recordingCommand(List<String> command, Path jfrFile) throws ProfilerException {
        if (command.isEmpty()) throw new ProfilerException("no command to launch: give it after --, like -- java -jar app.jar");
        String launcher = command.get(0);
        Path launcherName = Path.of(launcher).getFileName();
        if (launcherName == null || !JAVA_LAUNCHERS.contains(launcherName.toString())) {
            throw new ProfilerException("the command must start with java (got '" + launcher + "'): Headroom adds the "
                    + "recording options to the java command line. To profile a JVM started another way, start it "
                    + "and use --pid");
        }
        String file = jfrFile.toAbsolutePath().toString();
        if (file.contains(",")) {
            throw new ProfilerException("the recording file path cannot contain a comma (JFR options are comma-separated): " + file);
        }
        List<String> full = new ArrayList<>(command.size() + 3);
        full.add(launcher);
        full.add("-XX:StartFlightRecording=name=headroom-profile,settings=" + AttachedRecording.SETTINGS
                + ",dumponexit=true,filename=" + file + "," + overrides());
        boolean userSetsRecorderOptions = command.stream().anyMatch(a -> a.startsWith("-XX:FlightRecorderOptions"));
        if (!userSetsRecorderOptions) full.add("-XX:FlightRecorderOptions:stackdepth=" + STACK_DEPTH);
        // JFR announces itself on stdout ("Started recording 1..."): noise in the application's own output.
        full.add("-Xlog:jfr+startup=error");
        full.addAll(command.subList(1, command.size()));
        return full;
    }

    /** The attach route's per-event setting overrides in command-line syntax ({@code name#setting=value}). */
    private static String overrides() {
        StringBuilder out = new StringBuilder();
        AttachedRecording.SETTING_OVERRIDES.forEach((key, value) -> {
            if (!out.isEmpty()) out.append(',');
            out.append(key).append('=').append(value.replace(" ", ""));
        });
        return out.toString();
    }

    /**
     * Starts {@code command} (a {@code java} command line) with recording into {@code jfrFile}.
     *
     * @param output where the JVM's stdout and stderr go; {@link Redirect#INHERIT} also gives it this
     *               process's stdin, otherwise its stdin is empty
     */
    public static LaunchedJvm start(List<String> command, Path jfrFile, Redirect output) throws ProfilerException {
        List<String> full = recordingCommand(command, jfrFile);
        ProcessBuilder builder = new ProcessBuilder(full);
        if (output == Redirect.INHERIT) {
            builder.inheritIO();
        } else {
            builder.redirectOutput(output).redirectErrorStream(true);
        }
        try {
            Process process = builder.start();
            if (output != Redirect.INHERIT) process.getOutputStream().close();
            return new LaunchedJvm(process);
        } catch (IOException e) {
            throw new ProfilerException("cannot start '" + command.get(0) + "': " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until the JVM exits, or, when {@code maxDuration} is not null and passes first, asks it to exit
     * (SIGTERM) so that it writes its recording, and waits for that.
     */
    public Outcome awaitExit(Duration maxDuration) throws InterruptedException {
        if (maxDuration == null) {
            process.waitFor();
        } else if (!process.waitFor(maxDuration.toNanos(), TimeUnit.NANOSECONDS)) {
            stop();
        }
        return new Outcome(process.waitFor(), stoppedByHeadroom);
    }

    /**
     * Asks the JVM to exit (SIGTERM; its shutdown hooks run and JFR writes the recording), waits up to
     * {@link #STOP_GRACE}, then kills it. Does nothing if it has exited.
     */
    public void stop() throws InterruptedException {
        if (!process.isAlive()) return;
        stoppedByHeadroom = true;
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /**
     * How the launched JVM ended.
     *
     * @param exitCode          the JVM's exit status (143 after SIGTERM on Linux)
     * @param stoppedByHeadroom true when Headroom ended it ({@code --duration} passed, or Headroom was interrupted)
     */
    public record Outcome(int exitCode, boolean stoppedByHeadroom) {}
}
