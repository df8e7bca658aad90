package io.headroom.profiler.analysis;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * Everything Headroom found in one JFR recording: where the CPU went, what allocated, how the GC paused,
 * where threads blocked or parked, where the wall-clock time went (on CPU or waiting), which sockets and
 * files were slow to read or write, and which threads burnt CPU; plus warnings when the data is too thin
 * or cut short to trust. Written as JSON by {@link ProfileJson} and summarised by {@link ProfileSummary}.
 *
 * <p>Immutable; lists are never null (empty when the recording had no such events). Percentages are
 * 0..100; durations are milliseconds as doubles (GC pauses are often below one millisecond).
 */
public record ProfileReport(
        RecordingInfo recording,
        CpuProfile cpu,
        AllocationProfile allocation,
        GcProfile gc,
        LockProfile locks,
        WallClockProfile wallClock,
        IoProfile io,
        HeapAfterGc heapAfterGc,
        List<ThreadCpu> threads,
        List<String> warnings) {

    public ProfileReport {
        // A profile written before these parts existed reads back with them empty.
        if (wallClock == null) wallClock = WallClockProfile.EMPTY;
        if (io == null) io = IoProfile.EMPTY;
        if (heapAfterGc == null) heapAfterGc = HeapAfterGc.EMPTY;
        threads = List.copyOf(threads);
        warnings = List.copyOf(warnings);
    }

    /**
     * Where the recording came from. Text fields are empty when the recording lacks the event that carries
     * them (jdk.JVMInformation); {@code pid} is then 0.
     *
     * @param startTime       ISO-8601 instant of the first event, empty for an empty recording
     * @param durationMillis  from the first event's start to the last event's end
     * @param javaArguments   main class or jar and its arguments, as the JVM reports them
     * @param eventCount      events of every type read from the file
     */
    public record RecordingInfo(String startTime, long durationMillis, String jvmName, String jvmVersion, long pid,
                                String javaArguments, long eventCount) {}

    /**
     * CPU: execution samples (JFR samples threads running Java code, every 10 ms with the "profile"
     * settings) and the JVM's own CPU load.
     *
     * @param sampleCount          jdk.ExecutionSample events
     * @param truncatedSampleCount samples whose stack was deeper than JFR's stack depth and lost its root end
     * @param topSelf              methods by samples that ended in them (where the CPU was spent), most first
     * @param topTotal             methods by samples that passed through them (what the time was spent for)
     */
    public record CpuProfile(long sampleCount, long truncatedSampleCount, ProcessCpu process,
                             List<HotMethod> topSelf, List<HotMethod> topTotal) {
        public CpuProfile {
            topSelf = List.copyOf(topSelf);
            topTotal = List.copyOf(topTotal);
        }
    }

    /**
     * The JVM's CPU load from jdk.CPULoad (once a second), as a percentage of the whole machine (all cores).
     *
     * @param sampleCount jdk.CPULoad events; 0 means the other fields are 0 because nothing was measured
     */
    public record ProcessCpu(int sampleCount, double averageJvmPercent, double maxJvmPercent,
                             double averageMachinePercent, double maxMachinePercent) {}

    /**
     * One method ({@code pkg.Class.method}) in the CPU profile. A recursive method counts once per sample
     * in {@code totalSamples}.
     */
    public record HotMethod(String method, long selfSamples, long totalSamples, double selfPercent,
                            double totalPercent) {}

    /**
     * Allocation from jdk.ObjectAllocationSample: JFR samples allocations (throttled, about 300 a second with
     * "profile") and weights each sample by the bytes allocated since the previous one, so weights add up to
     * an estimate of the bytes allocated.
     *
     * @param topSites the allocating method (top frame of the sample's stack), heaviest first
     * @param topTypes the allocated class, arrays as {@code byte[]}, heaviest first
     */
    public record AllocationProfile(long sampleCount, long totalWeightBytes, List<AllocationEntry> topSites,
                                    List<AllocationEntry> topTypes) {
        public AllocationProfile {
            topSites = List.copyOf(topSites);
            topTypes = List.copyOf(topTypes);
        }
    }

    /** An allocation site or type with its estimated bytes, sample count and share of all estimated bytes. */
    public record AllocationEntry(String name, long weightBytes, long samples, double percent) {}

    /**
     * Garbage-collection pauses from jdk.GarbageCollection: one pause per collection, its length the sum of
     * its stop-the-world pauses (for concurrent collectors such as ZGC, only the short pauses, not the
     * concurrent work). Percentiles are nearest-rank; all 0 when {@code pauseCount} is 0.
     *
     * @param collector  young and old collector names from jdk.GCConfiguration ({@code G1New + G1Old}), or the
     *                   distinct names seen in the collections; empty when unknown
     * @param byName     pauses per collection name (young, old, full), most total pause first
     */
    public record GcProfile(String collector, long pauseCount, double totalPauseMillis, double p50PauseMillis,
                            double p99PauseMillis, double maxPauseMillis, List<GcPauses> byName) {
        public GcProfile {
            byName = List.copyOf(byName);
        }
    }

    /** Pauses of one kind of collection ({@code G1New}, {@code G1Old}, {@code G1Full}, ...). */
    public record GcPauses(String name, long count, double totalPauseMillis, double maxPauseMillis) {}

    /**
     * Blocking and waiting. JFR records a monitor entry or park only when it lasted at least its threshold
     * (10 ms with "profile"), so short waits are not counted.
     *
     * @param topMonitors contended {@code synchronized} monitors (jdk.JavaMonitorEnter) by class, most blocked first
     * @param topParkSites where threads parked (jdk.ThreadPark): the first frame outside the JDK's locking
     *                     internals, so a queue or lock user shows instead of {@code LockSupport.park}
     */
    public record LockProfile(List<ContendedMonitor> topMonitors, List<ParkSite> topParkSites) {
        public LockProfile {
            topMonitors = List.copyOf(topMonitors);
            topParkSites = List.copyOf(topParkSites);
        }
    }

    /**
     * A monitor class threads blocked on.
     *
     * @param topSite the method that blocked on it most often; empty without stacks
     */
    public record ContendedMonitor(String monitorClass, long count, double totalBlockedMillis, double maxBlockedMillis,
                                   String topSite) {}

    /** A place where threads parked, with how often and for how long. */
    public record ParkSite(String site, long count, double totalParkedMillis, double maxParkedMillis) {}

    /**
     * One thread's CPU: its average user and system load from jdk.ThreadCPULoad (as a percentage of the
     * whole machine, all cores; JFR measures every 10 s by default, every second when Headroom records) and
     * its execution samples. Threads with neither are left out.
     */
    public record ThreadCpu(String threadName, double averageUserPercent, double averageSystemPercent,
                            int cpuLoadSamples, long executionSamples) {}

    /**
     * Wall-clock time of the threads: running (the CPU samples, each standing for one sampling period) and
     * waiting (every park, monitor block, {@code Object.wait}, sleep and socket or file read or write that
     * lasted at least JFR's threshold, by its duration). The wall-clock flame graph draws the same data.
     *
     * @param cpuSamplePeriodMillis the recording's jdk.ExecutionSample period (10 with "profile")
     * @param onCpuMillis           CPU samples times the period: an estimate, and a low one when more threads
     *                              ran than JFR samples per period
     * @param waits                 time waiting by kind, most first
     * @param observerWaitMillis    waits left out because they were in threads serving the recording itself
     *                              (JFR's threads, the RMI/JMX threads of Headroom's attach connection)
     */
    public record WallClockProfile(double cpuSamplePeriodMillis, double onCpuMillis, List<WaitTotal> waits,
                                   double observerWaitMillis) {
        public static final WallClockProfile EMPTY = new WallClockProfile(0, 0, List.of(), 0);

        public WallClockProfile {
            waits = List.copyOf(waits);
        }

        /** Milliseconds waiting, all kinds together. */
        @JsonIgnore
        public double waitingMillis() {
            double sum = 0;
            for (WaitTotal w : waits) sum += w.totalMillis();
            return sum;
        }
    }

    /**
     * Waits of one kind: {@code parked}, {@code monitor blocked}, {@code Object.wait}, {@code sleeping},
     * {@code socket read}, {@code socket write}, {@code file read} or {@code file write}.
     */
    public record WaitTotal(String kind, long count, double totalMillis, double maxMillis) {}

    /**
     * Socket and file I/O from jdk.SocketRead/SocketWrite (per remote {@code host:port}) and
     * jdk.FileRead/FileWrite (per path), leaving out the threads that serve the recording (see
     * {@link WallClockProfile#observerWaitMillis}). Only operations that lasted at least the threshold (1 ms when
     * Headroom records) are recorded, and JDK 22 and newer throttle them (300 a second with "profile"), so
     * counts and bytes are those of the slow operations, not all traffic.
     *
     * @param sockets remote endpoints, most read and write time first
     * @param files   file paths, most read and write time first
     */
    public record IoProfile(List<IoEntry> sockets, List<IoEntry> files) {
        public static final IoProfile EMPTY = new IoProfile(List.of(), List.of());

        public IoProfile {
            sockets = List.copyOf(sockets);
            files = List.copyOf(files);
        }
    }

    /** The recorded reads and writes of one endpoint or file: counts, bytes, total and longest duration. */
    public record IoEntry(String name, long reads, long bytesRead, double readMillis, double maxReadMillis,
                          long writes, long bytesWritten, double writeMillis, double maxWriteMillis) {
        /** Read and write time together. */
        @JsonIgnore
        public double totalMillis() {
            return readMillis + writeMillis;
        }
    }

    /**
     * The heap used just after each garbage collection (jdk.GCHeapSummary, {@code when = "After GC"}): what
     * survived, the series a leak check fits (resident memory also grows while a healthy heap expands).
     *
     * @param collections    collections seen; more than {@code points} when a long recording was thinned
     * @param committedBytes the heap's committed size at the last collection; 0 when not recorded
     * @param points         time order; at most 10,000 (every other point dropped past that)
     */
    public record HeapAfterGc(long collections, long committedBytes, List<HeapPoint> points) {
        public static final HeapAfterGc EMPTY = new HeapAfterGc(0, 0, List.of());

        public HeapAfterGc {
            points = List.copyOf(points);
        }
    }

    /** Heap used after one collection: seconds from the recording's start, and bytes. */
    public record HeapPoint(double seconds, long usedBytes) {}
}
