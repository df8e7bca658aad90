package io.headroom.http.socket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds every exchange of a transport's sessions by its deadline from one thread: each {@link #TICK_NANOS} it
 * looks at the sessions' {@link Guard}s and closes the TCP socket under any exchange past its deadline, which
 * ends the blocked read or write at once; the session then reports the timeout.
 *
 * <p>Why not SO_TIMEOUT on each read: on a virtual thread a timed read schedules and cancels a JDK timer task and
 * wakes the timer thread, and on the peer benchmark's plain GET that cost about 40 % of the requests per CPU
 * second (measured with a bare 50-connection loop: 185k untimed against 106k with SO_TIMEOUT). Here an exchange
 * costs two volatile writes, and timeouts fire at most one tick late.
 */
final class DeadlineWatchdog implements Runnable {
    /** How often deadlines are checked: a timeout fires within this of its deadline. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Set<Guard> guards = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;
    private volatile boolean stopped;

    /**
     * One session's watch: armed with a deadline and the connection in use for the length of one exchange. Written
     * by the session's thread only; read by the watchdog.
     */
    static final class Guard {
        private volatile long deadlineNanos = Http1Connection.NO_DEADLINE;
        private volatile Http1Connection connection;

        void arm(Http1Connection connection, long deadlineNanos) {
            if (deadlineNanos == Http1Connection.NO_DEADLINE) return;
            this.connection = connection;
            this.deadlineNanos = deadlineNanos;
        }

        void disarm() {
            if (deadlineNanos == Http1Connection.NO_DEADLINE) return;
            deadlineNanos = Http1Connection.NO_DEADLINE;
            connection = null;
        }
    }

    /** Watches {@code guard} until {@link #unregister}; starts the watchdog thread on first use. */
    void register(Guard guard) {
        guards.add(guard);
        if (thread == null) start();
    }

    void unregister(Guard guard) {
        guards.remove(guard);
    }

    private synchronized void start() {
        if (thread != null || stopped) return;
        Thread t = new Thread(this, "headroom-http-deadlines");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void run() {
        while (!stopped) {
            LockSupport.parkNanos(this, TICK_NANOS);
            long now = System.nanoTime();
            for (Guard guard : guards) {
                long deadline = guard.deadlineNanos;
                if (deadline == Http1Connection.NO_DEADLINE || now - deadline < 0) continue;
                Http1Connection connection = guard.connection;
                // The same deadline still armed: the exchange it bounds has not ended meanwhile.
                if (connection != null && guard.deadlineNanos == deadline) connection.abort();
            }
        }
    }

    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }
}
