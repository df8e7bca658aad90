package io.headroom.cli;

import io.headroom.core.metric.CheckResult;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.script.run.Headroom;
import io.headroom.script.Options;
import io.headroom.script.Scenario;
import io.headroom.script.Vu;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Headroom.run(...)} inside a JUnit test, the way a project would gate on its own service. */
class ProgrammaticApiTest {
    /** Thread-safe: keeps no state, as a scenario shared by every VU must. */
    static final class ListProducts implements Scenario {
        @Override
        public void iteration(Vu vu) {
            var products = vu.http().get("/products?limit=3");
            vu.check(products, "listed", r -> r.status() == 200);
        }
    }

    @Test
    void runsAScenarioObjectAndReturnsTheResultToAssertOn() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            RunResult result = Headroom.run(new ListProducts(),
                    Options.sharedIterations(3, 30).baseUrl(demo.baseUrl().toString())
                            .threshold("http_req_duration", "p(95)<5000")
                            .threshold("checks", "rate==1"));
            assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(result.thresholds()).hasSize(2)
                    .allSatisfy(t -> assertThat(t.verdict()).isInstanceOf(ThresholdVerdict.Held.class));
            assertThat(result.checks()).extracting(CheckResult::name, CheckResult::passes, CheckResult::fails)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("listed", 30L, 0L));
            assertThat(demo.stats().totalRequests()).isEqualTo(30);
            assertThat(result.info().duration()).isLessThan(Duration.ofSeconds(30));
        }
    }
}
