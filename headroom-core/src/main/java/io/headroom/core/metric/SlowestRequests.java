package io.headroom.core.metric;

import io.headroom.core.time.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@value Exemplar#PER_ENDPOINT} slowest requests of one endpoint and their trace ids: a bounded top-k shared by
 * every VU, lock-free. Thread-safe.
 *
 * <p>Allocation and contention: a request no slower than the slowest kept so far costs one volatile read and a
 * compare ({@link #offer}'s fast path), so in the steady state the VUs only read a shared field and never write it.
 * A request that enters the top-k allocates one slot and wins it with a compare-and-set; in a run of n requests that
 * happens about k·ln(n/k) times. Slots only ever get slower, so a failed compare-and-set just retries on the new
 * smallest, and the floor a VU reads is never above the true k-th slowest: no request that belongs is dropped.
 */
public final class SlowestRequests {
    /** Keeps nothing: what a {@link Metrics} without exemplars, or past its endpoint limit, hands out. */
    public static final SlowestRequests DISCARDING = new SlowestRequests(Tags.empty(), NanoClock.system(), 0);

    private final Tags endpoint;
    private final NanoClock clock;
    private final AtomicReferenceArray<Slot> slots;
    /** The duration a request must exceed to be kept: the smallest kept once all slots are full, -1 before. */
    private volatile long floorNanos;

    /** One kept request; {@code startNanos} is a {@link NanoClock} reading. */
    private record Slot(long durationNanos, long traceIdHigh, long traceIdLow, long startNanos) {}

    SlowestRequests(Tags endpoint, NanoClock clock, int capacity) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.slots = new AtomicReferenceArray<>(capacity);
        this.floorNanos = capacity == 0 ? Long.MAX_VALUE : -1;
    }

    /**
     * Offers one finished request that took {@code durationNanos} and carried the trace id
     * {@code traceIdHigh:traceIdLow} (the first and last 8 bytes; not both 0); its start is taken as now less
     * its duration. Allocation-free unless the request is among the slowest so far.
     */
    public void offer(long durationNanos, long traceIdHigh, long traceIdLow) {
        if (durationNanos <= floorNanos) return;
        insert(durationNanos, traceIdHigh, traceIdLow);
    }

    private void insert(long durationNanos, long traceIdHigh, long traceIdLow) {
        Slot slot = new Slot(durationNanos, traceIdHigh, traceIdLow, clock.nanoTime() - durationNanos);
        while (true) {
            int smallest = 0;
            Slot current = slots.get(0);
            for (int i = 0; i < slots.length() && current != null; i++) {
                Slot s = slots.get(i);
                if (s == null || s.durationNanos < current.durationNanos) {
                    smallest = i;
                    current = s;
                }
            }
            if (current != null && current.durationNanos >= durationNanos) break;
            if (slots.compareAndSet(smallest, current, slot)) break;
        }
        raiseFloor();
    }

    /** Recomputes the floor from the slots; a stale write only lowers it, which costs a slow path, never a sample. */
    private void raiseFloor() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < slots.length(); i++) {
            Slot s = slots.get(i);
            if (s == null) return;
            min = Math.min(min, s.durationNanos);
        }
        if (min > floorNanos) floorNanos = min;
    }

    /** The endpoint these requests belong to. */
    Tags exemplarsEndpoint() {
        return endpoint;
    }

    /** The requests kept so far, slowest first, with start offsets from {@code epochNanos} (a clock reading). */
    List<Exemplar> exemplars(long epochNanos) {
        List<Exemplar> out = new ArrayList<>(slots.length());
        for (int i = 0; i < slots.length(); i++) {
            Slot s = slots.get(i);
            if (s == null) continue;
            out.add(new Exemplar(endpoint, traceId(s.traceIdHigh, s.traceIdLow), s.durationNanos / 1_000_000.0,
                    Math.floorDiv(s.startNanos - epochNanos, 1_000_000L)));
        }
        out.sort((a, b) -> Double.compare(b.durationMillis(), a.durationMillis()));
        return out;
    }

    /** The 32 lowercase hex digits of a trace id given as its two halves. */
    public static String traceId(long high, long low) {
        return hex16(high) + hex16(low);
    }

    private static String hex16(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }
}
