package io.headroom.profiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The program behind the checked-in recording {@code src/test/resources/io/headroom/profiler/fixture.jfr}:
 * a fixed mix of CPU work with a known call tree, allocation, a contended monitor and parking, for about
 * three seconds. Regenerate the recording (then the golden files, with {@code -Dgolden.update=true}) with:
 *
 * <pre>
 * cd headroom-profiler &amp;&amp; mvn -q test-compile &amp;&amp; java -Xmx128m -XX:+UseG1GC -Xlog:jfr+startup=error \
 *   -XX:StartFlightRecording=settings=src/test/resources/io/headroom/profiler/fixture.jfc,filename=src/test/resources/io/headroom/profiler/fixture.jfr \
 *   -cp target/test-classes io.headroom.profiler.FixtureProgram
 * </pre>
 */
public final class FixtureProgram {
    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(3_000);
    private static final Object SHARED_LOCK = new SharedLock();
    static volatile long sink;

    private FixtureProgram() {}

    /** The monitor two threads fight over; its own class so the report names it. */
    static final class SharedLock {}

    public static void main(String[] args) throws InterruptedException {
        long end = System.nanoTime() + RUN_NANOS;
        List<Thread> threads = List.of(
                new Thread(() -> cpuWork(end), "fixture-cpu"),
                new Thread(() -> allocate(end), "fixture-alloc"),
                new Thread(() -> holdLock(end), "fixture-lock-1"),
                new Thread(() -> holdLock(end), "fixture-lock-2"),
                new Thread(() -> waitOnQueue(end), "fixture-park"));
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
    }

    static void cpuWork(long endNanos) {
        while (System.nanoTime() < endNanos) {
            sink += sumOfSquares(200_000);
            sink += sortNumbers(20_000);
        }
    }

    static long sumOfSquares(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) sum += (long) i * i % 7919;
        return sum;
    }

    static long sortNumbers(int n) {
        long[] numbers = new long[n];
        long x = 42;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            numbers[i] = x;
        }
        Arrays.sort(numbers);
        return numbers[n / 2];
    }

    static void allocate(long endNanos) {
        List<Object> keep = new ArrayList<>();
        while (System.nanoTime() < endNanos) {
            keep.add(new byte[4096]);
            keep.add(Long.toString(System.nanoTime()));
            if (keep.size() > 2_000) keep.clear();
        }
        sink += keep.size();
    }

    static void holdLock(long endNanos) {
        while (System.nanoTime() < endNanos) {
            synchronized (SHARED_LOCK) {
                sleepQuietly(20);
            }
        }
    }

    static void waitOnQueue(long endNanos) {
        LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        while (System.nanoTime() < endNanos) {
            try {
                queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
