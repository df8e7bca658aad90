package io.headroom.profiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Samples one local process's resources from Linux {@code /proc}: CPU used since the previous sample (from
 * {@code /proc/PID/stat}), resident memory and thread count ({@code /proc/PID/status}) and open file
 * descriptors ({@code /proc/PID/fd}). Works for any process of the same user, JVM or not. Not thread-safe:
 * one thread calls {@link #sample()} (the engine's interval thread, once a second).
 */
public final class ProcessMonitor {
    /** Linux's USER_HZ: the unit of utime and stime in /proc/PID/stat, 100 on every mainstream architecture. */
    static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final long pid;
    private final Path dir;
    private final int cores;
    private long lastCpuTicks;
    private long lastNanos;

    /**
     * One sample. {@code cpuPercent} is the share of the whole machine (all {@code cores}) the process used
     * since the previous sample, 0..100; {@code cpuCores} the same in cores (1.5 = one and a half cores busy).
     * {@code openFiles} is -1 when the process's descriptors cannot be listed.
     */
    public record Sample(double cpuPercent, double cpuCores, long rssBytes, int threads, int openFiles) {}

    private ProcessMonitor(long pid, Path dir, int cores) throws ProfilerException {
        this.pid = pid;
        this.dir = dir;
        this.cores = cores;
        this.lastCpuTicks = readCpuTicks();
        this.lastNanos = System.nanoTime();
    }

    /**
     * Starts monitoring {@code pid}; the first {@link #sample()} measures CPU from this call on.
     *
     * @throws ProfilerException when there is no such process or this is not Linux (no {@code /proc})
     */
    public static ProcessMonitor open(long pid) throws ProfilerException {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            throw new ProfilerException("monitoring a process needs Linux /proc, which this system does not have");
        }
        Path dir = Path.of("/proc", Long.toString(pid));
        if (pid <= 0 || !Files.isReadable(dir.resolve("stat"))) {
            throw new ProfilerException("there is no running process with pid " + pid + " to monitor");
        }
        return new ProcessMonitor(pid, dir, Runtime.getRuntime().availableProcessors());
    }

    public long pid() {
        return pid;
    }

    /** The cores CPU percentages are relative to. */
    public int cores() {
        return cores;
    }

    /**
     * Reads the process's resources now.
     *
     * @throws ProfilerException when the process has gone away
     */
    public Sample sample() throws ProfilerException {
        long ticks = readCpuTicks();
        long now = System.nanoTime();
        double seconds = (now - lastNanos) / 1e9;
        double busyCores = seconds <= 0 ? 0 : (ticks - lastCpuTicks) / CLOCK_TICKS_PER_SECOND / seconds;
        lastCpuTicks = ticks;
        lastNanos = now;
        long rssBytes = 0;
        int threads = 0;
        for (String line : readLines(dir.resolve("status"))) {
            if (line.startsWith("VmRSS:")) rssBytes = firstNumber(line) * 1024;
            else if (line.startsWith("Threads:")) threads = (int) firstNumber(line);
        }
        return new Sample(Math.min(100.0, busyCores / cores * 100.0), busyCores, rssBytes, threads, openFiles());
    }

    private int openFiles() {
        try (Stream<Path> fds = Files.list(dir.resolve("fd"))) {
            return (int) fds.count();
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return -1;
        }
    }

    /** utime + stime: fields 14 and 15 of /proc/PID/stat, counted after the command name's closing parenthesis. */
    private long readCpuTicks() throws ProfilerException {
        String stat = String.join(" ", readLines(dir.resolve("stat")));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        try {
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (RuntimeException e) {
            throw new ProfilerException("cannot read the CPU time of pid " + pid + " from " + dir.resolve("stat"), e);
        }
    }

    private java.util.List<String> readLines(Path file) throws ProfilerException {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new ProfilerException("process " + pid + " has exited");
        } catch (IOException e) {
            throw new ProfilerException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long firstNumber(String line) {
        long value = 0;
        boolean seen = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                seen = true;
            } else if (seen) {
                break;
            }
        }
        return value;
    }
}
