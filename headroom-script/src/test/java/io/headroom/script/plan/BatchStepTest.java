package io.headroom.script.plan;

import io.headroom.core.engine.VuBehaviour;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoH2cFront;
import io.headroom.demo.DemoServer;
import io.headroom.demo.FaultSettings;
import io.headroom.http.HttpVersion;
import io.headroom.http.socket.SocketHttpTransport;
import io.headroom.script.TestMetrics;
import io.headroom.script.TestVuContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code batch} step against the demo shop: over h2c its requests are concurrent streams of one connection (the
 * shop sees them in flight together), each recorded and checked as its own; over HTTP/1.1 on a connection per request,
 * at most six to an origin (k6's batchPerHost). A scenario's {@code httpVersion} is its steps' default.
 */
class BatchStepTest {
    @TempDir
    Path dir;
    private DemoServer shop;
    private DemoH2cFront h2c;
    private final SocketHttpTransport transport = new SocketHttpTransport();
    private final TestMetrics metrics = new TestMetrics();
    private final TestVuContext ctx = new TestVuContext(1, "s", metrics);

    @BeforeEach
    void start() throws Exception {
        // 300 ms a request: requests sent together are sure to be in the shop together, whatever the machine's load.
        shop = DemoServer.start(DemoConfig.defaults().withPort(0).withWorkerThreads(8)
                .withFaults(FaultSettings.NONE.withAddedLatencyMillis(300)));
        h2c = DemoH2cFront.start(0, shop.baseUrl());
    }

    @AfterEach
    void stop() {
        transport.close();
        h2c.close();
        shop.close();
    }

    private static final String BATCH = """
            scenarios:
              s:
                executor: constant-vus
                duration: 1s
                %s
                flow:
                  - batch:
                      - get: /products?limit=2
                        name: products
                        checks: [{status: 200}]
                      - get: /products/1
                        name: one
                        checks: [{status: 200}]
                      - get: /search
                        name: search-without-q
                        checks: [{name: search answers 200, status: 200}]
                      - get: /products/2
                        name: two
            """;

    private Plan plan(String yaml) {
        return new PlanLoader(k -> null).read(yaml, "batch.yaml", dir);
    }

    @Test
    void aBatchOverH2cIsConcurrentStreamsOfOneConnectionEachRecordedAsItsOwn() throws Exception {
        runOnce(plan("baseUrl: " + h2c.baseUrl() + "\n" + BATCH.formatted("httpVersion: '2'")));
        for (String name : new String[] {"products", "one", "two"}) {
            assertThat(metrics.matching("http_reqs", "name", name, "status", "200", "proto", "HTTP/2.0")).as(name).hasSize(1);
        }
        // Each request is its own: the bad one fails alone, with its own check.
        assertThat(metrics.matching("http_reqs", "name", "search-without-q", "status", "400")).hasSize(1);
        assertThat(metrics.matching("checks", "check", "search answers 200").get(0).values).containsExactly(0.0);
        assertThat(metrics.sum("checks")).isEqualTo(2.0);
        assertThat(shop.stats().maxInFlight()).as("the shop had the batch's requests in flight together").isGreaterThan(1);
        // One connection carried them: one request paid for connecting, the others found it open.
        assertThat(metrics.values("http_req_connecting").stream().filter(v -> v > 0).count()).isEqualTo(1);
    }

    @Test
    void theSameBatchOverHttp11GoesOutAtOnceOnAConnectionPerRequest() throws Exception {
        runOnce(plan("baseUrl: " + shop.baseUrl() + "\n" + BATCH.formatted("httpVersion: '1.1'")));
        assertThat(metrics.matching("http_reqs", "name", "products", "status", "200")).hasSize(1);
        assertThat(metrics.matching("http_reqs", "proto", "HTTP/2.0")).isEmpty();
        assertThat(shop.stats().maxInFlight()).as("the shop had the batch's requests in flight together").isGreaterThan(1);
        assertThat(metrics.values("http_req_connecting").stream().filter(v -> v > 0).count()).isEqualTo(4);
    }

    @Test
    void anHttp11BatchOpensAtMostSixConnectionsToAnOriginAndKeepsThemForTheNext() throws Exception {
        StringBuilder eight = new StringBuilder("baseUrl: " + shop.baseUrl() + "\nscenarios: {s: {executor: constant-vus,"
                + " duration: 1s, flow: [{batch: [");
        for (int i = 0; i < 8; i++) eight.append(i == 0 ? "" : ", ").append("{get: '/products/").append(i + 1).append("'}");
        Plan plan = plan(eight + "]}, {batch: [{get: /products/1}, {get: /products/2}]}]}}\n");
        runOnce(plan);
        assertThat(metrics.sum("http_reqs")).isEqualTo(10);
        assertThat(metrics.matching("http_reqs", "status", "200").stream().mapToDouble(TestMetrics.Series::sum).sum()).isEqualTo(10);
        // Six lanes for eight requests; the second batch finds two of their connections open.
        assertThat(metrics.values("http_req_connecting").stream().filter(v -> v > 0).count()).isEqualTo(6);
        assertThat(shop.stats().maxInFlight()).isBetween(2, 6);
    }

    @Test
    void aScenariosHttpVersionIsItsStepsDefaultAndAStepsOwnWins() {
        Plan plan = plan("""
                scenarios:
                  s:
                    executor: constant-vus
                    duration: 1s
                    httpVersion: '2'
                    flow:
                      - get: http://127.0.0.1/a
                      - get: http://127.0.0.1/b
                        httpVersion: '1.1'
                  t:
                    executor: constant-vus
                    duration: 1s
                    flow:
                      - get: http://127.0.0.1/c
                """);
        FlowScenario s = (FlowScenario) plan.scenarios().get(0).newScenario();
        assertThat(((FlowStep.Request) s.steps().get(0)).params().httpVersion()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(((FlowStep.Request) s.steps().get(1)).params().httpVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        FlowScenario t = (FlowScenario) plan.scenarios().get(1).newScenario();
        assertThat(((FlowStep.Request) t.steps().get(0)).params().httpVersion()).as("another scenario keeps the plan's").isNull();
        PlanException e = catchThrowableOfType(PlanException.class, () -> plan(
                "scenarios: {s: {executor: constant-vus, duration: 1s, httpVersion: quic, flow: [{get: 'http://127.0.0.1/'}]}}\n"));
        assertThat(e.getMessage()).contains("scenarios.s.httpVersion").contains("'quic'");
    }

    @Test
    void aBatchHoldsRequestStepsOnlyAndIsBounded() {
        PlanException think = catchThrowableOfType(PlanException.class, () -> plan(
                "scenarios: {s: {executor: constant-vus, duration: 1s, flow: [{batch: [{get: 'http://127.0.0.1/'}, {think: 1s}]}]}}\n"));
        assertThat(think.getMessage()).contains("flow[0].batch[1]").contains("request steps only").contains("'think'");
        PlanException empty = catchThrowableOfType(PlanException.class, () -> plan(
                "scenarios: {s: {executor: constant-vus, duration: 1s, flow: [{batch: []}]}}\n"));
        assertThat(empty.getMessage()).contains("flow[0].batch").contains("empty list");
        StringBuilder many = new StringBuilder("scenarios: {s: {executor: constant-vus, duration: 1s, flow: [{batch: [");
        for (int i = 0; i < 257; i++) many.append(i == 0 ? "" : ", ").append("{get: 'http://127.0.0.1/'}");
        PlanException tooMany = catchThrowableOfType(PlanException.class, () -> plan(many + "]}]}}\n"));
        assertThat(tooMany.getMessage()).contains("at most 256 requests, found 257");
        // Control: 256 are fine.
        String ok = many.toString().replace("[{get: 'http://127.0.0.1/'}, ", "[");
        assertThat(plan(ok + "]}]}}\n").scenarios()).hasSize(1);
    }

    private void runOnce(Plan plan) throws Exception {
        VuBehaviour vu = plan.toRunSpec(transport, Map.of()).scenarios().get(0).behaviour().create(ctx);
        try {
            vu.iteration(ctx);
        } finally {
            vu.close();
        }
    }
}
