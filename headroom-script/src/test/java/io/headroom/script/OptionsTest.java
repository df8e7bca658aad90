package io.headroom.script;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.plan.Stage;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.script.run.Headroom;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.headroom.script.Options.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {
    private static final Duration S10 = Duration.ofSeconds(10);

    @Test
    void buildsAllSixExecutors() {
        assertThat(Options.constantVus(10, S10).executor()).isEqualTo(new ExecutorSpec.ConstantVus(10, S10));
        assertThat(Options.rampingVus(0, stage(S10, 20), stage(S10, 0)).gracefulRampDown(Duration.ofSeconds(5)).executor())
                .isEqualTo(new ExecutorSpec.RampingVus(0, List.of(new Stage(S10, 20), new Stage(S10, 0)), Duration.ofSeconds(5)));
        assertThat(Options.constantArrivalRate(50, Duration.ofSeconds(1), S10, 5, 20).executor())
                .isEqualTo(new ExecutorSpec.ConstantArrivalRate(50, Duration.ofSeconds(1), S10, 5, 20));
        assertThat(Options.rampingArrivalRate(0, Duration.ofSeconds(1), 5, 50, stage(S10, 100)).executor())
                .isEqualTo(new ExecutorSpec.RampingArrivalRate(0, Duration.ofSeconds(1), List.of(new Stage(S10, 100)), 5, 50));
        assertThat(Options.perVuIterations(2, 5).executor())
                .isEqualTo(new ExecutorSpec.PerVuIterations(2, 5, Duration.ofMinutes(10)));
        assertThat(Options.sharedIterations(2, 5, S10).executor()).isEqualTo(new ExecutorSpec.SharedIterations(2, 5, S10));
    }

    @Test
    void isImmutableAndCarriesEverythingAPlanNeeds() {
        Options base = Options.constantVus(10, S10);
        Options full = base.baseUrl("http://127.0.0.1:8080")
                .threshold("http_req_duration", "p(95)<500", "p(99)<900")
                .thresholdAbortOnFail("http_req_failed", "rate<0.1", Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(3)).maxRedirects(0).header("Accept", "application/json")
                .expectedStatuses(ExpectedStatuses.range(200, 299))
                .tag("env", "ci").startTime(Duration.ofSeconds(2)).gracefulStop(Duration.ofSeconds(1))
                .maxDuration(Duration.ofMinutes(1)).scenarioName("shop")
                .data("users", Path.of("users.csv"), DataStrategy.UNIQUE);
        assertThat(base.thresholds()).isEmpty();
        assertThat(base.baseUrl()).isNull();
        assertThat(full.thresholds()).containsExactly(ThresholdSpec.of("http_req_duration", "p(95)<500"),
                ThresholdSpec.of("http_req_duration", "p(99)<900"),
                ThresholdSpec.parse("http_req_failed", "rate<0.1", true, Duration.ofSeconds(5)));
        assertThat(full.http().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(full.http().maxRedirects()).isZero();
        assertThat(full.http().headers().get("accept")).isEqualTo("application/json");
        assertThat(full.http().expectedStatuses().contains(302)).isFalse();
        assertThat(full.data()).containsKey("users");
        assertThat(full.maxDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(full.toScenarioSpec("Checkout")).isEqualTo(new ScenarioSpec("shop", new ExecutorSpec.ConstantVus(10, S10),
                Duration.ofSeconds(2), Duration.ofSeconds(1), Map.of("env", "ci")));
        assertThat(base.toScenarioSpec("Checkout").name()).isEqualTo("Checkout");
    }

    @Test
    void traceContextIsOffByDefaultAndItsLinkTemplateNeedsThePlaceholder() {
        Options base = Options.constantVus(1, S10);
        assertThat(base.http().traceContext()).isFalse();
        assertThat(base.http().traceLinkTemplate()).isNull();
        Options traced = base.traceContext(true).traceLinkTemplate("http://localhost:16686/trace/{traceId}");
        assertThat(traced.http().traceContext()).isTrue();
        assertThat(traced.http().traceLinkTemplate()).isEqualTo("http://localhost:16686/trace/{traceId}");
        assertThat(base.http().traceContext()).as("immutable").isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> base.traceLinkTemplate("http://localhost:16686/trace/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{traceId}");
        assertThat(Params.none().traceContext()).isNull();
        assertThat(Params.named("x").traceContext(false).traceContext()).isFalse();
    }

    @Test
    void rejectsImpossibleExecutors() {
        assertThatThrownBy(() -> Options.constantVus(0, S10)).hasMessageContaining("vus: expected a positive integer");
        assertThatThrownBy(() -> Options.constantVus(1, Duration.ZERO)).hasMessageContaining("duration");
        assertThatThrownBy(() -> Options.rampingVus(0)).hasMessageContaining("at least one stage");
        assertThatThrownBy(() -> Options.constantArrivalRate(5, Duration.ofSeconds(1), S10, 10, 5)).hasMessageContaining("maxVUs");
        assertThatThrownBy(() -> Options.sharedIterations(5, 2)).hasMessageContaining("at least as many iterations");
        assertThatThrownBy(() -> Options.constantVus(1, S10).gracefulRampDown(S10)).hasMessageContaining("ramping-vus only");
    }

    @Test
    void theFacadeFindsTheRegisteredSocketTransport() {
        try (var transport = Headroom.defaultTransport()) {
            assertThat(transport.getClass().getName()).isEqualTo("io.headroom.http.socket.SocketHttpTransport");
        }
    }
}
