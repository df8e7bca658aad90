package io.headroom.script.plan;

import io.headroom.core.engine.VuBehaviour;
import io.headroom.core.metric.Tags;
import io.headroom.script.JdkHttpTransport;
import io.headroom.script.TestMetrics;
import io.headroom.script.TestServer;
import io.headroom.script.TestVuContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs compiled flows against a real HTTP server on loopback and inspects what was recorded. */
class FlowRunTest {
    @TempDir
    Path dir;
    TestServer server;
    JdkHttpTransport transport;
    TestMetrics metrics;
    TestVuContext ctx;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer();
        transport = new JdkHttpTransport();
        metrics = new TestMetrics();
        ctx = new TestVuContext(1, "s", metrics);
        Files.writeString(dir.resolve("users.csv"), "name,password\nuser1,secret\nuser2,secret\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Loads a one-scenario plan whose flow is {@code flow} and makes one VU of it. */
    private VuBehaviour vu(String flow) throws Exception {
        String yaml = "baseUrl: " + server.baseUrl() + "\ndata: {users: users.csv}\nscenarios:\n  s:\n"
                + "    executor: constant-vus\n    duration: 1s\n    flow:\n" + flow.indent(6);
        Plan plan = new PlanLoader(k -> null).read(yaml, "flow.yaml", dir);
        return plan.toRunSpec(transport, Map.of()).scenarios().get(0).behaviour().create(ctx);
    }

    @Test
    void checkoutFlowRecordsRequestsChecksAndExtractions() throws Exception {
        VuBehaviour vu = vu("""
                - post: /login
                  name: login
                  json: {user: "${users.name}", password: "${users.password}"}
                  checks:
                    - status: 200
                    - json: {path: $.token, exists: true}
                    - header: {name: X-Id, equals: session-42}
                  extract: {token: $.token, sid: {header: X-Id}, uid: {json: $.user.id}}
                - group: browse
                  flow:
                    - get: /products
                      query: {limit: 20, q: "a b"}
                      checks: [{status: 200}, {body: {contains: kettle}}, {duration: {below: 10s}}, {json: {path: $.total, equals: 2}}]
                - post: /cart
                  headers: {Authorization: "Bearer ${token}"}
                  json: {productId: 1, quantity: 2, user: "${uid}", session: "${sid}"}
                  checks: [{status: 201, name: added}]
                  extract: {seen: {regex: 'id=(\\d+)'}}
                - think: 1s..3s
                - metric: {counter: carts, add: 1}
                - metric: {trend: cart_value, value: "${seen}"}
                """);
        vu.iteration(ctx);

        assertThat(metrics.sum("http_reqs", "name", "login", "method", "POST", "status", "200", "scenario", "s",
                "expected_response", "true", "url", server.baseUrl() + "/login")).isEqualTo(1.0);
        assertThat(metrics.sum("http_reqs", "name", "/products", "group", "::browse")).isEqualTo(1.0);
        assertThat(server.seen).contains("GET /products?limit=20&q=a+b");
        assertThat(metrics.values("checks", "check", "status is 200")).containsExactlyInAnyOrder(1.0, 1.0);
        assertThat(metrics.values("checks", "check", "status is 200", "group", "::browse")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "json $.token exists")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "header X-Id equals session-42")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "body contains kettle")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "duration below 10s")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "json $.total equals 2")).containsExactly(1.0);
        // The cart answers 201 only with the extracted bearer token.
        assertThat(metrics.values("checks", "check", "added")).containsExactly(1.0);
        assertThat(server.lastBody).isEqualTo("{\"productId\":1,\"quantity\":2,\"user\":7,\"session\":\"session-42\"}");
        assertThat(ctx.sleeps).singleElement().satisfies(d ->
                assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        assertThat(metrics.sum("carts", "scenario", "s")).isEqualTo(1.0);
        assertThat(metrics.values("cart_value")).containsExactly(123.0);
        assertThat(metrics.values("http_req_failed")).containsOnly(0.0).hasSize(3);
        assertThat(metrics.sum("data_sent")).isPositive();
        assertThat(metrics.sum("data_received")).isPositive();
        for (String phase : List.of("http_req_duration", "http_req_service_duration", "http_req_blocked", "http_req_connecting",
                "http_req_tls_handshaking", "http_req_sending", "http_req_waiting", "http_req_receiving")) {
            assertThat(metrics.values(phase)).as(phase).hasSize(3);
        }
    }

    @Test
    void failedRequestsAreDataAndFailTheirChecks() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        VuBehaviour vu = vu("""
                - get: http://127.0.0.1:%d/nothing
                  name: refused
                  checks: [{status: 200}, {json: {path: $.x, exists: false}}]
                - get: /missing
                  checks: [{status: 200}]
                - get: /status?code=404
                  expectedStatuses: [404]
                """.formatted(closedPort));
        vu.iteration(ctx);

        assertThat(metrics.matching("http_reqs", "name", "refused", "status", "0", "error_code", "1212",
                "expected_response", "false")).hasSize(1);
        assertThat(metrics.values("http_req_failed", "name", "refused")).containsExactly(1.0);
        assertThat(metrics.values("http_req_failed", "name", "/missing", "status", "404", "error_code", "1404")).containsExactly(1.0);
        assertThat(metrics.values("http_req_failed", "name", "/status?code=404", "expected_response", "true")).containsExactly(0.0);
        assertThat(metrics.values("checks", "check", "status is 200")).containsExactly(0.0, 0.0);
        assertThat(metrics.values("checks", "check", "json $.x does not exist")).containsExactly(1.0);
    }

    @Test
    void everyRedirectHopIsItsOwnRequest() throws Exception {
        vu("- get: /redirect").iteration(ctx);
        assertThat(metrics.sum("http_reqs", "name", "/redirect", "status", "302")).isEqualTo(1.0);
        assertThat(metrics.sum("http_reqs", "name", "/health", "status", "200", "url", server.baseUrl() + "/health")).isEqualTo(1.0);
        assertThat(metrics.sum("http_reqs")).isEqualTo(2.0);

        vu("- get: /redirect\n  redirects: 0").iteration(ctx);
        assertThat(metrics.sum("http_reqs")).isEqualTo(3.0);
    }

    @Test
    void openModelTimesTheFirstRequestFromTheIntendedStart() throws Exception {
        VuBehaviour vu = vu("- get: /health\n  name: first\n- get: /health\n  name: second");
        ctx.openModel = true;
        long lateNanos = Duration.ofMillis(300).toNanos();
        ctx.next(lateNanos);
        vu.iteration(ctx);

        double first = metrics.values("http_req_duration", "name", "first").get(0);
        double firstService = metrics.values("http_req_service_duration", "name", "first").get(0);
        assertThat(first).isGreaterThanOrEqualTo(300.0).isGreaterThanOrEqualTo(firstService + 299.0);
        // Later requests of the iteration count from their own send.
        assertThat(metrics.values("http_req_duration", "name", "second"))
                .isEqualTo(metrics.values("http_req_service_duration", "name", "second"));

        // The next iteration's first request is corrected again.
        ctx.next(lateNanos);
        vu.iteration(ctx);
        assertThat(metrics.values("http_req_duration", "name", "first")).hasSize(2).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(300.0));
    }

    @Test
    void closedModelTimesEveryRequestFromItsSend() throws Exception {
        VuBehaviour vu = vu("- get: /health\n  name: first");
        ctx.openModel = false;
        ctx.next(Duration.ofMillis(300).toNanos());
        vu.iteration(ctx);
        assertThat(metrics.values("http_req_duration", "name", "first"))
                .isEqualTo(metrics.values("http_req_service_duration", "name", "first"));
    }

    @Test
    void seriesAreResolvedOncePerCombination() throws Exception {
        VuBehaviour vu = vu("- get: /health\n  checks: [{status: 200}]");
        for (int i = 0; i < 5; i++) vu.iteration(ctx.next(0));
        Tags tags = Tags.of("scenario", "s", "name", "/health", "method", "GET", "status", "200",
                "url", server.baseUrl() + "/health", "expected_response", "true");
        assertThat(metrics.sum("http_reqs")).isEqualTo(5.0);
        assertThat(metrics.resolutions("http_reqs", tags)).isEqualTo(1);
        assertThat(metrics.resolutions("checks", Tags.of("scenario", "s", "check", "status is 200"))).isEqualTo(1);
    }

    @Test
    void dataRowsAdvancePerIterationAndTemplatesSeeTheVu() throws Exception {
        VuBehaviour vu = vu("""
                - post: /echo
                  body: "${users.name}/${users.name}/${__VU}/${__ITER}"
                """);
        vu.iteration(ctx);
        assertThat(server.lastBody).isEqualTo("user1/user1/1/0");
        vu.iteration(ctx.next(0));
        assertThat(server.lastBody).isEqualTo("user2/user2/1/1");
        vu.iteration(ctx.next(0));
        assertThat(server.lastBody).isEqualTo("user1/user1/1/2");
    }

    @Test
    void requestStepsFormsAndTheOtherCheckAndMetricKinds() throws Exception {
        VuBehaviour vu = vu("""
                - request:
                    method: patch
                    url: /echo
                    form: {a: "1", who: "${users.name}"}
                    tags: {kind: form}
                    checks:
                      - body: {matches: 'who=user\\d'}
                      - header: {name: Content-Type, contains: json}
                      - header: {name: Content-Type, matches: '^application/'}
                      - {status: "2xx", name: two hundreds}
                - get: /health
                  extract: {state: {json: $.status}}
                  checks: [{json: {path: $.status, equals: "ok"}}, {json: {path: $.status, equals: "${state}"}}]
                - metric: {rate: healthy, value: true}
                - metric: {gauge: depth, value: 3}
                - metric: {trend: took, value: 12.5, time: true}
                """);
        vu.iteration(ctx);
        assertThat(server.seen).contains("PATCH /echo");
        assertThat(server.lastHeaders).containsEntry("content-type", "application/x-www-form-urlencoded");
        assertThat(metrics.matching("http_reqs", "method", "PATCH", "kind", "form", "name", "/echo")).hasSize(1);
        assertThat(metrics.values("checks", "check", "body matches who=user\\d")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "header Content-Type contains json")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "header Content-Type matches ^application/")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "two hundreds")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "json $.status equals ok")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "json $.status equals ${state}")).containsExactly(1.0);
        assertThat(metrics.values("healthy")).containsExactly(1.0);
        assertThat(metrics.values("depth")).containsExactly(3.0);
        assertThat(metrics.values("took")).containsExactly(12.5);
    }

    @Test
    void closingTheVuClosesItsSession() throws Exception {
        VuBehaviour vu = vu("- get: /health");
        vu.iteration(ctx);
        vu.close();
        assertThat(transport.sessionsOpened).isEqualTo(1);
        assertThat(transport.sessionsClosed).isEqualTo(1);
    }
}
