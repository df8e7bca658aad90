package io.headroom.distributed;

import java.util.List;

/**
 * The offset of a remote clock from ours, estimated as NTP does (RFC 5905 §8, with one server timestamp): for a
 * request sent at our {@code t0}, answered at the remote's {@code server} and received at our {@code t1}, the
 * offset is {@code server − (t0 + t1) / 2}, wrong by at most half the round trip; of several samples the one with
 * the shortest round trip is kept. Immutable.
 *
 * @param offsetNanos add to our clock to read the remote's
 * @param rttNanos the round trip of the sample kept (twice the largest error)
 */
public record ClockOffset(long offsetNanos, long rttNanos) {
    /** One exchange: our send and receive times and the remote's answer, all in nanoseconds since the epoch. */
    public record Sample(long sentEpochNanos, long serverEpochNanos, long receivedEpochNanos) {
        long rttNanos() {
            return receivedEpochNanos - sentEpochNanos;
        }

        long offsetNanos() {
            return serverEpochNanos - (sentEpochNanos + (receivedEpochNanos - sentEpochNanos) / 2);
        }
    }

    /** The estimate from {@code samples} (not empty): the offset of the one with the shortest round trip. */
    public static ClockOffset of(List<Sample> samples) {
        if (samples.isEmpty()) throw new IllegalArgumentException("no clock sample");
        Sample best = samples.getFirst();
        for (Sample s : samples) if (s.rttNanos() < best.rttNanos()) best = s;
        return new ClockOffset(best.offsetNanos(), best.rttNanos());
    }
}
