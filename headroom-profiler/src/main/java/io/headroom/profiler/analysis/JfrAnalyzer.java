package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.RecordingInfo;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JFR recording once, event by event ({@link RecordingFile}, so a big recording is never held in
 * memory), and hands each event to the collector for its type: CPU samples, allocation samples, GC
 * pauses, monitor and park waits, wall-clock waits, socket and file I/O, per-thread CPU. Stateless and thread-safe; each call has its own
 * collectors.
 */
public final class JfrAnalyzer {
    /** How many entries each "top" list of the report keeps. */
    public static final int DEFAULT_TOP_LIMIT = 20;

    /** Fewer CPU samples than this and the shares are too rough to act on; the report says so. */
    static final long FEW_SAMPLES = 100;
    /** Above this share of truncated stacks the flame graph's lower frames are misleading; the report says so. */
    static final double TRUNCATED_WARNING_PERCENT = 10;

    private JfrAnalyzer() {}

    /** Analyses {@code jfrFile} keeping the top {@value #DEFAULT_TOP_LIMIT} of each list. */
    public static Profile analyse(Path jfrFile) throws IOException {
        return analyse(jfrFile, DEFAULT_TOP_LIMIT);
    }

    /**
     * Analyses {@code jfrFile}, keeping the top {@code topLimit} entries of each list.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws IOException when it cannot be read or is not a JFR recording (the JDK's message says which)
     */
    public static Profile analyse(Path jfrFile, int topLimit) throws IOException {
        if (topLimit < 1) throw new IllegalArgumentException("topLimit must be at least 1, got " + topLimit);
        if (!Files.isRegularFile(jfrFile)) throw new NoSuchFileException(jfrFile.toString(), null, "no such recording");
        ThreadCpuCollector threads = new ThreadCpuCollector();
        CpuSampleCollector cpu = new CpuSampleCollector(threads);
        ProcessCpuCollector processCpu = new ProcessCpuCollector();
        AllocationCollector allocation = new AllocationCollector();
        GcCollector gc = new GcCollector();
        LockCollector locks = new LockCollector();
        WallClockCollector wall = new WallClockCollector();
        IoCollector io = new IoCollector();
        HeapAfterGcCollector heap = new HeapAfterGcCollector();
        RecordingInfoCollector info = new RecordingInfoCollector();
        try (RecordingFile recording = new RecordingFile(jfrFile)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                info.accept(event);
                String type = event.getEventType().getName();
                String waitKind = WallClockCollector.kindOf(type);
                // Waits of Headroom's own JMX connection and of JFR's threads are the recording, not the program.
                boolean observer = waitKind != null && WallClockCollector.isObserverThread(event);
                if (observer) wall.acceptObserverWait(event);
                else if (waitKind != null) wall.acceptWait(event, waitKind);
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        cpu.accept(event);
                        wall.acceptExecutionSample(event);
                    }
                    case "jdk.ActiveSetting" -> wall.acceptActiveSetting(event);
                    case "jdk.GCHeapSummary" -> heap.accept(event);
                    case "jdk.SocketRead" -> {
                        if (!observer) io.acceptSocketRead(event);
                    }
                    case "jdk.SocketWrite" -> {
                        if (!observer) io.acceptSocketWrite(event);
                    }
                    case "jdk.FileRead" -> {
                        if (!observer) io.acceptFileRead(event);
                    }
                    case "jdk.FileWrite" -> {
                        if (!observer) io.acceptFileWrite(event);
                    }
                    case "jdk.CPULoad" -> processCpu.accept(event);
                    case "jdk.ThreadCPULoad" -> threads.acceptCpuLoad(event);
                    case "jdk.ObjectAllocationSample" -> allocation.accept(event);
                    case "jdk.GarbageCollection" -> gc.acceptCollection(event);
                    case "jdk.GCConfiguration" -> gc.acceptConfiguration(event);
                    case "jdk.JavaMonitorEnter" -> locks.acceptMonitorEnter(event);
                    case "jdk.ThreadPark" -> locks.acceptPark(event);
                    case "jdk.JVMInformation" -> info.acceptJvmInformation(event);
                    default -> { /* not used by the report */ }
                }
            }
        }
        var stacks = cpu.stacks();
        var cpuProfile = new ProfileReport.CpuProfile(cpu.sampleCount(), cpu.truncatedSampleCount(),
                processCpu.result(), HotMethods.bySelf(stacks, topLimit), HotMethods.byTotal(stacks, topLimit));
        var report = new ProfileReport(info.result(), cpuProfile, allocation.result(topLimit), gc.result(),
                locks.result(topLimit), wall.result(cpu.sampleCount()), io.result(topLimit),
                heap.result(info.firstEventTime()), threads.result(topLimit), warnings(cpuProfile));
        return new Profile(report, stacks, wall.stacks(stacks));
    }

    static List<String> warnings(ProfileReport.CpuProfile cpu) {
        List<String> warnings = new ArrayList<>();
        if (cpu.sampleCount() == 0) {
            warnings.add("no CPU samples: the JVM ran no Java code while recording, or the recording was made without "
                    + "execution sampling (record with JFR's 'profile' settings)");
        } else if (cpu.sampleCount() < FEW_SAMPLES) {
            warnings.add("only " + cpu.sampleCount() + " CPU samples: the shares are rough; record longer or under load");
        }
        if (cpu.sampleCount() > 0) {
            double truncatedPercent = Numbers.percent(cpu.truncatedSampleCount(), cpu.sampleCount());
            if (truncatedPercent > TRUNCATED_WARNING_PERCENT) {
                warnings.add(Numbers.format1(truncatedPercent) + " % of CPU stacks were deeper than JFR's stack depth and "
                        + "lost their outer callers, so the bottom of the flame graph is incomplete; start the JVM with "
                        + "-XX:FlightRecorderOptions:stackdepth=512 for whole stacks");
            }
        }
        return warnings;
    }

    /** Start, length, JVM identity and event count. */
    private static final class RecordingInfoCollector {
        private Instant first;
        private Instant last;
        private long eventCount;
        private String jvmName = "";
        private String jvmVersion = "";
        private long pid;
        private String javaArguments = "";

        void accept(RecordedEvent event) {
            eventCount++;
            Instant start = event.getStartTime();
            Instant end = event.getEndTime();
            if (first == null || start.isBefore(first)) first = start;
            if (last == null || end.isAfter(last)) last = end;
        }

        void acceptJvmInformation(RecordedEvent event) {
            jvmName = Numbers.orEmpty(event.getString("jvmName"));
            jvmVersion = Numbers.orEmpty(event.getString("jvmVersion"));
            javaArguments = Numbers.orEmpty(event.getString("javaArguments"));
            if (event.hasField("pid")) pid = event.getLong("pid");
        }

        Instant firstEventTime() {
            return first;
        }

        RecordingInfo result() {
            long durationMillis = first == null ? 0 : Math.max(0, last.toEpochMilli() - first.toEpochMilli());
            return new RecordingInfo(first == null ? "" : first.toString(), durationMillis, jvmName, jvmVersion, pid,
                    javaArguments, eventCount);
        }
    }
}
