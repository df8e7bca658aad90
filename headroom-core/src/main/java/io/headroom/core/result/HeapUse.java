package io.headroom.core.result;

/**
 * The generator's heap as its collections left it over a run: how many collections ended inside the run, the heap
 * in use right after the first and after the last of them, the most any of them left, and the heap's maximum size
 * (bytes; -Xmx, or the launcher's default). A heap after GC that stays flat while the run goes on means the
 * generator holds no more than it did: resident memory (RSS) can still rise while the JVM grows its young
 * generation into the room it was given, which is not a leak. Immutable.
 *
 * @param collections        collections that ended during the run; 0 when none did (short runs) or not measured
 * @param firstAfterGcBytes  heap in use after the first of them, bytes; 0 without collections
 * @param lastAfterGcBytes   heap in use after the last of them, bytes; 0 without collections
 * @param maxAfterGcBytes    the most heap in use after any of them, bytes; 0 without collections
 * @param maxHeapBytes       the heap's maximum size, bytes; 0 when not measured
 */
public record HeapUse(long collections, long firstAfterGcBytes, long lastAfterGcBytes, long maxAfterGcBytes,
                      long maxHeapBytes) {
    /** Nothing measured: a hand-built result, or a summary from before heap use was reported. */
    public static final HeapUse NOT_MEASURED = new HeapUse(0, 0, 0, 0, 0);

    public HeapUse {
        if (collections < 0 || firstAfterGcBytes < 0 || lastAfterGcBytes < 0 || maxAfterGcBytes < 0 || maxHeapBytes < 0) {
            throw new IllegalArgumentException("heap use cannot be negative");
        }
    }

    /** True when at least one collection ended during the run, so the after-GC numbers mean something. */
    public boolean measured() {
        return collections > 0;
    }
}
