package shop;

import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.junit.BaseUrl;
import io.headroom.junit.LoadTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("performance")
class CheckoutLoadTest {
    static DemoServer shop;

    @BeforeAll
    static void startShop() throws Exception {
        shop = DemoServer.start(DemoConfig.defaults()); // an ephemeral port of 127.0.0.1
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }

    @BaseUrl
    static URI shopUrl() {
        return shop.baseUrl();
    }

    @LoadTest("src/test/plans/checkout.yaml")
    void checkout(RunResult result) {
        assertTrue(result.trend("http_req_duration").p(99) > 0, "latency was measured");
        assertTrue(result.counter("http_reqs").count() > 10, "requests were sent");
    }
}
