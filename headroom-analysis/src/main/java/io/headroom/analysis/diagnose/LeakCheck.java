package io.headroom.analysis.diagnose;

/**
 * How much heap-after-GC data the leak rule ({@link Rule#TARGET_MEMORY_GROWTH}) needs before it gives a
 * verdict; with less it says "inconclusive". Immutable.
 *
 * @param minCollections collections (heap-after-GC points) at least, at least 5 so every fifth of the window
 *                       can have one
 * @param minSpanSeconds seconds from the first to the last of them at least
 */
public record LeakCheck(int minCollections, double minSpanSeconds) {
    /**
     * Ten collections over five minutes: short of that, a heap still growing to its working size, or an old
     * generation not yet collected once, climbs just like a leak.
     */
    public static final LeakCheck DEFAULT = new LeakCheck(10, 300);

    public LeakCheck {
        if (minCollections < 5) throw new IllegalArgumentException("minCollections must be at least 5, got " + minCollections);
        if (!(minSpanSeconds >= 0)) throw new IllegalArgumentException("minSpanSeconds must not be negative, got " + minSpanSeconds);
    }
}
