// Uses every public verb of the scenario API once, so that an API change that breaks users breaks this build.
import io.headroom.script.Body;
import io.headroom.script.DataRow;
import io.headroom.script.DataStrategy;
import io.headroom.script.ExpectedStatuses;
import io.headroom.script.Form;
import io.headroom.script.Headers;
import io.headroom.script.Json;
import io.headroom.script.Options;
import io.headroom.script.Params;
import io.headroom.script.Response;
import io.headroom.script.Scenario;
import io.headroom.script.Vu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

public final class EveryVerb implements Scenario {
    @Override
    public Options options() {
        return Options.rampingArrivalRate(0, Duration.ofSeconds(1), 5, 50, Options.stage(Duration.ofSeconds(10), 20))
                .baseUrl("http://127.0.0.1:8080").timeout(Duration.ofSeconds(5)).maxRedirects(3).insecureSkipTlsVerify(false)
                .header("Accept", "application/json").expectedStatuses(ExpectedStatuses.range(200, 299))
                .threshold("http_req_duration", "p(95)<500").thresholdAbortOnFail("http_req_failed", "rate<0.1", Duration.ofSeconds(5))
                .tag("team", "shop").data("users", Path.of("users.csv"), DataStrategy.CIRCULAR)
                .startTime(Duration.ZERO).gracefulStop(Duration.ofSeconds(5)).maxDuration(Duration.ofMinutes(1)).scenarioName("every");
    }

    @Override
    public void iteration(Vu vu) throws Exception {
        DataRow row = vu.data("users");
        Params named = Params.named("login").tag("k", "v").timeout(Duration.ofSeconds(1)).redirects(0).expect(200, 201)
                .header("X-A", "1").withHeaders(Headers.of("X-B", "2"));
        Response r = vu.http().post("/login", Json.of("user", row.get("name"), "n", 1), named);
        vu.http().post("/form", Form.of("a", "1"));
        vu.http().put("/raw", Body.bytes(new byte[] {1}, "application/octet-stream"), Headers.none());
        vu.http().patch("/text", Body.text("hi", "text/plain"), Params.none());
        vu.http().post("/any", Json.from(Map.of("a", List.of(1, 2))), Headers.bearer(r.json("$.token")));
        vu.http().put("/raw", Json.raw("{}"));
        vu.http().patch("/raw", Json.raw("{}"), Headers.none());
        vu.http().get("/a");
        vu.http().get("/a", Headers.none());
        vu.http().get("/a", Params.none());
        vu.http().head("/a");
        vu.http().head("/a", Params.none());
        vu.http().options("/a");
        vu.http().options("/a", Params.none());
        vu.http().delete("/a");
        vu.http().delete("/a", Headers.none());
        vu.http().delete("/a", Params.none());
        vu.http().request("PURGE", "/a", null, null);
        int status = r.status();
        String body = r.body();
        byte[] bytes = r.bytes();
        String header = r.header("X-Id");
        Object value = r.jsonValue("$.user.id");
        long waitingNanos = r.timings().waitingNanos();
        double millis = r.durationMillis();
        int code = r.errorCode();
        boolean failed = r.failed();
        String url = r.url().toString();
        vu.check(r, "ok", x -> x.status() == 200);
        vu.check("plain", status == 200 && body != null && bytes != null && header == null && value == null
                && waitingNanos >= 0 && millis >= 0 && code >= 0 && !failed && !url.isEmpty() && r.error() == null);
        vu.group("outer", () -> {
            vu.group("inner", () -> vu.counter("c").add(1));
        });
        int answer = vu.group("value", () -> 42);
        vu.rate("r").add(answer == 42);
        vu.trend("t").record(1);
        vu.trend("t_ms", true).record(1);
        vu.gauge("g").set(1);
        vu.vars().put("k", vu.id() + ":" + vu.iteration() + ":" + vu.scenario() + ":" + vu.group() + ":" + vu.tags() + vu.stopping());
        vu.think(Duration.ofMillis(1));
        vu.think(Duration.ofMillis(1), Duration.ofMillis(2));
    }
}
