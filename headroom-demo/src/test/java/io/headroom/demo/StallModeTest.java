package io.headroom.demo;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StallModeTest {
    private static final long MS = 1_000_000L;

    @Test
    void requestArrivingDuringAPauseIsAnsweredWhenThePauseEnds() throws Exception {
        // C = 4000, P = 2000: pause 0 covers [2000, 4000) ms after start, pause 1 [6000, 8000).
        DemoConfig config = DemoConfig.defaults().withAllServiceTimes(ServiceTime.ZERO)
                .withFaults(FaultSettings.NONE.withStall(4_000, 2_000));
        try (DemoServer server = DemoServer.start(config)) {
            ShopClient shop = new ShopClient(server);

            // Negative control: before the first pause a request is not held.
            assertThat(shop.get("/products/1").statusCode()).isEqualTo(200);
            assertThat(server.stats().stalledRequests()).isZero();
            assertThat(elapsedMillis(server)).isLessThan(2_000);

            sleepUntil(server, 2_200 * MS);
            CompletableFuture<Long> stalledDoneAtNanos = CompletableFuture.supplyAsync(() -> {
                HttpResponse<String> response = shop.get("/products/2");
                assertThat(response.statusCode()).isEqualTo(200);
                return System.nanoTime() - server.startNanos();
            }, runnable -> Thread.ofVirtual().start(runnable));

            sleepUntil(server, 2_500 * MS);
            HttpResponse<String> health = shop.get("/health");
            long healthDoneMillis = elapsedMillis(server);

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(healthDoneMillis).isLessThan(4_000);
            assertThat(stalledDoneAtNanos).isNotDone();

            long stalledDoneMillis = stalledDoneAtNanos.get(10, TimeUnit.SECONDS) / MS;
            assertThat(stalledDoneMillis).isBetween(4_000L, 7_000L);
            assertThat(server.stats().stalledRequests()).isEqualTo(1);
        }
    }

    @Test
    void switchingStallModeOffReleasesWaitingRequests() throws Exception {
        // C = 60 s, P = 59.9 s: pause 0 covers [100 ms, 60 s).
        DemoConfig config = DemoConfig.defaults().withAllServiceTimes(ServiceTime.ZERO)
                .withFaults(FaultSettings.NONE.withStall(60_000, 59_900));
        try (DemoServer server = DemoServer.start(config)) {
            ShopClient shop = new ShopClient(server);
            sleepUntil(server, 150 * MS);
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> shop.get("/products/1").statusCode(),
                    runnable -> Thread.ofVirtual().start(runnable));
            awaitStalled(server);

            shop.post("/admin/faults", "{\"stallEveryMillis\":0,\"stallPauseMillis\":0}");

            assertThat(waiting.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(elapsedMillis(server)).isLessThan(59_900);
        }
    }

    private static void awaitStalled(DemoServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.stats().stalledRequests() == 0) {
            if (System.nanoTime() > deadline) throw new AssertionError("no request reached the stall gate");
            Thread.sleep(10);
        }
    }

    private static long elapsedMillis(DemoServer server) {
        return (System.nanoTime() - server.startNanos()) / MS;
    }

    private static void sleepUntil(DemoServer server, long elapsedNanos) throws InterruptedException {
        long left = server.startNanos() + elapsedNanos - System.nanoTime();
        if (left > 0) TimeUnit.NANOSECONDS.sleep(left);
    }
}
