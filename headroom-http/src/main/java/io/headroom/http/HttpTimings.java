package io.headroom.http;

/**
 * The phases of one request/response exchange in nanoseconds, as k6 names them: {@code blocked}
 * (waiting for a free connection slot), {@code connecting} (TCP), {@code tlsHandshaking}, {@code sending},
 * {@code waiting} (time to first response byte), {@code receiving}. Phases that did not happen (a
 * reused keep-alive connection does not connect) are 0. {@code duration} = sending + waiting + receiving.
 */
public record HttpTimings(long blockedNanos, long connectingNanos, long tlsHandshakingNanos, long sendingNanos,
                          long waitingNanos, long receivingNanos) {
    public static final HttpTimings NONE = new HttpTimings(0, 0, 0, 0, 0, 0);

    public long durationNanos() {
        return sendingNanos + waitingNanos + receivingNanos;
    }
}
