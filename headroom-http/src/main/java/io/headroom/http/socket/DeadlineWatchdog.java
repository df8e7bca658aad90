package io.headroom.http.socket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds every exchange of a transport's sessions by its deadline from one thread: it sleeps until the earliest
 * armed deadline (at most {@link #MAX_SLEEP_NANOS}; a guard armed with an earlier deadline wakes it), then
 * closes the TCP socket under every exchange past its deadline, which ends the blocked read or write at once;
 * the session then reports the timeout.
 *
 * <p>Why not SO_TIMEOUT on each read: on a virtual thread a timed read schedules and cancels a JDK timer task and
 * wakes the timer thread, and on the peer benchmark's plain GET that cost about 40 % of the requests per CPU
 * second (measured with a bare 50-connection loop: 185k untimed against 106k with SO_TIMEOUT). Here an exchange
 * costs two volatile writes and a volatile read, and the watchdog wakes about 20 times a second.
 */
final class DeadlineWatchdog implements Runnable {
    /** The longest the watchdog sleeps between looks at the guards. */
    static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Set<Guard> guards = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;
    private volatile boolean stopped;
    /** When the watchdog looks next; a guard armed with an earlier deadline unparks it. */
    private volatile long nextLookNanos = Long.MAX_VALUE;

    /**
     * One session's watch: armed with a deadline and the connection in use for the length of one exchange. Written
     * by the session's thread only; read by the watchdog.
     */
    static final class Guard {
        private final DeadlineWatchdog watchdog;
        private volatile long deadlineNanos = Http1Connection.NO_DEADLINE;
        private volatile Http1Connection connection;

        Guard(DeadlineWatchdog watchdog) {
            this.watchdog = watchdog;
        }

        void arm(Http1Connection connection, long deadlineNanos) {
            if (deadlineNanos == Http1Connection.NO_DEADLINE) return;
            this.connection = connection;
            this.deadlineNanos = deadlineNanos;
            if (deadlineNanos - watchdog.nextLookNanos < 0) watchdog.wake();
        }

        void disarm() {
            if (deadlineNanos == Http1Connection.NO_DEADLINE) return;
            deadlineNanos = Http1Connection.NO_DEADLINE;
            connection = null;
        }
    }

    /** A new guard, watched until {@link #unregister}; starts the watchdog thread on first use. */
    Guard register() {
        Guard guard = new Guard(this);
        guards.add(guard);
        if (thread == null) start();
        return guard;
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
            long now = System.nanoTime();
            long next = now + MAX_SLEEP_NANOS;
            // Published before the scan: a guard armed during it either is seen by the scan or sees this value
            // and wakes the watchdog if its deadline is earlier.
            nextLookNanos = next;
            for (Guard guard : guards) {
                long deadline = guard.deadlineNanos;
                if (deadline == Http1Connection.NO_DEADLINE) continue;
                if (now - deadline < 0) {
                    if (deadline - next < 0) next = deadline;
                    continue;
                }
                Http1Connection connection = guard.connection;
                // The same deadline still armed: the exchange it bounds has not ended meanwhile.
                if (connection != null && guard.deadlineNanos == deadline) connection.abort();
            }
            nextLookNanos = next;
            LockSupport.parkNanos(this, Math.max(0, next - System.nanoTime()));
        }
    }

    private void wake() {
        Thread t = thread;
        nextLookNanos = System.nanoTime(); // guards armed before it looks need not wake it again
        if (t != null) LockSupport.unpark(t);
    }

    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }
}
