package io.headroom.http.socket;

import io.headroom.http.HttpTimings;

/**
 * The instants (System.nanoTime) of one hop's phases, reset and reused for every hop of a session so that timing
 * allocates nothing until the final {@link HttpTimings}. Zero means "did not happen". Every nanosecond between
 * {@code hopStart} and the end lands in exactly one phase: what precedes the successful attempt's send and is not
 * connecting or TLS (DNS, an idle-connection probe, a first attempt lost on a stale connection) is blocked time.
 */
final class ExchangeTimer {
    long hopStart;
    long connectStart;
    long connectEnd;
    long tlsStart;
    long tlsEnd;
    long sendStart;
    long sendEnd;
    long firstByte;

    void startHop(long nowNanos) {
        hopStart = nowNanos;
        connectStart = connectEnd = tlsStart = tlsEnd = sendStart = sendEnd = firstByte = 0;
    }

    /** Forgets a failed attempt on a stale connection; its time becomes blocked time of the retry. */
    void restartAttempt() {
        connectStart = connectEnd = tlsStart = tlsEnd = sendStart = sendEnd = firstByte = 0;
    }

    HttpTimings timings(long endNanos) {
        // A phase that failed lasted until the end.
        long connecting = connectStart == 0 ? 0 : (connectEnd > 0 ? connectEnd : endNanos) - connectStart;
        long tls = tlsStart == 0 ? 0 : (tlsEnd > 0 ? tlsEnd : endNanos) - tlsStart;
        long sending = 0;
        long waiting = 0;
        long receiving = 0;
        long beforeSend;
        if (sendStart > 0) {
            beforeSend = sendStart - hopStart;
            long sendDone = sendEnd > 0 ? sendEnd : endNanos;
            sending = sendDone - sendStart;
            if (sendEnd > 0) {
                long firstByteOrEnd = firstByte > 0 ? firstByte : endNanos;
                waiting = firstByteOrEnd - sendEnd;
                if (firstByte > 0) receiving = endNanos - firstByte;
            }
        } else {
            beforeSend = endNanos - hopStart;
        }
        long blocked = Math.max(0, beforeSend - connecting - tls);
        return new HttpTimings(blocked, connecting, tls, sending, waiting, receiving);
    }
}
