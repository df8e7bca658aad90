package io.headroom.script.run;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * How busy the JIT is, from its total compilation time ({@link CompilationMXBean}, in ms of compiler-thread time).
 * Settled, by {@link #sample()}, when that grew by less than {@code settledMillis} over the last {@code window}; quiet,
 * by {@link #awaitQuiet}, when it did not grow at all for a while. Where the JVM does not time its compilations,
 * always settled and quiet (the warm-up's other checks alone decide). {@link #sample()} is called from one thread
 * at a time; {@link #settled()} may be read from any.
 */
final class JitWatch {
    private final CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
    private final boolean timed = compilation != null && compilation.isCompilationTimeMonitoringSupported();
    private final Duration window;
    private final long settledMillis;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanoTime, total compilation ms}
    private volatile boolean settled;

    JitWatch(Duration window, long settledMillis) {
        this.window = window;
        this.settledMillis = settledMillis;
    }

    /**
     * Takes a sample and says whether the JIT has settled: a whole window of samples (taken at least every
     * {@code window} / 5) in which it compiled for less than {@code settledMillis}.
     */
    boolean sample() {
        if (!timed) return settled = true;
        long now = System.nanoTime();
        long total = compilation.getTotalCompilationTime();
        samples.addLast(new long[]{now, total});
        long windowNanos = window.toNanos();
        while (samples.size() > 1 && now - samples.peekFirst()[0] > windowNanos) samples.removeFirst();
        long[] oldest = samples.peekFirst();
        boolean fullWindow = now - oldest[0] >= windowNanos * 4 / 5;
        return settled = fullWindow && total - oldest[1] < settledMillis;
    }

    /** What the last {@link #sample()} said. */
    boolean settled() {
        return settled;
    }

    /** Returns once the JIT has compiled nothing for {@code quiet}, or after {@code limit}. Restores an interrupt. */
    void awaitQuiet(Duration quiet, Duration limit) {
        if (!timed) return;
        long start = System.nanoTime();
        long since = start;
        long total = compilation.getTotalCompilationTime();
        try {
            while (System.nanoTime() - start < limit.toNanos()) {
                Thread.sleep(10);
                long now = compilation.getTotalCompilationTime();
                if (now != total) {
                    total = now;
                    since = System.nanoTime();
                } else if (System.nanoTime() - since >= quiet.toNanos()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
