package io.headroom.core.engine;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The idle VUs of one arrival-rate scenario: an intrusive lock-free (Treiber) stack through {@link Vu#nextIdle},
 * so handing an iteration to a VU allocates nothing and takes no lock. Any VU may push itself; only the
 * scenario's scheduler thread pops, which rules out the ABA problem (a popped VU is re-pushed only by itself,
 * after the pop). LIFO on purpose: the most recently used VU has the warmest connections and caches.
 */
final class IdleVuStack {
    private final AtomicReference<Vu> head = new AtomicReference<>();

    /** Called by a VU that has finished its iteration. */
    void push(Vu vu) {
        Vu h;
        do {
            h = head.get();
            vu.nextIdle = h;
        } while (!head.compareAndSet(h, vu));
    }

    /** Called by the scheduler thread only; null when no VU is idle. */
    Vu pop() {
        Vu h;
        do {
            h = head.get();
            if (h == null) return null;
        } while (!head.compareAndSet(h, h.nextIdle));
        h.nextIdle = null;
        return h;
    }
}
