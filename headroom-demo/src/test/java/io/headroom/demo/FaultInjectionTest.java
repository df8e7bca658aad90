package io.headroom.demo;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class FaultInjectionTest {
    private static final DemoConfig FAST = DemoConfig.defaults().withAllServiceTimes(ServiceTime.ZERO);

    @Test
    void errorRateAnswersAboutThatFractionWith500() throws Exception {
        try (DemoServer server = DemoServer.start(FAST)) {
            server.faults().setErrorRate(0.2);
            ShopClient shop = new ShopClient(server);

            List<Integer> statuses = sendConcurrently(8, 500, () -> shop.get("/products/1"));

            long failed = statuses.stream().filter(s -> s == 500).count();
            assertThat(failed).isBetween(60L, 140L);
            assertThat(statuses).containsOnly(200, 500);
            assertThat(server.stats().injectedErrors()).isEqualTo(failed);
            assertThat(server.stats().responses(500)).isEqualTo(failed);
        }
    }

    @Test
    void injectedErrorIsA500JsonBodyAndHealthIsExempt() throws Exception {
        try (DemoServer server = DemoServer.start(FAST.withFaults(FaultSettings.NONE.withErrorRate(1.0)))) {
            ShopClient shop = new ShopClient(server);

            HttpResponse<String> failed = shop.get("/products");

            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(ShopClient.json(failed)).containsEntry("error", "injected_fault");
            assertThat(shop.get("/health").statusCode()).isEqualTo(200);
            assertThat(shop.get("/admin/stats").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void errorRateCanBeSwitchedOffAtRuntime() throws Exception {
        try (DemoServer server = DemoServer.start(FAST.withFaults(FaultSettings.NONE.withErrorRate(1.0)))) {
            ShopClient shop = new ShopClient(server);
            assertThat(shop.get("/products/1").statusCode()).isEqualTo(500);

            shop.post("/admin/faults", "{\"errorRate\":0}");

            assertThat(shop.get("/products/1").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void addedLatencyHoldsEveryShopRequestButNotHealth() throws Exception {
        try (DemoServer server = DemoServer.start(FAST)) {
            server.faults().setAddedLatencyMillis(1_000);
            ShopClient shop = new ShopClient(server);
            shop.get("/health"); // connection set up before timing

            long productNanos = timeNanos(() -> shop.get("/products/1"));
            long healthNanos = timeNanos(() -> shop.get("/health"));

            assertThat(productNanos).isGreaterThanOrEqualTo(1_000_000_000L);
            assertThat(healthNanos).isLessThan(1_000_000_000L);
        }
    }

    @Test
    void latencySpikesDelayAboutThatFractionOfRequests() throws Exception {
        try (DemoServer server = DemoServer.start(FAST)) {
            server.faults().setLatencySpikes(0.25, 200);
            ShopClient shop = new ShopClient(server);

            List<Long> latenciesNanos = sendConcurrently(8, 60, () -> {
                long start = System.nanoTime();
                shop.get("/products/1");
                return System.nanoTime() - start;
            });

            long spikes = server.stats().injectedSpikes();
            long slow = latenciesNanos.stream().filter(n -> n >= 200_000_000L).count();
            assertThat(spikes).isBetween(5L, 28L);
            // Every spiked request is slow; on a busy machine an unspiked one may be slow too, never fewer.
            assertThat(slow).isGreaterThanOrEqualTo(spikes);
        }
    }

    private static long timeNanos(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return System.nanoTime() - start;
    }

    interface Call<T> {
        T call() throws Exception;
    }

    /** Runs {@code total} calls on {@code clients} virtual threads and returns their results. */
    static <T> List<T> sendConcurrently(int clients, int total, Call<T> call) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients, Thread.ofVirtual().factory())) {
            for (int i = 0; i < total; i++) futures.add(pool.submit(call::call));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) results.add(future.get());
        return results;
    }

    private static List<Integer> sendConcurrently(int clients, int total, java.util.function.Supplier<HttpResponse<String>> call)
            throws Exception {
        return sendConcurrently(clients, total, () -> call.get().statusCode());
    }
}
