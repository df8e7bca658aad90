package io.headroom.distributed;

import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.ThresholdEvaluator;
import io.headroom.core.metric.IntervalHistory;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.SnapshotPoints;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.threshold.ThresholdSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * The coordinator's merged view of a running distributed run: agents' snapshots are grouped by their interval
 * number (every agent's k-th second together, since they all started at one instant), each second merged once all
 * agents sent it (or, for the live view, once an agent is as late as a lost one would be silent; what it sends later
 * goes into the next second merged, so the history loses nothing), applied to one registry (the run's cumulative
 * state: thresholds, results) and turned into one interval point for the live outputs and the history. The
 * registry's clock stops at the run's end ({@link #endAt}), so counter rates are per second of the run, as in one
 * process. Used by the coordinator's run thread only.
 */
final class IntervalMerger {

    private final RunListener listener;
    private final boolean wantsSnapshots;
    private final ThresholdEvaluator thresholds;
    private final IntervalHistory history = new IntervalHistory();
    private final TreeMap<Long, List<SnapshotMerge.Arrival>> pending = new TreeMap<>();
    private final long startNanos;
    private volatile long endNanos;
    private long lastEmittedSeq = -1;
    private long lastOffsetMillis;
    final MetricRegistry registry;

    IntervalMerger(List<ThresholdSpec> thresholdSpecs, RunListener listener, long startNanos) {
        this.listener = listener;
        this.wantsSnapshots = listener.wantsIntervalSnapshots();
        this.thresholds = new ThresholdEvaluator(thresholdSpecs);
        this.startNanos = startNanos;
        this.registry = new MetricRegistry(() -> {
            long end = endNanos;
            return end != 0 ? end : System.nanoTime();
        });
    }

    /** Starts the registry's clock; call at the start instant. */
    void markStart() {
        registry.markRunStart();
    }

    void add(SnapshotMerge.Arrival arrival) {
        // a second already merged without this agent: its numbers join the next one
        long seq = Math.max(arrival.seq(), lastEmittedSeq + 1);
        pending.computeIfAbsent(seq, k -> new ArrayList<>()).add(arrival);
    }

    /** Merges, in order, every second that {@code complete} says all agents sent, or that is late enough. */
    void emitReady(LongPredicate complete, long nowNanos) {
        while (!pending.isEmpty()) {
            long seq = pending.firstKey();
            long endedAt = startNanos + (seq + 1) * 1_000_000_000L;
            if (!complete.test(seq) && nowNanos - endedAt < Protocol.lostAfterMillis() * 1_000_000L) return;
            emit(pending.pollFirstEntry());
        }
    }

    /** Merges whatever is left, in order (the end of the run). */
    void flushAll() {
        while (!pending.isEmpty()) emit(pending.pollFirstEntry());
    }

    private void emit(Map.Entry<Long, List<SnapshotMerge.Arrival>> second) {
        lastEmittedSeq = Math.max(lastEmittedSeq, second.getKey());
        long offset = 0;
        for (SnapshotMerge.Arrival a : second.getValue()) offset = Math.max(offset, a.snapshot().offsetMillis());
        // a late agent's second alone never goes back in time
        offset = Math.max(offset, lastOffsetMillis);
        lastOffsetMillis = offset;
        IntervalSnapshot merged = SnapshotMerge.merge(second.getValue(), offset);
        registry.apply(merged);
        registry.closeInterval();
        if (merged.series().isEmpty()) return;
        IntervalPoint point = SnapshotPoints.of(merged);
        history.add(point);
        quietly(() -> listener.onInterval(point));
        if (wantsSnapshots) quietly(() -> listener.onIntervalSnapshot(merged));
    }

    void progress(List<Messages.Progress> all) {
        quietly(() -> listener.onProgress(ProgressMerge.merge(all)));
    }

    Optional<ThresholdResult> checkAbort() {
        return thresholds.checkAbort(registry);
    }

    void abort(String reason) {
        quietly(() -> listener.onAbort(reason));
    }

    /** Stops the registry's clock at {@code nanos} (the start instant plus the run's duration). */
    void endAt(long nanos) {
        endNanos = nanos;
        registry.closeInterval();
    }

    List<IntervalPoint> points() {
        return history.points();
    }

    List<ThresholdResult> evaluateAll() {
        return thresholds.evaluateAll(registry);
    }

    private static void quietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // a broken live output must not break the run (as in the engine)
        }
    }
}
