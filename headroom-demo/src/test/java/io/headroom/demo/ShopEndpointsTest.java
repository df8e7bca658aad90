package io.headroom.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShopEndpointsTest {
    private static DemoServer server;
    private static ShopClient shop;

    @BeforeAll
    static void start() throws Exception {
        server = DemoServer.start(DemoConfig.defaults().withAllServiceTimes(ServiceTime.ZERO));
        shop = new ShopClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bindsAnEphemeralLoopbackPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void healthAnswersOkAsJson() {
        HttpResponse<String> response = shop.get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(ShopClient.json(response)).containsEntry("status", "ok");
    }

    @Test
    void listsAPageOfProductsWithLimitAndOffset() {
        Map<String, Object> page = ShopClient.json(shop.get("/products?limit=5&offset=10"));
        assertThat(page).containsEntry("total", 200L).containsEntry("limit", 5L).containsEntry("offset", 10L);
        List<?> items = (List<?>) page.get("items");
        assertThat(items).hasSize(5);
        assertThat(((Map<?, ?>) items.get(0)).get("id")).isEqualTo(11L);

        assertThat((List<?>) ShopClient.json(shop.get("/products")).get("items")).hasSize(20);
        assertThat((List<?>) ShopClient.json(shop.get("/products?offset=195")).get("items")).hasSize(5);
        assertThat((List<?>) ShopClient.json(shop.get("/products?offset=500")).get("items")).isEmpty();
    }

    @Test
    void rejectsInvalidPagingWith400() {
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "offset=-1", "offset=x")) {
            HttpResponse<String> response = shop.get("/products?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(ShopClient.json(response)).as(query).containsEntry("error", "bad_request");
        }
    }

    @Test
    void answersOneProductByIdAnd404JsonForUnknownIds() {
        Map<String, Object> product = ShopClient.json(shop.get("/products/7"));
        assertThat(product).containsEntry("id", 7L).containsKeys("name", "category", "priceCents");

        for (String id : List.of("0", "201", "abc", "99999999999999999999")) {
            HttpResponse<String> missing = shop.get("/products/" + id);
            assertThat(missing.statusCode()).as(id).isEqualTo(404);
            assertThat(ShopClient.json(missing)).as(id).containsEntry("error", "not_found");
        }
    }

    @Test
    void catalogueIsTheSameForTheSameSeed() {
        Catalogue again = new Catalogue(DemoConfig.DEFAULT_SEED);
        assertThat(ShopClient.json(shop.get("/products/42")).get("name")).isEqualTo(again.byId(42).name());
        assertThat(new Catalogue(7).byId(42).name()).isNotEqualTo(again.byId(42).name());
    }

    @Test
    void searchMatchesEveryWordOfTheNameIgnoringCase() {
        String name = (String) ShopClient.json(shop.get("/products/3")).get("name");
        String[] words = name.split(" ");
        String query = words[2].toUpperCase() + "%20" + words[0].toLowerCase();

        Map<String, Object> result = ShopClient.json(shop.get("/search?q=" + query));

        List<?> items = (List<?>) result.get("items");
        assertThat(items).isNotEmpty().allSatisfy(item -> {
            String found = ((String) ((Map<?, ?>) item).get("name")).toLowerCase();
            assertThat(found).contains(words[2].toLowerCase()).contains(words[0].toLowerCase());
        });
        assertThat(items).anySatisfy(item -> assertThat(((Map<?, ?>) item).get("id")).isEqualTo(3L));
        assertThat(result.get("count")).isEqualTo((long) items.size());
        assertThat(ShopClient.json(shop.get("/search?q=zzzunknown")).get("count")).isEqualTo(0L);
    }

    @Test
    void searchWithoutQueryIs400() {
        assertThat(shop.get("/search").statusCode()).isEqualTo(400);
        assertThat(shop.get("/search?q=%20").statusCode()).isEqualTo(400);
    }

    @Test
    void loginWithValidCredentialsReturnsTokenAndSessionCookie() {
        HttpResponse<String> response = shop.post("/login", "{\"user\":\"user17\",\"password\":\"secret\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = ShopClient.json(response);
        assertThat(body).containsEntry("user", "user17");
        String token = (String) body.get("token");
        assertThat(token).isNotBlank();
        assertThat(response.headers().firstValue("Set-Cookie"))
                .hasValue("session=" + token + "; Path=/; HttpOnly; SameSite=Lax");
    }

    @Test
    void loginWithBadCredentialsIs401() {
        for (String body : List.of("{\"user\":\"user1\",\"password\":\"wrong\"}",
                "{\"user\":\"user101\",\"password\":\"secret\"}", "{\"user\":\"user01\",\"password\":\"secret\"}",
                "{\"user\":\"admin\",\"password\":\"secret\"}")) {
            HttpResponse<String> response = shop.post("/login", body);
            assertThat(response.statusCode()).as(body).isEqualTo(401);
            assertThat(ShopClient.json(response)).as(body).containsEntry("error", "unauthorized");
            assertThat(response.headers().firstValue("Set-Cookie")).as(body).isEmpty();
        }
    }

    @Test
    void loginWithMalformedJsonIs400() {
        for (String body : List.of("", "{", "not json", "[1,2]", "{\"user\":\"user1\"}",
                "{\"user\":1,\"password\":\"secret\"}", "{\"user\":\"user1\",\"password\":\"secret\",}")) {
            HttpResponse<String> response = shop.post("/login", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(ShopClient.json(response)).as(body).containsEntry("error", "bad_request");
        }
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"user\":\"" + "x".repeat(RequestInput.MAX_BODY_BYTES) + "\",\"password\":\"secret\"}";
        assertThat(shop.post("/login", huge).statusCode()).isEqualTo(413);
    }

    @Test
    void meNamesTheUserOfTheSessionCookie() {
        String token = shop.login("user5");

        HttpResponse<String> me = shop.get("/me", "Cookie", "theme=dark; session=" + token);

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(ShopClient.json(me)).containsEntry("user", "user5");
    }

    @Test
    void meWithoutAValidSessionCookieIs401() {
        assertThat(shop.get("/me").statusCode()).isEqualTo(401);
        assertThat(shop.get("/me", "Cookie", "session=user5.1.2").statusCode()).isEqualTo(401);
    }

    @Test
    void cartAndOrdersRequireABearerToken() {
        String item = "{\"productId\":1,\"quantity\":1}";
        List<HttpResponse<String>> refused = List.of(
                shop.get("/cart"),
                shop.post("/cart/items", item),
                shop.post("/orders", "{}"),
                shop.post("/cart/items", item, "Authorization", "Bearer forged.1.2"),
                shop.post("/orders", "{}", "Authorization", "Basic dXNlcjE6c2VjcmV0"));
        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(ShopClient.json(response)).containsEntry("error", "unauthorized");
        });
    }

    @Test
    void ordersTheCartContentsAndEmptiesTheCart() {
        String auth = "Bearer " + shop.login("user42");
        long price3 = (Long) ShopClient.json(shop.get("/products/3")).get("priceCents");
        long price9 = (Long) ShopClient.json(shop.get("/products/9")).get("priceCents");

        HttpResponse<String> added = shop.post("/cart/items", "{\"productId\":3,\"quantity\":2}", "Authorization", auth);
        shop.post("/cart/items", "{\"productId\":9,\"quantity\":1}", "Authorization", auth);
        HttpResponse<String> again = shop.post("/cart/items", "{\"productId\":3,\"quantity\":1}", "authorization", auth);

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(ShopClient.json(added)).containsEntry("productId", 3L).containsEntry("quantity", 2L)
                .containsEntry("user", "user42").containsKey("id");
        assertThat(ShopClient.json(again)).containsEntry("cartQuantity", 3L);
        assertThat(ShopClient.json(shop.get("/cart", "Authorization", auth)))
                .containsEntry("totalCents", 3 * price3 + price9);

        HttpResponse<String> order = shop.post("/orders", "", "Authorization", auth);

        assertThat(order.statusCode()).isEqualTo(201);
        Map<String, Object> placed = ShopClient.json(order);
        assertThat(placed).containsEntry("user", "user42").containsEntry("status", "created")
                .containsEntry("itemCount", 2L).containsEntry("totalCents", 3 * price3 + price9);
        assertThat(order.headers().firstValue("Location")).hasValue("/orders/" + placed.get("id"));
        assertThat((List<?>) ShopClient.json(shop.get("/cart", "Authorization", auth)).get("items")).isEmpty();
    }

    @Test
    void rejectsInvalidCartItems() {
        String auth = "Bearer " + shop.login("user43");
        assertThat(shop.post("/cart/items", "{\"productId\":999,\"quantity\":1}", "Authorization", auth).statusCode())
                .isEqualTo(404);
        for (String body : List.of("{", "{\"quantity\":1}", "{\"productId\":\"3\"}", "{\"productId\":3,\"quantity\":0}",
                "{\"productId\":3,\"quantity\":1.5}", "{\"productId\":3,\"quantity\":100}")) {
            assertThat(shop.post("/cart/items", body, "Authorization", auth).statusCode()).as(body).isEqualTo(400);
        }
    }

    @Test
    void redirectAnswers302ToHealthOrAlongAChain() {
        HttpResponse<String> one = shop.get("/redirect");
        assertThat(one.statusCode()).isEqualTo(302);
        assertThat(one.headers().firstValue("Location")).hasValue("/health");

        HttpResponse<String> chain = shop.get("/redirect?n=3");
        assertThat(chain.statusCode()).isEqualTo(302);
        assertThat(chain.headers().firstValue("Location")).hasValue("/redirect?n=2");
        assertThat(shop.get("/redirect?n=21").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        HttpResponse<String> unknown = shop.get("/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(ShopClient.json(unknown)).containsEntry("error", "not_found");
        assertThat(shop.get("/products/1/extra").statusCode()).isEqualTo(404);

        HttpResponse<String> wrongMethod = shop.post("/products", "{}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
        assertThat(shop.get("/login").statusCode()).isEqualTo(405);
    }

    @Test
    void adminFaultsChangeOnlyTheNamedSwitches() {
        try {
            HttpResponse<String> set = shop.post("/admin/faults", "{\"errorRate\":0.25,\"stallEveryMillis\":60000,"
                    + "\"stallPauseMillis\":1}");
            assertThat(set.statusCode()).isEqualTo(200);
            shop.post("/admin/faults", "{\"addedLatencyMillis\":0,\"spikeRate\":0}");

            assertThat(server.faults().current()).isEqualTo(new FaultSettings(0.25, 0, 0, 0, 60_000, 1));
            Map<String, Object> shown = ShopClient.json(shop.get("/admin/faults"));
            assertThat(shown).containsEntry("errorRate", 0.25).containsEntry("stallEveryMillis", 60_000L)
                    .containsEntry("stallPauseMillis", 1L).containsEntry("pausePhase", ShopHandler.PAUSE_PHASE);
        } finally {
            server.faults().clear();
        }
    }

    @Test
    void adminFaultsRejectInvalidSettingsWith400AndKeepTheOldOnes() {
        for (String body : List.of("{\"errorRate\":1.5}", "{\"errorrate\":0.1}", "{\"spikeMillis\":2.5}",
                "{\"stallEveryMillis\":100,\"stallPauseMillis\":100}", "{\"addedLatencyMillis\":-1}", "[]")) {
            HttpResponse<String> response = shop.post("/admin/faults", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(ShopClient.json(response).get("message")).as(body).isNotNull();
        }
        assertThat(server.faults().current()).isEqualTo(FaultSettings.NONE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void statsCountWhatTheServerSaw() throws Exception {
        // Own server: the shared one is counting the other tests' requests concurrently.
        try (DemoServer own = DemoServer.start(DemoConfig.defaults().withAllServiceTimes(ServiceTime.ZERO))) {
            ShopClient client = new ShopClient(own);
            for (int i = 0; i < 3; i++) client.get("/products/1");
            client.get("/products/0");
            client.get("/health");
            client.get("/nope");
            client.get("/admin/faults");

            DemoStats stats = own.stats();
            assertThat(stats.requests("GET /products/{id}")).isEqualTo(4);
            assertThat(stats.requests("GET /health")).isEqualTo(1);
            assertThat(stats.requests("other")).isEqualTo(1);
            assertThat(stats.totalRequests()).isEqualTo(6);
            assertThat(stats.responses(200)).isEqualTo(4);
            assertThat(stats.responses(404)).isEqualTo(2);
            assertThat(stats.maxInFlight()).isEqualTo(1);
            assertThat(stats.inFlight()).isZero();

            Map<String, Object> shown = ShopClient.json(client.get("/admin/stats"));
            assertThat(shown).containsEntry("totalRequests", 6L).containsEntry("workerThreads", 16L);
            assertThat((Map<Object, Object>) shown.get("requestsByEndpoint")).containsEntry("GET /products/{id}", 4L);
            assertThat((Map<Object, Object>) shown.get("responsesByStatus")).containsEntry("404", 2L);

            client.post("/admin/stats/reset", "");
            assertThat(own.stats().totalRequests()).isZero();
        }
    }
}
