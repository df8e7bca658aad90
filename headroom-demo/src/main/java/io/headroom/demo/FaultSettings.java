package io.headroom.demo;

/**
 * The faults the demo injects into shop requests (never into {@code /health} or {@code /admin/*}); immutable,
 * swapped as a whole through {@link DemoFaults}. All times in milliseconds, rates are fractions in [0, 1].
 *
 * <ul>
 *   <li>{@code errorRate}: the fraction of requests answered {@code 500} instead of their normal answer. A
 *       failing request still holds its worker for its full service time, so capacity does not depend on it.
 *   <li>{@code spikeRate}, {@code spikeMillis}: the fraction of requests that hold their worker
 *       {@code spikeMillis} longer (a slow dependency, a GC on one thread).
 *   <li>{@code addedLatencyMillis}: extra time every request holds its worker.
 *   <li>{@code stallEveryMillis} (C), {@code stallPauseMillis} (P): stall mode. Time is measured from the
 *       server's start ({@link DemoServer#startNanos()}); pause {@code k = 0, 1, 2, ...} covers
 *       <b>[k·C + (C − P), (k + 1)·C)</b>, i.e. each C-long cycle serves for C − P and then pauses for
 *       the last P. No request begins service during a pause: a worker that would begin one waits until
 *       the pause ends (requests already in service finish normally). Both zero means off; otherwise
 *       {@code 0 < P < C}.
 *   <li>{@code leakKbPerRequest}: a memory leak. Every shop request retains this many kibibytes for the
 *       server's lifetime (in a structure capped at {@link Leak#capBytes()}, so a test cannot run the JVM out
 *       of memory); 0 means off. Setting it back to 0 stops the growth but keeps what leaked, as a real leak does.
 * </ul>
 */
public record FaultSettings(double errorRate, double spikeRate, long spikeMillis, long addedLatencyMillis,
                            long stallEveryMillis, long stallPauseMillis, long leakKbPerRequest) {
    /** No faults. */
    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0, 0, 0);
    /** The most a single request may leak, in kibibytes (64 MiB). */
    public static final long MAX_LEAK_KB_PER_REQUEST = 64 * 1024;

    /** The faults without a leak. */
    public FaultSettings(double errorRate, double spikeRate, long spikeMillis, long addedLatencyMillis,
                         long stallEveryMillis, long stallPauseMillis) {
        this(errorRate, spikeRate, spikeMillis, addedLatencyMillis, stallEveryMillis, stallPauseMillis, 0);
    }

    public FaultSettings {
        requireFraction("errorRate", errorRate);
        requireFraction("spikeRate", spikeRate);
        requireNonNegative("spikeMillis", spikeMillis);
        requireNonNegative("addedLatencyMillis", addedLatencyMillis);
        requireNonNegative("stallEveryMillis", stallEveryMillis);
        requireNonNegative("stallPauseMillis", stallPauseMillis);
        requireNonNegative("leakKbPerRequest", leakKbPerRequest);
        if (leakKbPerRequest > MAX_LEAK_KB_PER_REQUEST) {
            throw new IllegalArgumentException("leakKbPerRequest must be at most " + MAX_LEAK_KB_PER_REQUEST
                    + ", got " + leakKbPerRequest);
        }
        boolean off = stallEveryMillis == 0 && stallPauseMillis == 0;
        if (!off && !(stallPauseMillis > 0 && stallPauseMillis < stallEveryMillis)) {
            throw new IllegalArgumentException("stall mode needs 0 < stallPauseMillis < stallEveryMillis (or both 0 for"
                    + " off), got stallEveryMillis=" + stallEveryMillis + ", stallPauseMillis=" + stallPauseMillis);
        }
    }

    public FaultSettings withErrorRate(double fraction) {
        return new FaultSettings(fraction, spikeRate, spikeMillis, addedLatencyMillis, stallEveryMillis, stallPauseMillis,
                leakKbPerRequest);
    }

    public FaultSettings withLatencySpikes(double fraction, long millis) {
        return new FaultSettings(errorRate, fraction, millis, addedLatencyMillis, stallEveryMillis, stallPauseMillis,
                leakKbPerRequest);
    }

    public FaultSettings withAddedLatencyMillis(long millis) {
        return new FaultSettings(errorRate, spikeRate, spikeMillis, millis, stallEveryMillis, stallPauseMillis,
                leakKbPerRequest);
    }

    /** Stall mode: every {@code everyMillis}, pause for the last {@code pauseMillis} of the cycle. */
    public FaultSettings withStall(long everyMillis, long pauseMillis) {
        return new FaultSettings(errorRate, spikeRate, spikeMillis, addedLatencyMillis, everyMillis, pauseMillis,
                leakKbPerRequest);
    }

    /** Every shop request retains {@code kb} kibibytes (0 stops the leak; what leaked stays). */
    public FaultSettings withLeakKbPerRequest(long kb) {
        return new FaultSettings(errorRate, spikeRate, spikeMillis, addedLatencyMillis, stallEveryMillis,
                stallPauseMillis, kb);
    }

    public FaultSettings withoutStall() {
        return withStall(0, 0);
    }

    public boolean stallEnabled() {
        return stallEveryMillis > 0;
    }

    /** True when {@code elapsedNanos} after the server's start falls inside a pause. */
    public boolean stalledAt(long elapsedNanos) {
        return pauseEndNanos(elapsedNanos) != elapsedNanos;
    }

    /**
     * The end of the pause that contains the instant {@code elapsedNanos} after the server's start, that is
     * {@code (k + 1)·C} for the pause k around it; the instant itself when it lies in no pause.
     */
    public long pauseEndNanos(long elapsedNanos) {
        if (!stallEnabled() || elapsedNanos < 0) return elapsedNanos;
        long cycleNanos = stallEveryMillis * 1_000_000L;
        long serveNanos = (stallEveryMillis - stallPauseMillis) * 1_000_000L;
        long intoCycle = elapsedNanos % cycleNanos;
        return intoCycle >= serveNanos ? elapsedNanos - intoCycle + cycleNanos : elapsedNanos;
    }

    /**
     * The extra time an average request holds its worker because of these faults, in milliseconds:
     * {@code addedLatencyMillis + spikeRate × spikeMillis}.
     */
    public double meanExtraMillis() {
        return addedLatencyMillis + spikeRate * spikeMillis;
    }

    /**
     * The fraction of time in which service can begin: {@code (C − P) / C} in stall mode, else 1. Long-run
     * throughput is at most this fraction of the unstalled capacity.
     */
    public double servingFraction() {
        return stallEnabled() ? (double) (stallEveryMillis - stallPauseMillis) / stallEveryMillis : 1.0;
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction between 0 and 1, got " + value);
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
}
