package io.headroom.distributed;

import java.time.Instant;

/** The wall clock in nanoseconds since the epoch (microsecond resolution on Linux), for the start barrier. */
final class EpochClock {
    private EpochClock() {}

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
