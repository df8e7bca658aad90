package io.headroom.core.engine;

import io.headroom.core.plan.ScenarioSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a run's VUs fit in the generator's heap, checked before the first VU is allocated: a plan that asks for
 * more VUs than the heap holds would otherwise allocate until the JVM runs out of memory. The estimate per VU is
 * measured (bench/peers.sh M4: 24.4 KiB of heap per VU at 10,000 VUs, after a full GC; VuHeapTest: about 24 KiB at
 * 2,000 VUs, each with its connection) and rounded up for the
 * iterations in flight. Stateless.
 */
public final class VuMemory {
    /** Heap one VU is counted at, in bytes: its thread, session and buffers (measured 24.4 KiB, plus a third). */
    public static final long BYTES_PER_VU = 32L << 10;
    /** Heap kept for everything but the VUs (metrics, histograms, the HTTP stack), in bytes. */
    public static final long RESERVED_BYTES = 64L << 20;

    private VuMemory() {}

    /** How many VUs fit in a heap of {@code maxHeapBytes}; 0 when the heap is below the reserve. */
    public static long fit(long maxHeapBytes) {
        return Math.max(0, (maxHeapBytes - RESERVED_BYTES) / BYTES_PER_VU);
    }

    /**
     * Checks that the scenarios' VUs (the most each may run, all at once since scenarios may overlap) fit in
     * {@code maxHeapBytes} ({@link Runtime#maxMemory()} in the engine).
     *
     * @throws IllegalArgumentException saying how many VUs were asked for, how many fit, and how to raise the heap
     */
    static void check(RunSpec spec, long maxHeapBytes) {
        long total = 0;
        List<String> parts = new ArrayList<>();
        for (ScenarioRun run : spec.scenarios()) {
            ScenarioSpec s = run.spec();
            long vus = spec.segment().scale(s.executor().maxVus());
            total += vus;
            parts.add(s.name() + ": " + vus);
        }
        long fit = fit(maxHeapBytes);
        if (total <= fit) return;
        long neededMiB = (RESERVED_BYTES + total * BYTES_PER_VU + (1 << 20) - 1) >> 20;
        long suggestGiB = Math.max(1, (neededMiB + 1023) / 1024);
        throw new IllegalArgumentException(String.format(Locale.ROOT, "the scenarios may run %d VUs at once (%s), but"
                        + " about %d fit in this generator's %d MiB heap (%d KiB per VU after %d MiB for the engine):"
                        + " lower vus/maxVUs, or raise the heap to at least %d MiB, e.g. HEADROOM_HEAP=%dg ./headroom run"
                        + " (java -Xmx%dg without the launcher), or spread the VUs over several generators",
                total, String.join(", ", parts), fit, maxHeapBytes >> 20, BYTES_PER_VU >> 10, RESERVED_BYTES >> 20,
                neededMiB, suggestGiB, suggestGiB));
    }
}
