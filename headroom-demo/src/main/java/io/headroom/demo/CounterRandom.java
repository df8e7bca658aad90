package io.headroom.demo;

/**
 * Counter-based random numbers: the draws for the n-th request are a pure function of (seed, n, stream),
 * using the SplitMix64 finaliser (Steele, Lea, Flood 2014). So the service times and fault decisions of a
 * run depend only on the seed and the order requests were admitted, not on which worker thread ran them,
 * and drawing takes no lock. Immutable; thread-safe.
 */
final class CounterRandom {
    static final int STREAM_NORMAL_1 = 1;
    static final int STREAM_NORMAL_2 = 2;
    static final int STREAM_ERROR = 3;
    static final int STREAM_SPIKE = 4;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;

    CounterRandom(long seed) {
        this.seed = seed;
    }

    /** A uniform double in [0, 1) for request {@code sequence} in {@code stream}. */
    double uniform(long sequence, int stream) {
        long bits = mix64(mix64(seed + stream * GOLDEN_GAMMA) + sequence * GOLDEN_GAMMA);
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** A standard normal draw for request {@code sequence} (Box-Muller on two independent uniforms). */
    double standardNormal(long sequence) {
        double u1 = 1.0 - uniform(sequence, STREAM_NORMAL_1); // (0, 1]: log is finite
        double u2 = uniform(sequence, STREAM_NORMAL_2);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The SplitMix64 output function: a bijective 64-bit mix. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
