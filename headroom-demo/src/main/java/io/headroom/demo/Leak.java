package io.headroom.demo;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's deliberate memory leak ({@link FaultSettings#leakKbPerRequest()}): each call to {@link #retain(long)}
 * keeps a filled byte array reachable for the server's lifetime, so the heap and the process's RSS grow
 * with the number of requests. Growth stops at {@link #capBytes()} (at most a quarter of the JVM's maximum
 * heap, never more than 1 GiB), so a forgotten switch cannot run the JVM out of memory. Thread-safe.
 */
final class Leak {
    private static final long MAX_CAP_BYTES = 1L << 30;

    private final ConcurrentLinkedQueue<byte[]> retained = new ConcurrentLinkedQueue<>();
    private final AtomicLong retainedBytes = new AtomicLong();
    private final long capBytes;

    Leak() {
        this(Math.min(MAX_CAP_BYTES, Runtime.getRuntime().maxMemory() / 4));
    }

    Leak(long capBytes) {
        this.capBytes = capBytes;
    }

    /** Retains {@code kb} kibibytes more unless that would pass the cap; returns the bytes retained by this call. */
    long retain(long kb) {
        if (kb <= 0) return 0;
        long bytes = kb * 1024;
        long after = retainedBytes.addAndGet(bytes);
        if (after > capBytes) {
            retainedBytes.addAndGet(-bytes);
            return 0;
        }
        byte[] block = new byte[(int) bytes];
        // Written, not just allocated, so the pages are really resident (RSS grows, not only the heap's reservation).
        Arrays.fill(block, (byte) 1);
        retained.add(block);
        return bytes;
    }

    /** The bytes held by the leak so far. */
    long retainedBytes() {
        return retainedBytes.get();
    }

    long capBytes() {
        return capBytes;
    }
}
