package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.ContendedMonitor;
import io.headroom.profiler.analysis.ProfileReport.LockProfile;
import io.headroom.profiler.analysis.ProfileReport.ParkSite;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Contended monitors (jdk.JavaMonitorEnter) and park sites (jdk.ThreadPark); not thread-safe. */
final class LockCollector {
    /**
     * A park's stack starts in the JDK's parking machinery ({@code Unsafe.park}, {@code LockSupport},
     * {@code AbstractQueuedSynchronizer}, virtual-thread parking); the site worth naming is the first frame
     * below it, such as {@code LinkedBlockingQueue.take} or the application's own method.
     */
    private static final List<String> PARKING_INTERNALS = List.of("jdk.internal.misc.", "sun.misc.Unsafe.",
            "java.util.concurrent.locks.", "java.lang.VirtualThread.", "java.lang.System$", "java.lang.Thread.sleep");

    private final Map<String, Waits> monitors = new HashMap<>();
    private final Map<String, Waits> parks = new HashMap<>();

    void acceptMonitorEnter(RecordedEvent event) {
        Waits w = monitors.computeIfAbsent(FrameNames.className(event.getClass("monitorClass")), k -> new Waits());
        w.add(Numbers.nanos(event.getDuration()));
        RecordedStackTrace trace = event.getStackTrace();
        if (trace != null && !trace.getFrames().isEmpty()) {
            w.sites.merge(FrameNames.method(trace.getFrames().get(0)), 1L, Long::sum);
        }
    }

    void acceptPark(RecordedEvent event) {
        parks.computeIfAbsent(parkSite(event.getStackTrace()), k -> new Waits()).add(Numbers.nanos(event.getDuration()));
    }

    static String parkSite(RecordedStackTrace trace) {
        if (trace == null || trace.getFrames().isEmpty()) return FrameNames.UNKNOWN;
        List<RecordedFrame> frames = trace.getFrames();
        for (RecordedFrame frame : frames) {
            String name = FrameNames.method(frame);
            if (PARKING_INTERNALS.stream().noneMatch(name::startsWith)) return name;
        }
        return FrameNames.method(frames.get(0));
    }

    LockProfile result(int limit) {
        List<ContendedMonitor> topMonitors = new ArrayList<>();
        monitors.forEach((cls, w) -> topMonitors.add(new ContendedMonitor(cls, w.count, Numbers.millis(w.totalNanos),
                Numbers.millis(w.maxNanos), w.topSite())));
        topMonitors.sort(Comparator.comparingDouble(ContendedMonitor::totalBlockedMillis).reversed()
                .thenComparing(ContendedMonitor::monitorClass));
        List<ParkSite> topParks = new ArrayList<>();
        parks.forEach((site, w) -> topParks.add(new ParkSite(site, w.count, Numbers.millis(w.totalNanos),
                Numbers.millis(w.maxNanos))));
        topParks.sort(Comparator.comparingDouble(ParkSite::totalParkedMillis).reversed().thenComparing(ParkSite::site));
        return new LockProfile(topMonitors.subList(0, Math.min(limit, topMonitors.size())),
                topParks.subList(0, Math.min(limit, topParks.size())));
    }

    private static final class Waits {
        long count;
        long totalNanos;
        long maxNanos;
        final Map<String, Long> sites = new HashMap<>();

        void add(long nanos) {
            count++;
            totalNanos += nanos;
            maxNanos = Math.max(maxNanos, nanos);
        }

        String topSite() {
            // Most frequent; on a tie the alphabetically first, so the report is deterministic.
            String top = "";
            long topCount = 0;
            for (Map.Entry<String, Long> e : sites.entrySet()) {
                if (e.getValue() > topCount || (e.getValue() == topCount && e.getKey().compareTo(top) < 0)) {
                    top = e.getKey();
                    topCount = e.getValue();
                }
            }
            return top;
        }
    }
}
