package io.headroom.core.metric;

import org.HdrHistogram.Histogram;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counts of non-negative long values in HdrHistogram's bucket layout at 3 significant digits (unit 1), incremented
 * by any number of threads with one atomic add per value, and drained into a {@link Histogram} once per interval.
 * Thread-safe: {@link #increment} is wait-free and allocation-free once the value's 8 KB chunk of counts exists
 * (chunks are created on first use, so memory follows the spread of the values); {@link #drainInto} is called by
 * one thread at a time.
 *
 * <p>Why not HdrHistogram's {@code Recorder}: its multi-writer recording (a {@code WriterReaderPhaser} around an
 * auto-resizing {@code ConcurrentHistogram}, which has a phaser of its own) costs six atomic operations per value,
 * four of them on counters every writer shares; a request records eight trends. Here a value costs one atomic add
 * on its own bucket. Draining reads each count and subtracts exactly what it read, so a value recorded meanwhile
 * lands in this interval or the next, never in neither or both: interval histograms still add up exactly.
 */
final class AtomicBucketCounts {
    /** 3 significant digits: 2048 sub-buckets per bucket, the upper 1024 of them new in every bucket after the first. */
    static final int SIGNIFICANT_DIGITS = 3;
    private static final int SUB_BUCKET_HALF_COUNT_MAGNITUDE = 10;
    private static final int SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_COUNT_MAGNITUDE;
    private static final long SUB_BUCKET_MASK = (2L << SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
    private static final int LEADING_ZERO_COUNT_BASE = 64 - (SUB_BUCKET_HALF_COUNT_MAGNITUDE + 1);
    /** Chunks of 1024 counts: chunks 0 and 1 hold bucket 0 (values 0–2047), chunk b+1 bucket b; up to Long.MAX_VALUE. */
    private static final int CHUNK_MAGNITUDE = SUB_BUCKET_HALF_COUNT_MAGNITUDE;
    private static final int CHUNK_LENGTH = 1 << CHUNK_MAGNITUDE;
    private static final int CHUNKS = LEADING_ZERO_COUNT_BASE - 1 + 2;

    private static final VarHandle CHUNK = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[][] chunks = new long[CHUNKS][];

    /** Counts one occurrence of {@code value}, which must be non-negative. */
    void increment(long value) {
        // HdrHistogram's countsArrayIndex(value) with unitMagnitude 0, so drained counts land on the same index.
        int bucket = LEADING_ZERO_COUNT_BASE - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK);
        int index = ((bucket + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + (int) (value >>> bucket) - SUB_BUCKET_HALF_COUNT;
        long[] chunk = (long[]) CHUNK.getAcquire(chunks, index >>> CHUNK_MAGNITUDE);
        if (chunk == null) chunk = createChunk(index >>> CHUNK_MAGNITUDE);
        COUNT.getAndAdd(chunk, index & (CHUNK_LENGTH - 1), 1L);
    }

    private long[] createChunk(int chunkIndex) {
        long[] created = new long[CHUNK_LENGTH];
        long[] witness = (long[]) CHUNK.compareAndExchangeRelease(chunks, chunkIndex, null, created);
        return witness == null ? created : witness;
    }

    /**
     * Moves every count recorded so far into {@code histogram} (which must be at 3 significant digits with a
     * lowest discernible value of 1, and auto-resizing or wide enough), leaving these counts at zero for what
     * has not been drained yet. Returns how many values were moved.
     */
    long drainInto(Histogram histogram) {
        long moved = 0;
        for (int c = 0; c < CHUNKS; c++) {
            long[] chunk = (long[]) CHUNK.getAcquire(chunks, c);
            if (chunk == null) continue;
            for (int i = 0; i < CHUNK_LENGTH; i++) {
                long count = (long) COUNT.getOpaque(chunk, i);
                if (count == 0) continue;
                // subtract what was read, not set to zero: an increment racing with this read stays for the next drain
                COUNT.getAndAdd(chunk, i, -count);
                histogram.recordValueWithCount(valueAt((c << CHUNK_MAGNITUDE) + i), count);
                moved += count;
            }
        }
        return moved;
    }

    /** The lowest value counted at {@code index}: HdrHistogram's valueFromIndex. */
    static long valueAt(int index) {
        int bucket = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
        int subBucket = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
        if (bucket < 0) {
            subBucket -= SUB_BUCKET_HALF_COUNT;
            bucket = 0;
        }
        return (long) subBucket << bucket;
    }

    /** Bytes held by counts chunks, for tests and footprint estimates. */
    long chunkBytes() {
        long bytes = 0;
        for (int c = 0; c < CHUNKS; c++) {
            if (CHUNK.getAcquire(chunks, c) != null) bytes += (long) CHUNK_LENGTH * Long.BYTES;
        }
        return bytes;
    }
}
