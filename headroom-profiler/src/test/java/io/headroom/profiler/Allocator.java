package io.headroom.profiler;

import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM for tests that allocates steadily (byte arrays, some kept for a while) so that a small heap
 * collects many times. Runs for the seconds given as the first argument, then exits.
 */
public final class Allocator {
    static volatile long sink;

    private Allocator() {}

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 2;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        System.out.println("ready");
        System.out.flush();
        List<byte[]> kept = new ArrayList<>();
        while (System.nanoTime() < end) {
            kept.add(allocateChunk());
            if (kept.size() > 1_000) kept.clear();
        }
        sink += kept.size();
    }

    static byte[] allocateChunk() {
        byte[] chunk = new byte[16 * 1024];
        chunk[chunk.length - 1] = (byte) sink;
        return chunk;
    }
}
