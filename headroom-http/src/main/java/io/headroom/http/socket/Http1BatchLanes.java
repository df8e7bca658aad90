package io.headroom.http.socket;

import io.headroom.http.CookieJar;
import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTimings;
import java.util.List;

/**
 * The HTTP/1.1 part of a session's batch (k6's {@code http.batch} with its {@code batchPerHost} of 6): a batch's
 * requests to one origin go out at once on up to {@link #BATCH_PER_HOST} connections, the session's own and those of
 * up to five lane sessions it keeps for later batches (their keep-alive connections stay open). Each lane runs on a
 * virtual thread of its own and sends its share of the requests one after another; the lanes share the session's
 * cookie jar (a monitor per jar) and nothing else. Used by the session's thread; the lanes are joined before
 * {@link #send} returns.
 */
final class Http1BatchLanes {
    /** Connections one VU's batch opens to one origin at most, as k6's default {@code batchPerHost}. */
    static final int BATCH_PER_HOST = 6;

    private final SocketHttpTransport transport;
    private final HttpSessionOptions options;
    private final CookieJar cookieJar;
    /** Lane sessions 1..5 (lane 0 is the session itself), made on the first batch that needs them. */
    private final SocketHttpSession[] lanes = new SocketHttpSession[BATCH_PER_HOST - 1];

    Http1BatchLanes(SocketHttpTransport transport, HttpSessionOptions options, CookieJar cookieJar) {
        this.transport = transport;
        this.options = options;
        this.cookieJar = cookieJar;
    }

    /**
     * Sends {@code requests} (all to one origin over HTTP/1.1) on {@code self} and up to five lanes at once; the
     * response of {@code requests.get(k)} goes to {@code out[at[k]]}. Interrupting the calling thread interrupts the
     * lanes, whose requests then fail as interrupted; the interrupt flag stays set.
     */
    void send(SocketHttpSession self, List<HttpRequest> requests, int[] at, HttpResponse[] out) {
        int n = requests.size();
        int width = Math.min(n, BATCH_PER_HOST);
        Thread[] threads = new Thread[width - 1];
        for (int lane = 1; lane < width; lane++) {
            if (lanes[lane - 1] == null) lanes[lane - 1] = new SocketHttpSession(transport, options, cookieJar);
            SocketHttpSession session = lanes[lane - 1];
            int first = lane;
            threads[lane - 1] = Thread.ofVirtual().name("headroom-batch-lane-" + lane)
                    .start(() -> run(session, requests, at, out, first, width));
        }
        run(self, requests, at, out, 0, width);
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    // The VU is being stopped: its lanes stop too (an interrupted socket call fails at once).
                    interrupted = true;
                    for (Thread other : threads) other.interrupt();
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** One lane: the requests {@code first}, {@code first + width}, ... one after another on its session. */
    private static void run(SocketHttpSession session, List<HttpRequest> requests, int[] at, HttpResponse[] out,
                            int first, int width) {
        for (int k = first; k < requests.size(); k += width) {
            HttpRequest r = requests.get(k);
            try {
                out[at[k]] = session.send(r);
            } catch (RuntimeException e) {
                // The session promises failures as data; if it breaks that promise, the batch still answers.
                out[at[k]] = HopRules.failure(r.url(), new HttpError(HttpErrorCode.GENERIC, String.valueOf(e)),
                        HttpTimings.NONE, 0, 0);
            }
        }
    }

    void close() {
        for (SocketHttpSession lane : lanes) {
            if (lane != null) lane.close();
        }
    }
}
