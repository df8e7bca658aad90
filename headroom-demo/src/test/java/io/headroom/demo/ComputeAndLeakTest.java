package io.headroom.demo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComputeAndLeakTest {
    private DemoServer server;
    private ShopClient shop;

    @BeforeEach
    void start() throws Exception {
        server = DemoServer.start(DemoConfig.defaults().withAllServiceTimes(ServiceTime.ZERO));
        shop = new ShopClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void computeRanksTheCatalogueTheSameWayEveryTime() {
        HttpResponse<String> first = shop.get("/compute?n=50");
        HttpResponse<String> second = shop.get("/compute?n=50");

        assertThat(first.statusCode()).isEqualTo(200);
        Map<String, Object> body = ShopClient.json(first);
        assertThat(body).containsEntry("rounds", 50L);
        assertThat((List<?>) body.get("top")).hasSize(5);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(server.stats().requests("GET /compute")).isEqualTo(2);
    }

    @Test
    void computeRejectsRoundsOutsideItsBounds() {
        assertThat(shop.get("/compute?n=0").statusCode()).isEqualTo(400);
        assertThat(shop.get("/compute?n=1001").statusCode()).isEqualTo(400);
        assertThat(shop.get("/compute?n=x").statusCode()).isEqualTo(400);
        assertThat(shop.get("/compute").statusCode()).isEqualTo(200);
    }

    @Test
    void leakSwitchRetainsMemoryPerShopRequestAndStopsWhenSwitchedOff() {
        HttpResponse<String> set = shop.post("/admin/faults", "{\"leakKbPerRequest\":64}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(server.faults().current().leakKbPerRequest()).isEqualTo(64);

        for (int i = 0; i < 10; i++) assertThat(shop.get("/products/1").statusCode()).isEqualTo(200);
        shop.get("/health"); // outside the pool: leaks nothing

        assertThat(ShopClient.json(shop.get("/admin/stats"))).containsEntry("leakedBytes", 10 * 64 * 1024L);
        shop.post("/admin/faults", "{\"leakKbPerRequest\":0}");
        shop.get("/products/1");
        Map<String, Object> faults = ShopClient.json(shop.get("/admin/faults"));
        assertThat(faults).containsEntry("leakKbPerRequest", 0L).containsEntry("leakedBytes", 10 * 64 * 1024L);
    }

    @Test
    void leakStopsGrowingAtItsCap() {
        Leak leak = new Leak(10 * 1024);

        long retained = 0;
        for (int i = 0; i < 20; i++) retained += leak.retain(1);

        assertThat(retained).isEqualTo(10 * 1024);
        assertThat(leak.retainedBytes()).isEqualTo(10 * 1024);
        assertThat(leak.retain(1)).isZero();
    }

    @Test
    void leakSettingIsValidated() {
        assertThatThrownBy(() -> FaultSettings.NONE.withLeakKbPerRequest(-1)).hasMessageContaining("leakKbPerRequest");
        assertThatThrownBy(() -> FaultSettings.NONE.withLeakKbPerRequest(FaultSettings.MAX_LEAK_KB_PER_REQUEST + 1))
                .hasMessageContaining("at most");
        assertThat(shop.post("/admin/faults", "{\"leakKbPerRequest\":1.5}").statusCode()).isEqualTo(400);
        assertThat(new FaultSettings(0, 0, 0, 0, 0, 0)).isEqualTo(FaultSettings.NONE);
    }
}
