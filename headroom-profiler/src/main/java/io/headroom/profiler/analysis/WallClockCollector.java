package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.WaitTotal;
import io.headroom.profiler.analysis.ProfileReport.WallClockProfile;
import io.headroom.profiler.flame.CollapsedStacks;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wall-clock flame graph: JFR's execution samples see only threads running Java code, so "slow, but
 * the CPU is low" leaves no trace in them. This adds every recorded wait (park, monitor block,
 * {@code Object.wait}, sleep, socket and file read and write) with its stack and a last frame naming the
 * kind of wait ({@code [socket read]}), weighted by its duration, to the CPU samples weighted by the
 * sampling period; the unit is milliseconds. Not thread-safe.
 */
final class WallClockCollector {
    /** JFR's "profile" period, used when the recording does not say (no jdk.ActiveSetting for the sampler). */
    static final double DEFAULT_PERIOD_MILLIS = 10;
    private static final int MAX_CACHED = 200_000;

    private final CollapsedStacks.Builder waits = CollapsedStacks.builder();
    private final Map<RecordedStackTrace, int[]> idsByStack = new IdentityHashMap<>();
    private final Map<String, Totals> byKind = new LinkedHashMap<>();
    private final Map<Long, Double> periodMillisByEventTypeId = new java.util.HashMap<>();
    private long executionSampleTypeId = -1;
    private long observerWaitNanos;

    /** Kinds of wait by event type, in the order the summary lists them when equal. */
    static String kindOf(String eventType) {
        return switch (eventType) {
            case "jdk.ThreadPark" -> "parked";
            case "jdk.JavaMonitorEnter" -> "monitor blocked";
            case "jdk.JavaMonitorWait" -> "Object.wait";
            case "jdk.ThreadSleep" -> "sleeping";
            case "jdk.SocketRead" -> "socket read";
            case "jdk.SocketWrite" -> "socket write";
            case "jdk.FileRead" -> "file read";
            case "jdk.FileWrite" -> "file write";
            default -> null;
        };
    }

    /**
     * Threads that serve the recording rather than the program: JFR's own, and the RMI and JMX threads of
     * the connection Headroom attaches through. Their idle waits (seconds each) would otherwise fill the
     * wall-clock graph and the socket summary of every attached recording.
     */
    private static final List<String> OBSERVER_THREAD_PREFIXES = List.of("JFR ", "RMI TCP Connection", "RMI TCP Accept",
            "RMI Scheduler", "RMI Reaper", "RMI RenewClean", "JMX server connection timeout", "Attach Listener");

    static boolean isObserverThread(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        String name = thread == null ? null : thread.getJavaName();
        if (name == null) return false;
        for (String prefix : OBSERVER_THREAD_PREFIXES) if (name.startsWith(prefix)) return true;
        return false;
    }

    /** A wait in an {@link #isObserverThread observer thread}: counted apart, left out of the graph. */
    void acceptObserverWait(RecordedEvent event) {
        observerWaitNanos += Numbers.nanos(event.getDuration());
    }

    void acceptExecutionSample(RecordedEvent event) {
        executionSampleTypeId = event.getEventType().getId();
    }

    /** jdk.ActiveSetting: keeps the sampling period of each event type (the shortest, if several recordings). */
    void acceptActiveSetting(RecordedEvent event) {
        if (!event.hasField("name") || !"period".equals(event.getString("name"))) return;
        double millis = periodMillis(Numbers.orEmpty(event.getString("value")));
        if (millis > 0) periodMillisByEventTypeId.merge(event.getLong("id"), millis, Math::min);
    }

    /** {@code "10 ms"}, {@code "1 s"}, {@code "20ms"}; 0 for anything else ({@code everyChunk}, {@code off}). */
    static double periodMillis(String value) {
        String v = value.trim();
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) i++;
        if (i == 0) return 0;
        double n;
        try {
            n = Double.parseDouble(v.substring(0, i));
        } catch (NumberFormatException e) {
            return 0;
        }
        return switch (v.substring(i).trim()) {
            case "ns" -> n / 1_000_000;
            case "us" -> n / 1_000;
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m", "min" -> n * 60_000;
            default -> 0;
        };
    }

    /** One wait event of a type {@link #kindOf} knows. */
    void acceptWait(RecordedEvent event, String kind) {
        long nanos = Numbers.nanos(event.getDuration());
        byKind.computeIfAbsent(kind, k -> new Totals()).add(nanos);
        long millis = Math.max(1, Math.round(nanos / 1_000_000.0));
        int[] frames = frameIds(event.getStackTrace());
        int[] withKind = new int[frames.length + 1];
        System.arraycopy(frames, 0, withKind, 0, frames.length);
        withKind[frames.length] = waits.frameId("[" + kind + "]");
        waits.add(withKind, millis);
    }

    private int[] frameIds(RecordedStackTrace trace) {
        if (trace == null) return new int[] {waits.frameId(FrameNames.UNKNOWN)};
        int[] ids = idsByStack.get(trace);
        if (ids != null) return ids;
        List<RecordedFrame> frames = trace.getFrames(); // leaf first
        ids = new int[frames.size()];
        for (int i = 0; i < ids.length; i++) {
            RecordedFrame f = frames.get(i);
            ids[ids.length - 1 - i] = waits.frameId(f.getMethod() == null ? FrameNames.UNKNOWN : FrameNames.method(f));
        }
        if (idsByStack.size() >= MAX_CACHED) idsByStack.clear();
        idsByStack.put(trace, ids);
        return ids;
    }

    double periodMillis() {
        Double p = periodMillisByEventTypeId.get(executionSampleTypeId);
        return p == null ? DEFAULT_PERIOD_MILLIS : p;
    }

    /** The CPU samples, each worth one period, and the waits: the wall-clock stacks in milliseconds. */
    CollapsedStacks stacks(CollapsedStacks cpu) {
        CollapsedStacks waitStacks = waits.build();
        CollapsedStacks.Builder all = CollapsedStacks.builder();
        double period = periodMillis();
        cpu.forEach((frames, samples) -> all.add(frames, Math.round(samples * period)));
        waitStacks.forEach(all::add);
        return all.build();
    }

    WallClockProfile result(long cpuSamples) {
        List<WaitTotal> totals = new ArrayList<>();
        byKind.forEach((kind, t) -> totals.add(new WaitTotal(kind, t.count, Numbers.millis(t.totalNanos),
                Numbers.millis(t.maxNanos))));
        totals.sort(Comparator.comparingDouble(WaitTotal::totalMillis).reversed());
        double period = periodMillis();
        return new WallClockProfile(period, Numbers.round2(cpuSamples * period), totals, Numbers.millis(observerWaitNanos));
    }

    private static final class Totals {
        long count;
        long totalNanos;
        long maxNanos;

        void add(long nanos) {
            count++;
            totalNanos += nanos;
            maxNanos = Math.max(maxNanos, nanos);
        }
    }
}
