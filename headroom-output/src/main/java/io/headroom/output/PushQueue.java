package io.headroom.output;

import io.headroom.core.result.LiveOutputHealth;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bounded queue of batches and the one platform thread that delivers them, so the engine's thread never waits on
 * a receiver. {@link #offer} never blocks: when the queue is full the oldest batch is dropped (each batch of a
 * cumulative output carries the totals, so the newest matters most). A failed delivery is retried with backoff
 * (100 ms doubling to 2 s, as remote-write asks of a sender on 5xx) only while no newer batch waits, then dropped.
 * Every drop is counted; the first problem, and each different one after it (at most {@value #MAX_WARNINGS}), is
 * reported to {@code warnings}.
 *
 * <p>Threading: {@link #offer} from one producer thread; {@link #health} from any; {@link #close} once.
 *
 * @param <T> one batch
 */
public final class PushQueue<T> implements AutoCloseable {
    /** How many different problems are reported while the run goes; later ones are only counted. */
    static final int MAX_WARNINGS = 5;
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** What one delivery attempt came to. */
    public sealed interface Delivery {
        /** The receiver took it. */
        record Sent() implements Delivery {}

        /** It may take it later (5xx, 429, network): retried while no newer batch waits. */
        record Retry(String problem) implements Problem {}

        /** It never will (4xx, a file that cannot be written): dropped at once. */
        record Rejected(String problem) implements Problem {}

        /** Either failure, with its reason in words. */
        sealed interface Problem extends Delivery {
            String problem();
        }

        Delivery SENT = new Sent();
    }

    /** Delivers one batch; may block (bounded by its own timeouts) and must give up when interrupted. */
    @FunctionalInterface
    public interface Sender<T> {
        Delivery send(T batch) throws InterruptedException;
    }

    private final String description;
    private final ArrayBlockingQueue<T> queue;
    private final int capacity;
    private final Sender<T> sender;
    private final Consumer<String> warnings;
    private final Thread worker;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile String problem;
    private volatile boolean closing;
    private int warned;
    private String lastWarned;

    /**
     * Starts the delivery thread.
     *
     * @param description the output as the user named it, for the warnings
     * @param capacity    how many batches may wait (each is one second of the run)
     */
    public PushQueue(String description, int capacity, Sender<T> sender, Consumer<String> warnings) {
        this.description = Objects.requireNonNull(description, "description");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.sender = Objects.requireNonNull(sender, "sender");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.worker = new Thread(this::deliverAll, "headroom-out-" + description.replaceAll("=.*", ""));
        worker.setDaemon(true); // never keeps the JVM alive; close() bounds its last deliveries
        worker.start();
    }

    /** Queues {@code batch}, dropping the oldest waiting one when the queue is full; never blocks. */
    public void offer(T batch) {
        while (!queue.offer(batch)) {
            if (queue.poll() != null) drop("the receiver is slower than the run: " + capacity + " batches waited");
        }
    }

    /** Batches delivered and dropped so far, and the last problem. */
    public LiveOutputHealth health() {
        return new LiveOutputHealth(description, delivered.get(), dropped.get(), problem);
    }

    /**
     * Delivers what waits, for at most {@code budget}; then interrupts the delivery and counts what is left as
     * dropped.
     */
    public void close(Duration budget) {
        closing = true;
        try {
            worker.join(budget);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(1000);
            }
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
        }
        int left = 0;
        while (queue.poll() != null) left++;
        if (left > 0) drop(left, "the run ended before the receiver took the last " + (left == 1 ? "batch" : left + " batches"));
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(3));
    }

    private void deliverAll() {
        try {
            while (true) {
                T batch = closing ? queue.poll() : queue.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    if (closing) return;
                    continue;
                }
                deliver(batch);
            }
        } catch (InterruptedException e) {
            // close() gave up waiting: what is left is counted there
        }
    }

    private void deliver(T batch) throws InterruptedException {
        long backoffNanos = TimeUnit.MILLISECONDS.toNanos(100);
        while (true) {
            Delivery d;
            try {
                d = sender.send(batch);
            } catch (InterruptedException e) {
                drop("the run ended while a batch was being sent");
                throw e;
            } catch (RuntimeException e) {
                d = new Delivery.Rejected(e.toString());
            }
            switch (d) {
                case Delivery.Sent s -> {
                    delivered.incrementAndGet();
                    return;
                }
                case Delivery.Rejected r -> {
                    drop(r.problem());
                    return;
                }
                case Delivery.Retry r -> {
                    if (closing || !queue.isEmpty()) {
                        drop(r.problem());
                        return;
                    }
                    problem = r.problem();
                    long until = System.nanoTime() + backoffNanos;
                    while (System.nanoTime() < until && !closing && queue.isEmpty()) Thread.sleep(20);
                    backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF_NANOS);
                }
            }
        }
    }

    private void drop(String why) {
        drop(1, why);
    }

    private synchronized void drop(long n, String why) {
        dropped.addAndGet(n);
        problem = why;
        if (warned < MAX_WARNINGS && !why.equals(lastWarned)) {
            warned++;
            lastWarned = why;
            warnings.accept("--out " + description + ": " + why + "; dropped " + dropped.get() + " batch"
                    + (dropped.get() == 1 ? "" : "es") + " so far, the run goes on");
        }
    }
}
