package io.headroom.profiler.target;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SteadyWindowTest {
    @Test
    void steadyWindowStartsAfterTheRampReachesItsPeakAndEndsBeforeTheRampDown() {
        var ramp = new io.headroom.core.plan.ExecutorSpec.RampingVus(0, java.util.List.of(
                new io.headroom.core.plan.Stage(java.time.Duration.ofSeconds(10), 50),
                new io.headroom.core.plan.Stage(java.time.Duration.ofSeconds(60), 50),
                new io.headroom.core.plan.Stage(java.time.Duration.ofSeconds(10), 0)), java.time.Duration.ofSeconds(5));
        var constant = new io.headroom.core.plan.ExecutorSpec.ConstantVus(5, java.time.Duration.ofSeconds(20));
        var spike = new io.headroom.core.plan.ExecutorSpec.RampingVus(0, java.util.List.of(
                new io.headroom.core.plan.Stage(java.time.Duration.ofSeconds(10), 50),
                new io.headroom.core.plan.Stage(java.time.Duration.ofSeconds(10), 0)), java.time.Duration.ofSeconds(5));

        assertThat(SteadyWindow.of(ramp)).isEqualTo(new SteadyWindow(java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(70)));
        assertThat(SteadyWindow.of(constant)).isEqualTo(new SteadyWindow(java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(19)));
        // No plateau at the peak: fall back to 10..95 % of the whole.
        assertThat(SteadyWindow.of(spike)).isEqualTo(new SteadyWindow(java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(19)));
    }
}
