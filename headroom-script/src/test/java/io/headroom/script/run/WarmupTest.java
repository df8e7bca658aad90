package io.headroom.script.run;

import io.headroom.http.HttpRequest;
import io.headroom.script.TestServer;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTransport;
import org.junit.jupiter.api.Test;

import io.headroom.core.engine.RunSpec;
import io.headroom.core.engine.ScenarioRun;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.plan.Stage;
import io.headroom.script.plan.Plan;
import io.headroom.script.plan.PlanLoader;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupTest {

    @Test
    void warmsUpOnlyRunsThatReachAThousandArrivalsPerSecond() {
        assertThat(Warmup.worthIt(spec(new ExecutorSpec.ConstantArrivalRate(5000, Duration.ofSeconds(1), Duration.ofSeconds(10), 100, 500)))).isTrue();
        assertThat(Warmup.worthIt(spec(new ExecutorSpec.ConstantArrivalRate(500, Duration.ofSeconds(1), Duration.ofSeconds(10), 10, 50)))).isFalse();
        // 100,000 a minute is 1,667 a second
        assertThat(Warmup.worthIt(spec(new ExecutorSpec.ConstantArrivalRate(100_000, Duration.ofMinutes(1), Duration.ofSeconds(10), 10, 50)))).isTrue();
        assertThat(Warmup.worthIt(spec(new ExecutorSpec.RampingArrivalRate(10, Duration.ofSeconds(1),
                List.of(new Stage(Duration.ofSeconds(5), 2000), new Stage(Duration.ofSeconds(5), 0)), 10, 100)))).isTrue();
        assertThat(Warmup.worthIt(spec(new ExecutorSpec.ConstantVus(1000, Duration.ofSeconds(10))))).isFalse();
    }

    private static RunSpec spec(ExecutorSpec executor) {
        ScenarioRun run = new ScenarioRun(new ScenarioSpec("s", executor, null, null, Map.of()), vu -> ctx -> { });
        return new RunSpec("warm", List.of(run), List.of(), null, Map.of());
    }

    @Test
    void runsEveryIterationAgainstItsOwnResponderAndLeavesTheTransportUsable() throws Exception {
        try (HttpTransport transport = Headroom.defaultTransport(); TestServer target = new TestServer()) {
            Warmup.Outcome outcome = Warmup.run(transport, 600);

            assertThat(outcome.checkedIterations()).isEqualTo(600);
            assertThat(outcome.took()).isLessThan(Warmup.TIME_LIMIT.plus(Duration.ofSeconds(5)));
            assertThat(target.seen).isEmpty(); // the warm-up never talks to anything but its own responder
            try (HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
                HttpResponse response = session.send(HttpRequest.get(target.baseUrl() + "/health"));
                assertThat(response.error()).isNull();
                assertThat(response.status()).isEqualTo(200);
            }
        }
    }

    @Test
    void theSecondPhaseRunsThePlansRateUntilTheHotPathReachesC2() throws Exception {
        try (HttpTransport transport = Headroom.defaultTransport(); TestServer target = new TestServer()) {
            RunSpec open = spec(new ExecutorSpec.ConstantArrivalRate(2000, Duration.ofSeconds(1), Duration.ofSeconds(10), 50, 200));
            Warmup.Outcome outcome = Warmup.run(transport, open);
            // the connect phase, then some of the plan's own rate through the arrival-rate scheduler
            assertThat(outcome.rateIterations()).as("%s", outcome).isPositive();
            assertThat(outcome.checkedIterations()).isGreaterThan(outcome.rateIterations());
            assertThat(outcome.hotMethods()).as("HotSpot lists its compiled code").isEqualTo(CompiledTier.HOT_METHODS.size());
            // bounded (both phases have a time limit; a loaded machine adds the engines' start and wind-down)
            assertThat(outcome.took()).isLessThan(Warmup.TIME_LIMIT.plus(Warmup.RATE_PHASE_LIMIT).plus(Duration.ofSeconds(30)));
            assertThat(outcome.describe()).contains("ms before the run, not counted in it").contains("C2");
            assertThat(target.seen).isEmpty();
            // the negative control: a closed model has no rate to warm, only the connect phase runs
            Warmup.Outcome closed = Warmup.run(transport, spec(new ExecutorSpec.ConstantVus(10, Duration.ofSeconds(10))));
            assertThat(closed.rateIterations()).isZero();
            assertThat(closed.checkedIterations()).isPositive();
        }
    }

    @Test
    void aPlanThatSendsOnlyOverHttpIsWarmedUpWithItsOwnRequestsAndNoneReachesTheTarget() throws Exception {
        try (HttpTransport transport = Headroom.defaultTransport(); TestServer target = new TestServer()) {
            Plan plan = arrivalPlan(target.baseUrl(), """
                      - group: buy
                        flow:
                          - post: /cart
                            name: add to cart
                            json: {item: 1, note: "a body the responder must read past"}
                            checks: [{status: 200}]
                      - head: /health
                        checks: [{status: 200}]
                      - get: %s/products
                        checks: [{status: 200}]
                    """.formatted(target.baseUrl()));
            assertThat(plan.sendsOnlyOverHttp()).isTrue();

            Warmup.Outcome outcome = Warmup.run(transport, plan, plan.toRunSpec(transport, Map.of()));

            assertThat(outcome.planRequests()).as("%s", outcome).isTrue();
            // every check passed, in the connect phase and at the rate: the responder read past each POST's body and
            // answered the HEAD without one (chunked answers and closed connections among them); the absolute URL
            // went to the responder too
            assertThat(outcome.checkedIterations()).as("%s", outcome).isGreaterThan(Warmup.DEFAULT_ITERATIONS);
            assertThat(outcome.failedChecks()).as("%s", outcome).isZero();
            assertThat(outcome.rateIterations()).isPositive();
            assertThat(outcome.describe()).contains("the plan's own requests against a loopback responder");
            assertThat(target.seen).isEmpty();
        }
    }

    @Test
    void aPlanWithAStepOfItsOwnClientIsWarmedUpWithAGenericGetInstead() throws Exception {
        try (HttpTransport transport = Headroom.defaultTransport(); TestServer target = new TestServer()) {
            Plan plan = arrivalPlan(target.baseUrl(), """
                      - get: /health
                      - websocket: ws://127.0.0.1:1/ws
                        session:
                          - close: 1000
                    """);
            // a WebSocket step has its own client, which a redirected HTTP transport would not redirect
            assertThat(plan.sendsOnlyOverHttp()).isFalse();

            Warmup.Outcome outcome = Warmup.run(transport, plan, plan.toRunSpec(transport, Map.of()));

            assertThat(outcome.planRequests()).isFalse();
            assertThat(outcome.checkedIterations()).isPositive();
            assertThat(outcome.describe()).contains("a generic GET");
            assertThat(target.seen).isEmpty();
        }
    }

    /** A plan of one 1,500/s arrival-rate scenario whose flow is {@code flow} (its steps' YAML, any indentation). */
    private static Plan arrivalPlan(String baseUrl, String flow) {
        return PlanLoader.load("""
                name: warm
                baseUrl: %s
                scenarios:
                  s:
                    executor: constant-arrival-rate
                    rate: 1500
                    timeUnit: 1s
                    duration: 10s
                    preAllocatedVUs: 20
                    maxVUs: 50
                    flow:
                """.formatted(baseUrl) + flow.stripIndent().indent(6), "warm.yaml");
    }

    @Test
    void c2CodeInUseCountsAndOtherTiersOrDiscardedCodeDoNot() {
        String list = """
                1640 3 0 io.headroom.core.engine.Vu.runIteration(JJ)V [0x1, 0x2 - 0x3]
                1641 4 1 io.headroom.core.engine.ScenarioRuntime.recordIteration(JJJJZ)V [0x1, 0x2 - 0x3]
                1642 4 0 io.headroom.http.socket.SocketHttpSession.send(Lio/headroom/http/HttpRequest;)Lio/headroom/http/HttpResponse; [0x1]
                """;
        // tier 3, not in use, and a method not watched: none counts
        assertThat(CompiledTier.compiled(list, CompiledTier.HOT_METHODS)).isZero();
        String compiled = list + "1643 4 0 io.headroom.core.engine.Vu.runIteration(JJ)V [0x1]\n";
        assertThat(CompiledTier.compiled(compiled, CompiledTier.HOT_METHODS)).isEqualTo(1);
        assertThat(CompiledTier.compiled(compiled, List.of("io.headroom.core.engine.Vu.runIteration(",
                "io.headroom.core.engine.ScenarioRuntime.recordIteration("))).isEqualTo(1);
    }
}
