package io.headroom.http.socket;

import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One session's HTTP/2 connections (at most one per origin) and the loop that runs streams on them: as many at once
 * as the server's SETTINGS_MAX_CONCURRENT_STREAMS allows, the rest queued (their wait is blocked time), reading
 * frames until every stream ended. Streams a connection can no longer start (GOAWAY, a connection error) start on a
 * fresh connection; a run opens at most {@link #MAX_OPENS_PER_RUN} connections. Used by the session's thread only.
 */
final class Http2Exchanges {
    /** Opens a fresh HTTP/2 connection to the run's origin, timing its connect and TLS in {@code timer}. */
    interface Opener {
        Http2Connection open(ExchangeTimer timer) throws ExchangeFailure;
    }

    static final int MAX_OPENS_PER_RUN = 2;
    /** Times a stream the server refused (REFUSED_STREAM, unprocessed) is opened again before it fails with 1630. */
    static final int MAX_REFUSALS_PER_STREAM = 2;

    private final ArrayList<Http2Connection> connections = new ArrayList<>(1);
    private final long idleCheckAfterNanos;

    Http2Exchanges(long idleCheckAfterNanos) {
        this.idleCheckAfterNanos = idleCheckAfterNanos;
    }

    /** A connection to this origin that can take new streams, or null. */
    Http2Connection find(Target target) {
        for (int i = 0; i < connections.size(); i++) {
            Http2Connection c = connections.get(i);
            if (!c.socket.matches(target.https(), target.host(), target.port())) continue;
            boolean idle = System.nanoTime() - c.idleSinceNanos >= idleCheckAfterNanos;
            if (c.usable() && (!idle || c.usableAfterIdle())) return c;
            drop(c);
            return null;
        }
        return null;
    }

    /** Keeps {@code c} for later requests to its origin (the least recently used beyond the limit is closed). */
    void adopt(Http2Connection c) {
        if (connections.size() >= SocketHttpSession.MAX_ORIGINS) {
            Http2Connection oldest = connections.get(0);
            for (Http2Connection other : connections) {
                if (other.idleSinceNanos - oldest.idleSinceNanos < 0) oldest = other;
            }
            drop(oldest);
        }
        connections.add(c);
    }

    /**
     * Runs {@code streams} to the end on {@code first} (null: open one); every stream ends done, with a response or
     * an error. {@code hopStartNanos} is when the requests were ready: the time until each stream starts is blocked.
     */
    void run(Target target, Http2Connection first, List<Http2Stream> streams, long hopStartNanos, long deadlineNanos,
             DeadlineWatchdog.Guard guard, Opener opener) {
        ArrayDeque<Http2Stream> queue = new ArrayDeque<>(streams);
        for (Http2Stream s : streams) s.timer.startHop(hopStartNanos);
        Http2Connection c = first;
        int opens = 0;
        HttpError lastBreak = null;
        while (!queue.isEmpty()) {
            ExchangeTimer connectTimer = null;
            if (c == null || !c.usable()) {
                if (c != null && c.brokenError() != null) lastBreak = c.brokenError();
                if (opens++ >= MAX_OPENS_PER_RUN || lastBreak != null && lastBreak.type() == HttpErrorCode.HTTP2) {
                    failQueued(queue, lastBreak != null ? lastBreak : new HttpError(HttpErrorCode.HTTP2,
                            "no HTTP/2 connection to " + target.authority() + " would take these requests"));
                    return;
                }
                connectTimer = new ExchangeTimer();
                connectTimer.startHop(hopStartNanos);
                try {
                    c = opener.open(connectTimer);
                } catch (ExchangeFailure e) {
                    for (Http2Stream s : queue) {
                        s.timer.connectStart = connectTimer.connectStart;
                        s.timer.connectEnd = connectTimer.connectEnd;
                        s.timer.tlsStart = connectTimer.tlsStart;
                        s.timer.tlsEnd = connectTimer.tlsEnd;
                    }
                    failQueued(queue, e.error);
                    return;
                }
                adopt(c);
            }
            drive(c, queue, deadlineNanos, guard, connectTimer, target);
            if (!c.usable() && c.activeStreams() == 0) {
                if (c.brokenError() != null) lastBreak = c.brokenError();
                drop(c);
                c = null;
            }
        }
    }

    private void drive(Http2Connection c, ArrayDeque<Http2Stream> queue, long deadlineNanos,
                       DeadlineWatchdog.Guard guard, ExchangeTimer connectTimer, Target target) {
        ArrayList<Http2Stream> mine = new ArrayList<>(Math.min(queue.size(), 16));
        long sentBefore = c.socket.bytesWritten();
        long receivedBefore = c.socket.bytesRead();
        guard.arm(c.socket, deadlineNanos);
        try {
            while (true) {
                while (!queue.isEmpty() && c.canOpenStream()) {
                    Http2Stream s = queue.poll();
                    if (connectTimer != null && mine.isEmpty()) {
                        // The stream that waited for the connection carries its connect and TLS time.
                        s.timer.connectStart = connectTimer.connectStart;
                        s.timer.connectEnd = connectTimer.connectEnd;
                        s.timer.tlsStart = connectTimer.tlsStart;
                        s.timer.tlsEnd = connectTimer.tlsEnd;
                    }
                    mine.add(s);
                    c.open(s);
                }
                if (allDone(mine) && (queue.isEmpty() || !c.usable())) break;
                if (deadlineNanos != Http1Connection.NO_DEADLINE && System.nanoTime() - deadlineNanos >= 0) {
                    throw new ExchangeFailure(SocketErrors.REQUEST_TIMEOUT, false);
                }
                c.readOnce(deadlineNanos);
                requeueRefused(mine, queue);
            }
        } catch (IOException e) {
            boolean deadlinePassed = deadlineNanos != Http1Connection.NO_DEADLINE
                    && System.nanoTime() - deadlineNanos >= 0;
            HttpError error = deadlinePassed ? SocketErrors.REQUEST_TIMEOUT
                    : SocketErrors.classify(e, SocketErrors.Phase.READ, target.authority(), false);
            c.failAll(error);
            // Requests not yet started never reached the server: unless time is up they get a fresh connection.
            if (deadlinePassed || e instanceof ExchangeFailure) failQueued(queue, error);
            drop(c);
        } finally {
            guard.disarm();
        }
        long now = System.nanoTime();
        c.idleSinceNanos = now;
        if (mine.isEmpty()) return;
        // Wire bytes are per connection: each stream gets its share (the sum is exact).
        long sent = c.socket.bytesWritten() - sentBefore;
        long received = c.socket.bytesRead() - receivedBefore;
        int n = mine.size();
        for (int i = 0; i < n; i++) {
            Http2Stream s = mine.get(i);
            s.bytesSent = sent / n + (i == 0 ? sent % n : 0);
            s.bytesReceived = received / n + (i == 0 ? received % n : 0);
            if (!s.done) s.fail(new HttpError(HttpErrorCode.HTTP2_CONNECTION, "HTTP/2 connection ended"));
        }
    }

    /** Streams the server refused unprocessed go back to the front of the queue, a bounded number of times. */
    private static void requeueRefused(ArrayList<Http2Stream> mine, ArrayDeque<Http2Stream> queue) {
        for (int i = mine.size() - 1; i >= 0; i--) {
            Http2Stream s = mine.get(i);
            if (s.refused && s.refusals < MAX_REFUSALS_PER_STREAM) {
                mine.remove(i);
                s.reopenAfterRefusal();
                queue.addFirst(s);
            }
        }
    }

    private static boolean allDone(List<Http2Stream> streams) {
        for (int i = 0; i < streams.size(); i++) {
            if (!streams.get(i).done) return false;
        }
        return true;
    }

    private static void failQueued(ArrayDeque<Http2Stream> queue, HttpError error) {
        for (Http2Stream s : queue) s.fail(error);
        queue.clear();
    }

    private void drop(Http2Connection c) {
        c.close();
        connections.remove(c);
    }

    void closeAll() {
        for (Http2Connection c : connections) c.close();
        connections.clear();
    }
}
