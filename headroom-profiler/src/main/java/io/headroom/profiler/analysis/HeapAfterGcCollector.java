package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.HeapAfterGc;
import io.headroom.profiler.analysis.ProfileReport.HeapPoint;
import jdk.jfr.consumer.RecordedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Heap used just after each collection (jdk.GCHeapSummary with {@code when = "After GC"}): the live set plus
 * whatever the collection did not reach, the series a leak check fits. Not thread-safe.
 */
final class HeapAfterGcCollector {
    /** Points kept; past this, every other point is dropped (so a day-long soak stays a few hundred KB of JSON). */
    static final int MAX_POINTS = 10_000;

    private final List<long[]> points = new ArrayList<>(); // {epochMillis, heapUsed}
    private long committedBytes;

    void accept(RecordedEvent event) {
        if (!event.hasField("when") || !"After GC".equals(event.getString("when")) || !event.hasField("heapUsed")) return;
        Instant at = event.getStartTime();
        points.add(new long[] {at.toEpochMilli(), event.getLong("heapUsed")});
        if (event.hasField("heapSpace")) {
            Object space = event.getValue("heapSpace");
            if (space instanceof jdk.jfr.consumer.RecordedObject o && o.hasField("committedSize")) {
                committedBytes = o.getLong("committedSize");
            }
        }
    }

    /** The points as seconds from {@code recordingStart} (null: from the first point), in time order. */
    HeapAfterGc result(Instant recordingStart) {
        points.sort(Comparator.comparingLong(p -> p[0]));
        List<long[]> kept = points;
        int stride = 1;
        while (kept.size() / stride > MAX_POINTS) stride *= 2;
        long origin = recordingStart != null ? recordingStart.toEpochMilli() : points.isEmpty() ? 0 : points.get(0)[0];
        List<HeapPoint> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i += stride) {
            out.add(new HeapPoint(Math.max(0, kept.get(i)[0] - origin) / 1000.0, kept.get(i)[1]));
        }
        return new HeapAfterGc(points.size(), committedBytes, out);
    }
}
