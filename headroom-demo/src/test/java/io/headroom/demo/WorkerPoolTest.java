package io.headroom.demo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerPoolTest {
    @Test
    void workerPoolBoundsConcurrencyWhileFiftyClientsHammerIt() throws Exception {
        DemoConfig config = DemoConfig.defaults().withWorkerThreads(4)
                .withServiceTime(EndpointFamily.PRODUCTS, ServiceTime.fixedMillis(5));
        try (DemoServer server = DemoServer.start(config)) {
            ShopClient shop = new ShopClient(server);

            List<Integer> statuses = FaultInjectionTest.sendConcurrently(50, 1_000,
                    () -> shop.get("/products?limit=1").statusCode());

            DemoStats stats = server.stats();
            assertThat(statuses).hasSize(1_000).containsOnly(200);
            assertThat(stats.requests("GET /products")).isEqualTo(1_000);
            assertThat(stats.maxInFlight()).isEqualTo(4);
            assertThat(stats.maxQueued()).isGreaterThan(4);
            assertThat(stats.inFlight()).isZero();
            assertThat(stats.queued()).isZero();
        }
    }

    @Test
    void throughputStaysBelowThePoolCapacity() throws Exception {
        // 2 workers x 20 ms fixed: capacity exactly 100 req/s.
        DemoConfig config = DemoConfig.defaults().withWorkerThreads(2)
                .withServiceTime(EndpointFamily.PRODUCTS, ServiceTime.fixedMillis(20));
        try (DemoServer server = DemoServer.start(config)) {
            assertThat(server.capacityRequestsPerSecond("products")).isEqualTo(100.0);
            ShopClient shop = new ShopClient(server);
            shop.get("/health");
            AtomicLong completed = new AtomicLong();
            long start = System.nanoTime();
            long stopAt = start + TimeUnit.MILLISECONDS.toNanos(1_500);

            List<Future<?>> clients = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 20; i++) {
                    clients.add(pool.submit(() -> {
                        while (System.nanoTime() < stopAt) {
                            shop.get("/products/1");
                            completed.incrementAndGet();
                        }
                    }));
                }
            }
            for (Future<?> client : clients) client.get();
            double seconds = (System.nanoTime() - start) / 1e9;

            double ratePerSecond = completed.get() / seconds;
            // Requests in service when the clock started add at most 2 to the count.
            assertThat(ratePerSecond).isLessThanOrEqualTo(100.0 + 2 / seconds);
            assertThat(ratePerSecond).isGreaterThan(30.0);
            assertThat(server.stats().maxInFlight()).isEqualTo(2);
        }
    }

    @Test
    void healthAnswersWhileThePoolIsSaturated() throws Exception {
        DemoConfig config = DemoConfig.defaults().withWorkerThreads(1)
                .withServiceTime(EndpointFamily.PRODUCTS, ServiceTime.fixedMillis(300));
        try (DemoServer server = DemoServer.start(config)) {
            ShopClient shop = new ShopClient(server);
            List<CompletableFuture<Integer>> products = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                products.add(CompletableFuture.supplyAsync(() -> shop.get("/products/1").statusCode(),
                        runnable -> Thread.ofVirtual().start(runnable)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // The most seen waiting at once: a second read could race the worker taking the next request.
            long queued = 0;
            while ((queued = Math.max(queued, server.stats().queued())) < 2 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(queued).isGreaterThanOrEqualTo(2);

            assertThat(shop.get("/health").statusCode()).isEqualTo(200);

            // Four requests x 300 ms on one worker take >= 1.2 s; health did not wait for them.
            assertThat(products).anySatisfy(future -> assertThat(future).isNotDone());
            assertThat(server.stats().maxInFlight()).isEqualTo(1);
            for (CompletableFuture<Integer> future : products) assertThat(future.get(20, TimeUnit.SECONDS)).isEqualTo(200);
        }
    }
}
