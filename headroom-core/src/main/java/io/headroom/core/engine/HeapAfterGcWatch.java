package io.headroom.core.engine;

import io.headroom.core.result.HeapUse;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The heap the generator's own collections leave, read once a second on the engine's run thread from each
 * collector's last {@code GcInfo} (the heap pools' usage right after that collection). Resident memory says little
 * about a JVM (it rises while the young generation grows into its room); the heap after GC is what the process
 * actually holds, so a flat one over a soak shows no growth. Collections that end between two samples are counted,
 * but only each collector's last one is seen. Not thread-safe; costs nothing per request, and one MXBean read per
 * collector per second (a {@code GcInfo} only when a collection happened). Reads {@link HeapUse#NOT_MEASURED} on a
 * JVM without {@code com.sun.management}.
 */
final class HeapAfterGcWatch {
    private final List<com.sun.management.GarbageCollectorMXBean> collectors = new ArrayList<>();
    private final Set<String> heapPools = new HashSet<>();
    private final long[] lastCounts;
    private final long[] lastEndTimes;
    private long collections;
    private long first = -1;
    private long last;
    private long max;

    HeapAfterGcWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) collectors.add(sun);
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) heapPools.add(pool.getName());
        }
        lastCounts = new long[collectors.size()];
        lastEndTimes = new long[collectors.size()];
    }

    /** Marks the start of the run: collections before it are not the run's. */
    void start() {
        for (int i = 0; i < collectors.size(); i++) {
            lastCounts[i] = Math.max(0, collectors.get(i).getCollectionCount());
            var info = collectors.get(i).getLastGcInfo();
            lastEndTimes[i] = info == null ? -1 : info.getEndTime();
        }
    }

    /** Reads the collections that ended since the previous sample, in the order they ended. */
    void sample() {
        long newestEnd = Long.MIN_VALUE;
        long newestAfter = -1;
        for (int i = 0; i < collectors.size(); i++) {
            var collector = collectors.get(i);
            long count = collector.getCollectionCount();
            if (count <= lastCounts[i]) continue;
            collections += count - lastCounts[i];
            lastCounts[i] = count;
            var info = collector.getLastGcInfo();
            if (info == null || info.getEndTime() == lastEndTimes[i]) continue;
            lastEndTimes[i] = info.getEndTime();
            long after = heapUsed(info.getMemoryUsageAfterGc());
            if (first < 0) first = after;
            max = Math.max(max, after);
            if (info.getEndTime() > newestEnd) {
                newestEnd = info.getEndTime();
                newestAfter = after;
            }
        }
        if (newestAfter >= 0) last = newestAfter;
    }

    HeapUse heapUse() {
        long maxHeap = Math.max(0, Runtime.getRuntime().maxMemory() == Long.MAX_VALUE ? 0 : Runtime.getRuntime().maxMemory());
        if (collections == 0 || first < 0) return new HeapUse(0, 0, 0, 0, maxHeap);
        return new HeapUse(collections, first, last, max, maxHeap);
    }

    private long heapUsed(Map<String, MemoryUsage> afterGc) {
        long used = 0;
        for (var pool : afterGc.entrySet()) {
            if (heapPools.contains(pool.getKey())) used += pool.getValue().getUsed();
        }
        return used;
    }
}
