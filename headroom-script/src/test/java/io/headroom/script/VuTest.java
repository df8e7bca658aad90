package io.headroom.script;

import io.headroom.core.metric.Tags;
import io.headroom.http.HttpSessionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java scenario API against a real loopback server. */
class VuTest {
    TestServer server;
    JdkHttpTransport transport;
    TestMetrics metrics;
    TestVuContext ctx;
    Vu vu;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer();
        transport = new JdkHttpTransport();
        metrics = new TestMetrics();
        ctx = new TestVuContext(3, "java", metrics);
        vu = new Vu(ctx, VuSettings.DEFAULTS.withBaseUrl(server.baseUrl() + "/"), transport.newSession(HttpSessionOptions.DEFAULTS));
        vu.beginIteration(ctx);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void postsJsonAndReadsTheResponseByJsonPath() {
        Response login = vu.http().post("/login", Json.of("user", "user1", "password", "secret"));
        assertThat(server.lastBody).isEqualTo("{\"user\":\"user1\",\"password\":\"secret\"}");
        assertThat(server.lastHeaders).containsEntry("content-type", "application/json");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json("$.token")).startsWith("tok-");
        assertThat(login.json("$.user")).isEqualTo("{\"id\":7}");
        assertThat(login.json("$.user.id")).isEqualTo("7");
        assertThat(login.jsonValue("$.user.id")).isEqualTo(7);
        assertThat(login.json("$.missing")).isNull();
        assertThat(login.header("x-id")).isEqualTo("session-42");
        assertThat(login.failed()).isFalse();
        assertThat(login.name()).isEqualTo("/login");
        assertThat(login.url().toString()).isEqualTo(server.baseUrl() + "/login");

