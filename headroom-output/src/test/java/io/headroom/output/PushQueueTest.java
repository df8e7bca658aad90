package io.headroom.output;

import io.headroom.core.result.LiveOutputHealth;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded queue between the engine's thread and a receiver, with a sender that blocks, fails or takes all. */
class PushQueueTest {
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Test
    void aHealthyReceiverGetsEveryBatchInOrder() {
        List<Integer> got = new CopyOnWriteArrayList<>();
        PushQueue<Integer> q = new PushQueue<>("test=x", 20, b -> {
            got.add(b);
            return PushQueue.Delivery.SENT;
        }, warnings::add);
        for (int i = 0; i < 20; i++) q.offer(i);
        q.close(Duration.ofSeconds(5));
        assertThat(got).hasSize(20).isSorted();
        assertThat(q.health()).isEqualTo(new LiveOutputHealth("test=x", 20, 0, null));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aStuckReceiverCostsTheOldestBatchesNeverTheCallersTime() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        List<Integer> got = new CopyOnWriteArrayList<>();
        PushQueue<Integer> q = new PushQueue<>("test=x", 3, b -> {
            got.add(b);
            first.countDown();
            stuck.await(); // until close() interrupts
            return PushQueue.Delivery.SENT;
        }, warnings::add);
        q.offer(0);
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        for (int i = 1; i <= 10; i++) q.offer(i); // never blocks: 3 wait, 7 dropped (the oldest)
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        q.close(Duration.ofMillis(300));
        LiveOutputHealth h = q.health();
        assertThat(h.delivered()).isZero();
        assertThat(h.dropped()).isEqualTo(11); // 7 pushed out, 1 in flight, 3 left at the end
        assertThat(got).containsExactly(0);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("--out test=x", "slower than the run"))
                .anySatisfy(w -> assertThat(w).contains("the run ended"));
    }

    @Test
    void aFailingReceiverIsRetriedOnlyWhileNothingNewerWaits() {
        List<Integer> tries = new CopyOnWriteArrayList<>();
        PushQueue<Integer> q = new PushQueue<>("test=x", 10, b -> {
            tries.add(b);
            return tries.size() < 3 ? new PushQueue.Delivery.Retry("HTTP 503") : PushQueue.Delivery.SENT;
        }, warnings::add);
        q.offer(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (q.health().delivered() == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
        q.close(Duration.ofSeconds(2));
        assertThat(tries).containsExactly(1, 1, 1); // retried with backoff, then taken
        assertThat(q.health().delivered()).isEqualTo(1);
        assertThat(q.health().dropped()).isZero();
    }

    @Test
    void aRejectedBatchIsDroppedAtOnceAndEachProblemWarnedOnce() {
        PushQueue<Integer> q = new PushQueue<>("test=x", 10, b -> new PushQueue.Delivery.Rejected("HTTP 400: bad labels"),
                warnings::add);
        for (int i = 0; i < 4; i++) q.offer(i);
        q.close(Duration.ofSeconds(5));
        assertThat(q.health().dropped()).isEqualTo(4);
        assertThat(q.health().problem()).isEqualTo("HTTP 400: bad labels");
        assertThat(warnings).singleElement().asString().contains("HTTP 400: bad labels", "the run goes on");
    }
}
