// 06 — the checkout journey of 05-checkout-flow.yaml as a plain Java scenario.
//
//   headroom run examples/06-java-scenario/Checkout.java
//
// Headroom compiles this file itself (no build needed). Each VU gets its own instance, runs
// iteration() once per iteration on its own virtual thread, and makes blocking calls.
import io.headroom.script.DataStrategy;
import io.headroom.script.Headers;
import io.headroom.script.Json;
import io.headroom.script.Options;
import io.headroom.script.Params;
import io.headroom.script.Scenario;
import io.headroom.script.Vu;

import java.nio.file.Path;
import java.time.Duration;

public final class Checkout implements Scenario {

    @Override
    public Options options() {
        String baseUrl = System.getenv().getOrDefault("BASE_URL", "http://127.0.0.1:8080");
        return Options.constantVus(10, Duration.ofSeconds(20))
                .baseUrl(baseUrl)
                .header("Accept", "application/json")
                // Relative to this file: every VU logs in as its own user.
                .data("users", Path.of("../data/users.csv"), DataStrategy.UNIQUE)
                .threshold("http_req_duration", "p(95)<500")
                .threshold("http_req_duration{name:login}", "p(95)<300")
                .threshold("checks", "rate>0.95");
    }

    @Override
    public void iteration(Vu vu) throws Exception {
        var user = vu.data("users");
        var login = vu.http().post("/login", Json.of("user", user.get("name"), "password", user.get("password")),
                Params.named("login"));
        if (!vu.check(login, "logged in", r -> r.status() == 200)) {
            return; // a failed request is data, not an exception: no point going on without a token
        }
        var token = login.json("$.token");
        var auth = Headers.bearer(token);

        Object productId = vu.group("browse", () -> {
            var products = vu.http().get("/products?limit=20", Params.named("products").withHeaders(auth));
            vu.check(products, "listed", r -> r.status() == 200);
            vu.think(Duration.ofMillis(500), Duration.ofMillis(1500));
            return products.jsonValue("$..id") instanceof java.util.List<?> ids && !ids.isEmpty() ? ids.get(0) : 1;
        });

        vu.group("buy", () -> {
            var cart = vu.http().post("/cart/items", Json.of("productId", productId, "quantity", 1),
                    Params.named("add to cart").withHeaders(auth));
            vu.check(cart, "added to cart", r -> r.status() == 201);
            var order = vu.http().post("/orders", Json.of(), Params.named("place order").withHeaders(auth));
            if (vu.check(order, "order placed", r -> r.status() == 201)) {
                vu.counter("orders_placed").add(1);
            }
        });

        vu.think(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }
}
