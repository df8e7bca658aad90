// The example of DESIGN.md ("Vocabulary"), verbatim but for the imports: it must keep compiling.
import io.headroom.script.Headers;
import io.headroom.script.Json;
import io.headroom.script.Scenario;
import io.headroom.script.Vu;

import java.time.Duration;

public final class Checkout implements Scenario {
    public void iteration(Vu vu) {
        var login = vu.http().post("/login", Json.of("user", vu.data("users").get("name")));
        vu.check(login, "logged in", r -> r.status() == 200);
        var token = login.json("$.token");
        var products = vu.http().get("/products?limit=20", Headers.bearer(token));
        vu.check(products, "listed", r -> r.status() == 200);
        vu.think(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }
}
