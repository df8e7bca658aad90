package io.headroom.profiler;

/**
 * A child JVM for tests with one known hot method: {@link #burnCpu} spins integer math and nothing else.
 * Prints {@code ready} once running; exits by itself after the seconds given as the first argument (a
 * safety net so a crashed test never leaves it spinning).
 */
public final class HotLoop {
    static volatile long sink;

    private HotLoop() {}

    public static void main(String[] args) {
        long maxSeconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        long end = System.nanoTime() + maxSeconds * 1_000_000_000L;
        System.out.println("ready");
        System.out.flush();
        while (System.nanoTime() < end) sink += burnCpu(2_000_000);
    }

    /** Xorshift steps: pure arithmetic, no calls, no allocation, so every sample in here is self time. */
    static long burnCpu(int steps) {
        long x = sink | 1;
        for (int i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }
}
