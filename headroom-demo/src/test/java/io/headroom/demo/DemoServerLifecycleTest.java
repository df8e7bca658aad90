package io.headroom.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoServerLifecycleTest {
    @Test
    void refusesANonLoopbackAddressUnlessAllowed() {
        assertThatThrownBy(() -> DemoServer.start(DemoConfig.defaults().withHost("0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a loopback address");
    }

    @Test
    void bindsTheConfiguredLoopbackHost() throws Exception {
        try (DemoServer server = DemoServer.start(DemoConfig.defaults().withHost("localhost"))) {
            assertThat(server.baseUrl().getHost()).isIn("127.0.0.1", "[0:0:0:0:0:0:0:1]");
            assertThat(new ShopClient(server).get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void reportsAPortInUseAsBindException() throws Exception {
        try (DemoServer first = DemoServer.start(DemoConfig.defaults())) {
            assertThatThrownBy(() -> DemoServer.start(DemoConfig.defaults().withPort(first.port())))
                    .isInstanceOf(BindException.class);
        }
    }

    @Test
    void closeStopsListeningAndIsIdempotent() throws Exception {
        DemoServer server = DemoServer.start(DemoConfig.defaults());
        ShopClient shop = new ShopClient(server);
        assertThat(shop.get("/health").statusCode()).isEqualTo(200);

        server.close();
        server.close();

        assertThatThrownBy(() -> shop.get("/health")).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void closeInterruptsRequestsStillInService() throws Exception {
        DemoServer server = DemoServer.start(DemoConfig.defaults()
                .withServiceTime(EndpointFamily.PRODUCTS, ServiceTime.fixedMillis(60_000)));
        ShopClient shop = new ShopClient(server);
        Thread client = Thread.ofVirtual().start(() -> {
            try {
                shop.get("/products/1");
            } catch (UncheckedIOException expected) {
                // the connection is dropped by close()
            }
        });
        while (server.stats().inFlight() == 0) Thread.sleep(5);
        long start = System.nanoTime();

        server.close();

        assertThat(client.join(java.time.Duration.ofSeconds(20))).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
    }

    @Test
    void describeListsEveryEndpointWithItsCapacity() {
        String text = DemoServer.describe();

        for (Route route : Route.values()) {
            if (route != Route.OTHER) {
                assertThat(text).contains(String.format("%-5s %s%n", route.method(), route.usage()));
            }
        }
        assertThat(text).contains("products: median 5 ms, sigma 0.5, capacity 2824 req/s")
                .contains("orders: median 20 ms, sigma 0.5, capacity 706 req/s")
                .contains(ShopHandler.PAUSE_PHASE);
        assertThat(DemoServer.describe(DemoConfig.defaults().withWorkerThreads(1)))
                .contains("products: median 5 ms, sigma 0.5, capacity 176 req/s");
    }
}
