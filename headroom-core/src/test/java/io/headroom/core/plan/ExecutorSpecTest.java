package io.headroom.core.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutorSpecTest {
    private static final Duration S10 = Duration.ofSeconds(10);

    @Test
    void fillsK6sDefaults() {
        assertThat(new ExecutorSpec.RampingVus(1, List.of(new Stage(S10, 2)), null).gracefulRampDown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new ExecutorSpec.ConstantArrivalRate(5, null, S10, 3, 0)).isEqualTo(new ExecutorSpec.ConstantArrivalRate(5, Duration.ofSeconds(1), S10, 3, 3));
        assertThat(new ExecutorSpec.PerVuIterations(1, 1, null).maxDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(new ExecutorSpec.SharedIterations(1, 1, null).maxDuration()).isEqualTo(ExecutorSpec.DEFAULT_MAX_DURATION);
    }

    @Test
    void namesTheOptionThatBreaksARule() {
        assertThatThrownBy(() -> new ExecutorSpec.ConstantVus(0, S10)).isInstanceOfSatisfying(InvalidExecutorException.class, e -> {
            assertThat(e.option()).isEqualTo("vus");
            assertThat(e.reason()).isEqualTo("expected a positive integer, found 0");
        });
        assertThatThrownBy(() -> new ExecutorSpec.ConstantVus(1, Duration.ZERO)).hasMessage("constant-vus duration: expected a positive duration, found PT0S");
        assertThatThrownBy(() -> new ExecutorSpec.RampingVus(0, List.of(), null)).hasMessage("ramping-vus stages: expected at least one stage, found an empty list");
        assertThatThrownBy(() -> new ExecutorSpec.RampingVus(0, List.of(new Stage(S10, 0)), null))
                .hasMessage("ramping-vus stages: either startVUs or one of the stages' target values must be greater than 0");
        assertThatThrownBy(() -> new ExecutorSpec.RampingVus(1, List.of(new Stage(Duration.ZERO, 2)), null))
                .hasMessage("ramping-vus stages: the stages must last longer than 0");
        assertThatThrownBy(() -> new ExecutorSpec.RampingArrivalRate(0, null, List.of(new Stage(S10, 1)), 5, 2))
                .hasMessage("ramping-arrival-rate maxVUs: expected at least preAllocatedVUs (5), found 2");
        assertThatThrownBy(() -> new ExecutorSpec.ConstantArrivalRate(1, null, S10, 0, 0))
                .hasMessage("constant-arrival-rate maxVUs: expected above 0 when preAllocatedVUs is 0 (the VUs are then"
                        + " started on demand, up to maxVUs), found 0");
        // k6 accepts preAllocatedVUs: 0 with maxVUs above it (every VU started on demand)
        assertThat(new ExecutorSpec.ConstantArrivalRate(1, null, S10, 0, 4).maxVUs()).isEqualTo(4);
        assertThat(new ExecutorSpec.RampingArrivalRate(0, null, List.of(new Stage(S10, 1)), 0, 2).preAllocatedVUs()).isZero();
        assertThatThrownBy(() -> new ExecutorSpec.SharedIterations(5, 2, null))
                .hasMessage("shared-iterations iterations: shared-iterations needs at least as many iterations as VUs, found 2 iterations for 5 VUs");
    }

    @Test
    void knowsItsMostVus() {
        assertThat(new ExecutorSpec.RampingVus(2, List.of(new Stage(S10, 7), new Stage(S10, 0)), null).maxVus()).isEqualTo(7);
        assertThat(new ExecutorSpec.ConstantArrivalRate(5, null, S10, 3, 9).maxVus()).isEqualTo(9);
    }
}
