package io.headroom.cli;

import io.headroom.core.engine.VuMemory;
import io.headroom.core.result.RunResult;
import io.headroom.script.Options;
import io.headroom.script.Scenario;
import io.headroom.script.Vu;
import io.headroom.script.run.Headroom;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap a VU takes (its thread, HTTP session and connection, between two requests) is within the estimate the
 * engine checks plans against ({@link VuMemory#BYTES_PER_VU}), measured as bench/peers.sh M4 does: heap after a
 * full collection, during the run, minus the heap before it.
 */
class VuHeapTest {
    private static final int VUS = 2_000;

    /** Thread-safe: one atomic counter. */
    static final class HealthThenThink implements Scenario {
        final AtomicInteger requests = new AtomicInteger();

        @Override
        public void iteration(Vu vu) {
            vu.http().get("/health");
            requests.incrementAndGet();
            vu.think(Duration.ofSeconds(3));
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aVuTakesLessHeapThanTheEstimate() throws Exception {
        // The target in its own process, so that only the generator's side of each connection is measured.
        try (DemoChild demo = DemoChild.start()) {
            HealthThenThink scenario = new HealthThenThink();
            long before = heapAfterGc();
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> Headroom.run(scenario,
                    Options.constantVus(VUS, Duration.ofSeconds(12)).baseUrl(demo.baseUrl())));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (scenario.requests.get() < VUS && System.nanoTime() < deadline && !run.isDone()) Thread.sleep(100);
            assertThat(scenario.requests.get()).as("every VU has sent a request").isGreaterThanOrEqualTo(VUS);
            long during = heapAfterGc();
            run.get(120, TimeUnit.SECONDS);
            long perVu = (during - before) / VUS;
            System.out.println("heap per VU: " + perVu / 1024.0 + " KiB (estimate " + VuMemory.BYTES_PER_VU / 1024 + " KiB)");
            assertThat(perVu).as("heap per VU in bytes").isLessThanOrEqualTo(VuMemory.BYTES_PER_VU);
        }
    }
}
