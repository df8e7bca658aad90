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
     * Moves every count recorded so far into {@code histogram} (which must be empty, at 3 significant digits with a
     * lowest discernible value of 1, and auto-resizing or wide enough), leaving these counts at zero for what has not
     * been drained yet. Returns the sum of the moved values, each taken as the middle of its bucket and added in
     * ascending order as HdrHistogram's {@code getMean()} adds them: divided by the histogram's total count it is
     * exactly its mean, without a second pass over the histogram.
     */
    double drainInto(Histogram histogram) {
        int lowest = -1, highest = -1;
        for (int c = 0; c < CHUNKS && lowest < 0; c++) {
            long[] chunk = (long[]) CHUNK.getAcquire(chunks, c);
            if (chunk == null) continue;
            for (int i = 0; i < CHUNK_LENGTH; i++) {
                if ((long) COUNT.getAcquire(chunk, i) != 0) {
                    lowest = (c << CHUNK_MAGNITUDE) + i;
                    break;
                }
            }
        }
        if (lowest < 0) return 0;
        for (int c = CHUNKS - 1; c >= lowest >>> CHUNK_MAGNITUDE && highest < 0; c--) {
            long[] chunk = (long[]) CHUNK.getAcquire(chunks, c);
            if (chunk == null) continue;
            for (int i = CHUNK_LENGTH - 1; i >= 0; i--) {
                if ((long) COUNT.getAcquire(chunk, i) != 0) {
                    highest = (c << CHUNK_MAGNITUDE) + i;
                    break;
                }
            }
        }
        // The extremes first, so no value in between moves the histogram's min or max (each move costs a CAS); the
        // sum still adds the highest value last, keeping getMean()'s order and so its exact result.
        double valueSum = drain(lowest, histogram);
        double highestSum = highest == lowest ? 0 : drain(highest, histogram);
        for (int index = lowest + 1; index < highest; index++) {
            long[] chunk = (long[]) CHUNK.getAcquire(chunks, index >>> CHUNK_MAGNITUDE);
            if (chunk == null) {
                index |= CHUNK_LENGTH - 1; // skip the chunk that was never used
                continue;
            }
            valueSum += drain(index, histogram);
        }
        return valueSum + highestSum;
    }

    /** Moves the count at {@code index}; returns the middle value of its bucket times the count (0 when none). */
    private double drain(int index, Histogram histogram) {
        long[] chunk = (long[]) CHUNK.getAcquire(chunks, index >>> CHUNK_MAGNITUDE);
        long count = (long) COUNT.getAcquire(chunk, index & (CHUNK_LENGTH - 1));
        if (count == 0) return 0;
        // subtract what was read, not set to zero: an increment racing with this read stays for the next drain
        COUNT.getAndAdd(chunk, index & (CHUNK_LENGTH - 1), -count);
        long value = valueAt(index);
        histogram.recordValueWithCount(value, count);
        // HdrHistogram's medianEquivalentValue: half a bucket's width above its lowest value
        long median = index < 2 * SUB_BUCKET_HALF_COUNT ? value : value + (1L << ((index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 2));
        return (double) median * (double) count;
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
