package io.headroom.profiler.analysis;

import io.headroom.profiler.flame.CollapsedStacks;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** jdk.ExecutionSample events to collapsed stacks (frames {@code pkg.Class.method}, root first); not thread-safe. */
final class CpuSampleCollector {
    /**
     * The JFR parser hands out one object per method and per stack trace of a chunk, shared by all events
     * that refer to it, so caching by identity saves building the same frame names millions of times. The
     * caches are dropped when they grow past this size (a new chunk brings new objects).
     */
    private static final int MAX_CACHED = 200_000;

    private final ThreadCpuCollector threads;
    private final CollapsedStacks.Builder stacks = CollapsedStacks.builder();
    private final Map<RecordedMethod, Integer> frameIdByMethod = new IdentityHashMap<>();
    private final Map<RecordedStackTrace, int[]> frameIdsByStack = new IdentityHashMap<>();
    private final int unknownFrameId;
    private long sampleCount;
    private long truncatedSampleCount;

    CpuSampleCollector(ThreadCpuCollector threads) {
        this.threads = threads;
        this.unknownFrameId = stacks.frameId(FrameNames.UNKNOWN);
    }

    void accept(RecordedEvent event) {
        sampleCount++;
        threads.acceptExecutionSample(event);
        RecordedStackTrace trace = event.getStackTrace();
        if (trace == null) {
            stacks.add(new int[] {unknownFrameId}, 1);
            return;
        }
        if (trace.isTruncated()) truncatedSampleCount++;
        int[] ids = frameIdsByStack.get(trace);
        if (ids == null) {
            ids = frameIds(trace);
            if (frameIdsByStack.size() >= MAX_CACHED) frameIdsByStack.clear();
            frameIdsByStack.put(trace, ids);
        }
        stacks.add(ids, 1);
    }

    private int[] frameIds(RecordedStackTrace trace) {
        List<RecordedFrame> frames = trace.getFrames(); // leaf (top) first
        int[] ids = new int[frames.size()];
        for (int i = 0; i < ids.length; i++) ids[ids.length - 1 - i] = frameId(frames.get(i).getMethod());
        return ids.length == 0 ? new int[] {unknownFrameId} : ids;
    }

    private int frameId(RecordedMethod method) {
        if (method == null) return unknownFrameId;
        Integer id = frameIdByMethod.get(method);
        if (id == null) {
            id = stacks.frameId(FrameNames.method(method));
            if (frameIdByMethod.size() >= MAX_CACHED) frameIdByMethod.clear();
            frameIdByMethod.put(method, id);
        }
        return id;
    }

    long sampleCount() {
        return sampleCount;
    }

    long truncatedSampleCount() {
        return truncatedSampleCount;
    }

    CollapsedStacks stacks() {
        return stacks.build();
    }
}