        Response cart = vu.http().post("cart", Json.of("productId", 1), Headers.bearer(login.json("$.token")));
        assertThat(cart.status()).isEqualTo(201);
        assertThat(cart.json("$.ok")).isEqualTo("true");
    }

    @Test
    void sendsFormsRawBodiesAndHeaders() {
        vu.http().post("/echo", Form.of("a", "1", "b", "x y"));
        assertThat(server.lastBody).isEqualTo("a=1&b=x+y");
        assertThat(server.lastHeaders).containsEntry("content-type", "application/x-www-form-urlencoded");

        Response r = vu.http().put("/echo", Body.text("plain", "text/plain"), Headers.of("X-A", "1", "Content-Type", "text/x-custom"));
        assertThat(r.body()).isEqualTo("plain");
        assertThat(r.json("$.x")).isNull();
        assertThat(server.lastHeaders).containsEntry("content-type", "text/x-custom").containsEntry("x-a", "1");

        vu.http().patch("/echo", Body.bytes(new byte[] {1, 2, 3}, null));
        assertThat(server.lastBody.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).containsExactly(1, 2, 3);
        assertThat(vu.http().delete("/echo").status()).isEqualTo(200);
        assertThat(vu.http().head("/health").status()).isEqualTo(200);
        assertThat(vu.http().request("OPTIONS", "/health", null, null).status()).isEqualTo(200);
        assertThat(server.seen).containsSubsequence("PUT /echo", "PATCH /echo", "DELETE /echo", "HEAD /health", "OPTIONS /health");
    }

    @Test
    void requestParamsNameTagAndExpectStatuses() {
        Response r = vu.http().get("/status?code=404", Params.named("not-found").tag("kind", "probe").expect(404));
        assertThat(r.failed()).isFalse();
        assertThat(r.errorCode()).isEqualTo(1404);
        assertThat(metrics.matching("http_reqs", "name", "not-found", "kind", "probe", "status", "404",
                "expected_response", "true", "method", "GET", "scenario", "java", "error_code", "1404")).hasSize(1);
        assertThat(metrics.values("http_req_failed", "name", "not-found")).containsExactly(0.0);

        Response unexpected = vu.http().get("/status?code=500");
        assertThat(unexpected.failed()).isTrue();
        assertThat(metrics.values("http_req_failed", "name", "/status?code=500", "error_code", "1500")).containsExactly(1.0);
    }

    @Test
    void aBadUrlIsAFailedRequestNotAnException() throws IOException {
        Vu noBase = new Vu(ctx, VuSettings.DEFAULTS, transport.newSession(HttpSessionOptions.DEFAULTS));
        Response r = noBase.http().get("/health");
        assertThat(r.status()).isZero();
        assertThat(r.errorCode()).isEqualTo(1020);
        assertThat(r.error().message()).contains("needs a baseUrl");
        assertThat(r.failed()).isTrue();
        assertThat(r.body()).isEmpty();
        assertThat(r.json("$.a")).isNull();
        assertThat(vu.http().get("http://exa mple/").errorCode()).isEqualTo(1020);
        assertThat(metrics.values("http_req_failed", "error_code", "1020")).containsExactly(1.0, 1.0);
    }

    @Test
    void checksRecordRatesAndNeverThrow() {
        Response r = vu.http().get("/health");
        assertThat(vu.check(r, "is 200", x -> x.status() == 200)).isTrue();
        assertThat(vu.check(r, "is 201", x -> x.status() == 201)).isFalse();
        assertThat(vu.check(r, "throws", x -> {
            throw new IllegalStateException("bug in the check");
        })).isFalse();
        assertThat(metrics.values("checks", "check", "is 200", "scenario", "java")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "is 201")).containsExactly(0.0);
        assertThat(metrics.values("checks", "check", "throws")).containsExactly(0.0);
    }

    @Test
    void groupsNestAndTagSamplesInside() throws Exception {
        String inner = vu.group("shop", () -> vu.group("cart", () -> {
            vu.http().get("/health");
            vu.check("inside", true);
            vu.counter("orders").add(2);
            return vu.group();
        }));
        assertThat(inner).isEqualTo("::shop::cart");
        assertThat(vu.group()).isEmpty();
        vu.group("plain", () -> {
            vu.http().get("/health");
        });
        assertThat(metrics.matching("http_reqs", "group", "::shop::cart")).hasSize(1);
        assertThat(metrics.matching("http_reqs", "group", "::plain")).hasSize(1);
        assertThat(metrics.values("checks", "check", "inside", "group", "::shop::cart")).containsExactly(1.0);
        assertThat(metrics.sum("orders", "group", "::shop::cart", "scenario", "java")).isEqualTo(2.0);

        assertThatThrownBy(() -> vu.group("bad", () -> {
            throw new IOException("boom");
        })).isInstanceOf(IOException.class);
        assertThat(vu.group()).as("the group ends when its body throws").isEmpty();
        assertThat(vu.tags()).isEqualTo(Tags.of("scenario", "java"));
    }

    @Test
    void eachGroupRecordsItsDurationTaggedWithItsOwnPathAsInK6() throws Exception {
        vu.group("shop", () -> {
            vu.group("cart", () -> {
                vu.http().get("/health");
            });
            vu.http().get("/health");
        });
        assertThatThrownBy(() -> vu.group("bad", () -> {
            throw new IOException("boom");
        })).isInstanceOf(IOException.class);
        List<Double> cart = metrics.values("group_duration", "group", "::shop::cart");
        List<Double> shop = metrics.values("group_duration", "group", "::shop");
        assertThat(cart).singleElement().satisfies(ms -> assertThat(ms).isPositive());
        assertThat(shop).singleElement().satisfies(ms -> assertThat(ms).isGreaterThanOrEqualTo(cart.getFirst()));
        assertThat(metrics.values("group_duration", "group", "::bad")).as("recorded when the body throws too").hasSize(1);
        assertThat(metrics.matching("group_duration")).allSatisfy(series -> assertThat(series.tags.get("group")).isNotNull());
        // negative control: no group, no group_duration
        vu.http().get("/health");
        assertThat(metrics.matching("group_duration")).hasSize(3);
    }

    @Test
    void customMetricsAreCachedPerVu() {
        vu.counter("c").add(1);
        vu.counter("c").add(2);
        vu.rate("r").add(true);
        vu.trend("t").record(5);
        vu.trend("latency", true).record(12.5);
        vu.gauge("g").set(3);
        assertThat(metrics.sum("c")).isEqualTo(3.0);
        assertThat(metrics.values("r")).containsExactly(1.0);
        assertThat(metrics.values("t")).containsExactly(5.0);
        assertThat(metrics.values("latency")).containsExactly(12.5);
        assertThat(metrics.values("g")).containsExactly(3.0);
        assertThat(metrics.resolutions("c", Tags.of("scenario", "java"))).isEqualTo(1);
        assertThatThrownBy(() -> vu.counter("9lives")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metric names");
    }

    @Test
    void thinkGoesThroughTheContextsSleep() {
        vu.think(Duration.ofMillis(250));
        for (int i = 0; i < 50; i++) vu.think(Duration.ofSeconds(1), Duration.ofSeconds(3));
        vu.think(Duration.ZERO);
        assertThat(ctx.sleeps).hasSize(51);
        assertThat(ctx.sleeps.get(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(ctx.sleeps.subList(1, 51)).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        assertThat(ctx.sleeps.subList(1, 51).stream().distinct().count()).as("random, not fixed").isGreaterThan(1);
        assertThatThrownBy(() -> vu.think(Duration.ofSeconds(3), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void varsAndIdentityComeFromTheVu() {
        vu.vars().put("token", "abc");
        vu.beginIteration(ctx.next(0));
        assertThat(vu.vars()).containsEntry("token", "abc");
        assertThat(vu.id()).isEqualTo(3);
        assertThat(vu.iteration()).isEqualTo(1);
        assertThat(vu.scenario()).isEqualTo("java");
        assertThatThrownBy(() -> vu.data("users")).hasMessage("no data source 'users'; the sources are none");
    }

    @Test
    void jsonAndFormBodiesEncode() {
        assertThat(Json.of("a", 1, "b", List.of(true, "x"), "c", Map.of("d", 2)).toString())
                .isEqualTo("{\"a\":1,\"b\":[true,\"x\"],\"c\":{\"d\":2}}");
        assertThat(Json.raw("{\"x\":1}").toString()).isEqualTo("{\"x\":1}");
        assertThat(Form.of("q", "a&b=c").toString()).isEqualTo("q=a%26b%3Dc");
        assertThat(Headers.bearer("t").get("AUTHORIZATION")).isEqualTo("Bearer t");
        assertThat(Headers.of("A", "1").with("a", "2").asList()).hasSize(1);
    }

    @Test
    void expectedStatusesParseAsWritten() {
        assertThat(ExpectedStatuses.DEFAULT.contains(200)).isTrue();
        assertThat(ExpectedStatuses.DEFAULT.contains(399)).isTrue();
        assertThat(ExpectedStatuses.DEFAULT.contains(400)).isFalse();
        assertThat(ExpectedStatuses.DEFAULT.contains(0)).isFalse();
        ExpectedStatuses s = ExpectedStatuses.parse(List.of("2xx", "404"));
        assertThat(s.contains(250)).isTrue();
        assertThat(s.contains(404)).isTrue();
        assertThat(s.contains(300)).isFalse();
        assertThat(s.toString()).isEqualTo("200-299, 404");
        assertThatThrownBy(() -> ExpectedStatuses.parse(List.of("ok"))).hasMessageContaining("found \"ok\"");
        assertThatThrownBy(() -> ExpectedStatuses.parse(List.of("700"))).hasMessageContaining("between 100 and 599");
    }
}
