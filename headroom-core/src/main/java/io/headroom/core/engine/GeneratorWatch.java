package io.headroom.core.engine;

import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.ScheduleLagCauses;
import io.headroom.core.result.VuShortage;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's view of its own process, sampled once a second on the engine's run thread: CPU time used
 * (as a fraction of all cores over the second) and GC time of the stop-the-world collectors. Not
 * thread-safe: one run thread samples and reads it. Costs a few MXBean reads and one read of /proc/stat per second, nothing per
 * request.
 *
 * <p>The machine's CPU comes from {@code /proc/stat} (Linux; elsewhere it reads as 0): per second, the share of
 * all the machine's CPUs that was busy minus the share this process used is what other processes took, and
 * {@code steal} is what the hypervisor gave to other guests. Both say whether a lagging generator was starved by
 * its neighbours rather than by its own work.
 *
 * <p>The heap after each collection comes from {@link HeapAfterGcWatch}.
 *
 * <p>GC time comes from {@link GarbageCollectorMXBean#getCollectionTime()}; beans of concurrent cycles
 * (names with "Concurrent" or "Cycles", e.g. G1's and ZGC's) are skipped because their time runs beside the
 * application rather than pausing it.
 */
final class GeneratorWatch {
    private final com.sun.management.OperatingSystemMXBean os;
    private final List<GarbageCollectorMXBean> pausingCollectors = new ArrayList<>();
    private final int processors;
    private final HeapAfterGcWatch heap = new HeapAfterGcWatch();
    private long lastWallNanos;
    private long lastCpuNanos;
    private long lastGcMillis;
    private long startGcMillis;
    private double cpuMax;
    private double cpuSum;
    private int cpuSamples;
    private long gcMaxMillis;
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** The last /proc/stat reading (null where it cannot be read). */
    private MachineCpu lastMachine;
    private double otherSum;
    private double stealSum;
    private int machineSamples;

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
        lastMachine = MachineCpu.read(PROC_STAT);
        heap.start();
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
        MachineCpu machine = MachineCpu.read(PROC_STAT);
        if (wall > 100_000_000L && machine != null && lastMachine != null && cpu >= 0 && lastCpuNanos >= 0) {
            long total = machine.totalTicks - lastMachine.totalTicks;
            if (total > 0) {
                double busy = (double) (machine.busyTicks - lastMachine.busyTicks) / total;
                double own = (double) (cpu - lastCpuNanos) / ((double) wall * machine.cpus);
                otherSum += Math.min(1, Math.max(0, busy - own));
                stealSum += Math.min(1, Math.max(0, (double) (machine.stealTicks - lastMachine.stealTicks) / total));
                machineSamples++;
            }
        }
        if (machine != null) lastMachine = machine;
        gcMaxMillis = Math.max(gcMaxMillis, gc - lastGcMillis);
        heap.sample();
        lastWallNanos = nowNanos;
        lastCpuNanos = cpu;
        lastGcMillis = gc;
    }

    GeneratorHealth health(double scheduleLagP99Millis, long lateIterations, long droppedIterations, long droppedBehindSchedule,
                           long openModelArrivals, List<VuShortage> vuShortages, ScheduleLagCauses lagCauses) {
        heap.sample(); // the collections of the run's last second
        return GeneratorHealth.assess(scheduleLagP99Millis, lateIterations, cpuMax, cpuSamples == 0 ? 0 : cpuSum / cpuSamples,
                cpuSamples, machineSamples == 0 ? 0 : otherSum / machineSamples, machineSamples == 0 ? 0 : stealSum / machineSamples,
                lastGcMillis - startGcMillis, gcMaxMillis, droppedIterations, droppedBehindSchedule, openModelArrivals, processors,
                vuShortages, lagCauses).withHeap(heap.heapUse());
    }

    /**
     * The machine-wide line of {@code /proc/stat}, in clock ticks since boot: busy (user, nice, system, irq,
     * softirq; guest time is inside user), steal, and the total of all states; {@code cpus} counts its per-CPU lines.
     */
    record MachineCpu(long busyTicks, long stealTicks, long totalTicks, int cpus) {
        /** Null when the file is absent or not in the kernel's format (not Linux, a restricted sandbox). */
        static MachineCpu read(Path file) {
            try {
                return parse(Files.readAllLines(file));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        static MachineCpu parse(List<String> lines) {
            long[] f = null;
            int cpus = 0;
            for (String line : lines) {
                if (line.startsWith("cpu ")) {
                    String[] parts = line.trim().split("\\s+");
                    if (parts.length < 9) return null;
                    f = new long[8];
                    for (int i = 0; i < 8; i++) f[i] = Long.parseLong(parts[i + 1]);
                } else if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                    cpus++;
                }
            }
            if (f == null || cpus == 0) return null;
            long total = 0;
            for (long v : f) total += v;
            // user nice system idle iowait irq softirq steal
            return new MachineCpu(f[0] + f[1] + f[2] + f[5] + f[6], f[7], total, cpus);
        }
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
