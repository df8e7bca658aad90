package io.headroom.core.engine;

import io.headroom.core.result.GeneratorHealth;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's view of its own process, sampled once a second on the engine's run thread: CPU time used
 * (as a fraction of all cores over the second) and GC time of the stop-the-world collectors. Not
 * thread-safe: one run thread samples and reads it. Costs a few MXBean reads per second, nothing per
 * request.
 *
 * <p>GC time comes from {@link GarbageCollectorMXBean#getCollectionTime()}; beans of concurrent cycles
 * (names with "Concurrent" or "Cycles", e.g. G1's and ZGC's) are skipped because their time runs beside the
 * application rather than pausing it.
 */
final class GeneratorWatch {
    private final com.sun.management.OperatingSystemMXBean os;
    private final List<GarbageCollectorMXBean> pausingCollectors = new ArrayList<>();
    private final int processors;
    private long lastWallNanos;
    private long lastCpuNanos;
    private long lastGcMillis;
    private long startGcMillis;
    private double cpuMax;
    private double cpuSum;
    private int cpuSamples;
    private long gcMaxMillis;

    GeneratorWatch() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        this.os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            if (!name.contains("Concurrent") && !name.contains("Cycles")) pausingCollectors.add(gc);
        }
        this.processors = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Marks the start of the measured run. */
    void start(long nowNanos) {
        lastWallNanos = nowNanos;
        lastCpuNanos = processCpuNanos();
        lastGcMillis = gcMillis();
        startGcMillis = lastGcMillis;
    }

    /** One sample: the CPU and GC time used since the previous one. */
    void sample(long nowNanos) {
        long wall = nowNanos - lastWallNanos;
        long cpu = processCpuNanos();
        long gc = gcMillis();
        if (wall > 100_000_000L && cpu >= 0 && lastCpuNanos >= 0) {
            double fraction = Math.min(1.0, (double) (cpu - lastCpuNanos) / ((double) wall * processors));
            cpuMax = Math.max(cpuMax, fraction);
            cpuSum += fraction;
            cpuSamples++;
        }
        gcMaxMillis = Math.max(gcMaxMillis, gc - lastGcMillis);
        lastWallNanos = nowNanos;
        lastCpuNanos = cpu;
        lastGcMillis = gc;
    }

    GeneratorHealth health(double scheduleLagP99Millis, long lateIterations, long droppedIterations) {
        return GeneratorHealth.assess(scheduleLagP99Millis, lateIterations, cpuMax, cpuSamples == 0 ? 0 : cpuSum / cpuSamples,
                cpuSamples, lastGcMillis - startGcMillis, gcMaxMillis, droppedIterations, processors);
    }

    private long processCpuNanos() {
        return os == null ? -1 : os.getProcessCpuTime();
    }

    private long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : pausingCollectors) total += Math.max(0, gc.getCollectionTime());
        return total;
    }
}
