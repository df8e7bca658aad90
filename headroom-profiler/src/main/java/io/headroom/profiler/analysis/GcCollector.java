package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.GcPauses;
import io.headroom.profiler.analysis.ProfileReport.GcProfile;
import jdk.jfr.consumer.RecordedEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** GC pauses from jdk.GarbageCollection and the collector from jdk.GCConfiguration; not thread-safe. */
final class GcCollector {
    private long[] pauseNanos = new long[64];
    private int pauseCount;
    private final Map<String, long[]> byName = new LinkedHashMap<>(); // name -> {count, totalNanos, maxNanos}
    private String youngCollector = "";
    private String oldCollector = "";

    void acceptCollection(RecordedEvent event) {
        // sumOfPauses is the stop-the-world time; duration would include a concurrent collector's work.
        long nanos = event.hasField("sumOfPauses") ? Numbers.nanos(event.getDuration("sumOfPauses"))
                : Numbers.nanos(event.getDuration());
        if (pauseCount == pauseNanos.length) pauseNanos = Arrays.copyOf(pauseNanos, pauseCount * 2);
        pauseNanos[pauseCount++] = nanos;
        String name = Numbers.orEmpty(event.getString("name"));
        long[] c = byName.computeIfAbsent(name.isEmpty() ? FrameNames.UNKNOWN : name, k -> new long[3]);
        c[0]++;
        c[1] += nanos;
        c[2] = Math.max(c[2], nanos);
    }

    void acceptConfiguration(RecordedEvent event) {
        youngCollector = Numbers.orEmpty(event.getString("youngCollector"));
        oldCollector = Numbers.orEmpty(event.getString("oldCollector"));
    }

    GcProfile result() {
        long[] sorted = Arrays.copyOf(pauseNanos, pauseCount);
        Arrays.sort(sorted);
        long total = 0;
        for (long p : sorted) total += p;
        List<GcPauses> names = new ArrayList<>();
        byName.forEach((name, c) -> names.add(new GcPauses(name, c[0], Numbers.millis(c[1]), Numbers.millis(c[2]))));
        names.sort(Comparator.comparingDouble(GcPauses::totalPauseMillis).reversed().thenComparing(GcPauses::name));
        return new GcProfile(collector(), pauseCount, Numbers.millis(total), Numbers.millis(nearestRank(sorted, 50)),
                Numbers.millis(nearestRank(sorted, 99)), Numbers.millis(pauseCount == 0 ? 0 : sorted[pauseCount - 1]),
                names);
    }

    private String collector() {
        Set<String> parts = new LinkedHashSet<>();
        for (String c : List.of(youngCollector, oldCollector)) {
            if (!c.isEmpty() && !c.equals("N/A")) parts.add(c);
        }
        if (parts.isEmpty()) parts.addAll(byName.keySet());
        parts.remove(FrameNames.UNKNOWN);
        return String.join(" + ", parts);
    }

    /** The smallest value with at least {@code percentile} % of the values at or below it; 0 when empty. */
    static long nearestRank(long[] sortedValues, double percentile) {
        if (sortedValues.length == 0) return 0;
        int rank = (int) Math.ceil(percentile / 100.0 * sortedValues.length);
        return sortedValues[Math.max(0, Math.min(sortedValues.length - 1, rank - 1))];
    }
}
