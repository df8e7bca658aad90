package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.AllocationEntry;
import io.headroom.profiler.analysis.ProfileReport.AllocationProfile;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Top allocation sites and types from jdk.ObjectAllocationSample, by estimated bytes; not thread-safe. */
final class AllocationCollector {
    private final Map<String, long[]> bySite = new HashMap<>(); // name -> {weightBytes, samples}
    private final Map<String, long[]> byType = new HashMap<>();
    private long samples;
    private long totalWeightBytes;

    void accept(RecordedEvent event) {
        long weight = event.hasField("weight") ? event.getLong("weight") : 0;
        samples++;
        totalWeightBytes += weight;
        add(byType, FrameNames.className(event.getClass("objectClass")), weight);
        add(bySite, site(event.getStackTrace()), weight);
    }

    private static String site(RecordedStackTrace trace) {
        if (trace == null || trace.getFrames().isEmpty()) return FrameNames.UNKNOWN;
        RecordedFrame top = trace.getFrames().get(0);
        return FrameNames.method(top);
    }

    private static void add(Map<String, long[]> map, String key, long weight) {
        long[] c = map.computeIfAbsent(key, k -> new long[2]);
        c[0] += weight;
        c[1]++;
    }

    AllocationProfile result(int limit) {
        return new AllocationProfile(samples, totalWeightBytes, top(bySite, limit), top(byType, limit));
    }

    private List<AllocationEntry> top(Map<String, long[]> map, int limit) {
        List<AllocationEntry> entries = new ArrayList<>(map.size());
        map.forEach((name, c) -> entries.add(new AllocationEntry(name, c[0], c[1],
                Numbers.percent(c[0], totalWeightBytes))));
        entries.sort(Comparator.comparingLong(AllocationEntry::weightBytes).reversed()
                .thenComparing(Comparator.comparingLong(AllocationEntry::samples).reversed())
                .thenComparing(AllocationEntry::name));
        return List.copyOf(entries.subList(0, Math.min(limit, entries.size())));
    }
}
