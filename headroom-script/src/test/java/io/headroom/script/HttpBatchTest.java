package io.headroom.script;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoH2cFront;
import io.headroom.demo.DemoServer;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpVersion;
import io.headroom.http.socket.SocketHttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code vu.http().batch(...)} (k6's http.batch) in Java, against the demo shop over h2c: responses in order, each
 * request recorded under its own name, a bad one failing alone; timed from the intended start when it is the
 * iteration's first request under an open model (and not after); bounded.
 */
class HttpBatchTest {
    private DemoServer shop;
    private DemoH2cFront h2c;
    private SocketHttpTransport transport;
    private HttpSession session;
    private final TestMetrics metrics = new TestMetrics();
    private final TestVuContext ctx = new TestVuContext(1, "batch", metrics);
    private Vu vu;

    @BeforeEach
    void start() throws Exception {
        shop = DemoServer.start(DemoConfig.defaults().withPort(0));
        h2c = DemoH2cFront.start(0, shop.baseUrl());
        transport = new SocketHttpTransport();
        VuSettings settings = VuSettings.DEFAULTS.withBaseUrl(h2c.baseUrl().toString())
                .withHttp(HttpDefaults.DEFAULTS.withHttpVersion(HttpVersion.HTTP_2));
        session = transport.newSession(settings.http().toSessionOptions());
        vu = new Vu(ctx, settings, session);
    }

    @AfterEach
    void stop() {
        session.close();
        transport.close();
        h2c.close();
        shop.close();
    }

    @Test
    void aBatchAnswersInOrderEachRequestItsOwnAndABadOneFailsAlone() {
        List<Response> r = vu.http().batch(List.of(
                BatchRequest.get("/health", Params.none().name("health")),
                BatchRequest.get("/products/1", Params.none().name("product")),
                BatchRequest.get("http://127.0.0.1:1/", Params.none().name("bad")) /* nothing listens: refused */,
                BatchRequest.post("/login", Json.of("user", "user1", "password", "secret"), Params.none().name("login"))));
        assertThat(r).hasSize(4);
        assertThat(r.get(0).status()).isEqualTo(200);
        assertThat(r.get(0).body()).contains("ok");
        assertThat(r.get(1).status()).isEqualTo(200);
        assertThat(r.get(1).body()).contains("\"id\":1");
        assertThat(r.get(2).failed()).isTrue();
        assertThat(r.get(3).failed()).isFalse();
        for (String name : List.of("health", "product")) {
            assertThat(metrics.matching("http_reqs", "name", name, "status", "200", "proto", "HTTP/2.0")).as(name).hasSize(1);
        }
        assertThat(metrics.matching("http_reqs", "name", "login", "proto", "HTTP/2.0")).hasSize(1);
        assertThat(metrics.matching("http_reqs", "name", "bad", "status", "0")).as(metrics.all("http_reqs").toString()).hasSize(1);
        assertThat(vu.http().batch(List.of())).isEmpty();
    }

    @Test
    void theIterationsFirstBatchIsTimedFromTheIntendedStartUnderAnOpenModel() {
        ctx.openModel = true;
        ctx.intendedStartNanos = System.nanoTime() - 20_000_000_000L; // 20 s late, as a stalled generator would be
        vu.beginIteration(ctx);
        vu.http().batch(List.of(BatchRequest.get("/health", Params.none().name("first")),
                BatchRequest.get("/health", Params.none().name("first"))));
        vu.http().batch(List.of(BatchRequest.get("/health", Params.none().name("second"))));
        assertThat(metrics.values("http_req_duration", "name", "first")).hasSize(2).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(20_000));
        // Control: the iteration's later requests are not its first; each counts from its own send.
        assertThat(metrics.values("http_req_duration", "name", "second")).hasSize(1).allSatisfy(v -> assertThat(v).isLessThan(20_000));
        assertThat(metrics.values("http_req_service_duration", "name", "first")).allSatisfy(v -> assertThat(v).isLessThan(20_000));
    }

    @Test
    void aBatchTakesAtMost256Requests() {
        List<BatchRequest> many = new ArrayList<>(Collections.nCopies(Http.MAX_BATCH_REQUESTS + 1, BatchRequest.get("/health")));
        assertThatThrownBy(() -> vu.http().batch(many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 256 requests, got 257");
        // Control: 256 go, multiplexed within the server's stream limit.
        List<Response> all = vu.http().batch(many.subList(0, Http.MAX_BATCH_REQUESTS));
        assertThat(all).hasSize(256).allSatisfy(x -> assertThat(x.status()).isEqualTo(200));
    }
}
