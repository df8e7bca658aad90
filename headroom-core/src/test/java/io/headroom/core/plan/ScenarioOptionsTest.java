package io.headroom.core.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioOptionsTest {
    @Test
    void eachExecutorsOptionsAsAPlanWritesThemWithDefaultsFilledIn() {
        var ramp = new ScenarioSpec("ramp", new ExecutorSpec.RampingVus(0, List.of(new Stage(Duration.ofSeconds(30), 10),
                new Stage(Duration.ofSeconds(90), 10), new Stage(Duration.ofMillis(1500), 0)), null), Duration.ofSeconds(5), null,
                Map.of("team", "shop", "area", "cart"));
        assertThat(ScenarioOptions.of(ramp)).containsExactly(Map.entry("startVUs", "0"),
                Map.entry("stages", "30s→10, 1m30s→10, 1.5s→0"), Map.entry("gracefulRampDown", "30s"),
                Map.entry("startTime", "5s"), Map.entry("gracefulStop", "30s"), Map.entry("tags", "area=cart, team=shop"));
        var arrivals = new ScenarioSpec("arrivals", new ExecutorSpec.ConstantArrivalRate(30, null, Duration.ofMinutes(2), 3, 0),
                null, Duration.ofMillis(500), null);
        assertThat(ScenarioOptions.of(arrivals)).containsExactly(Map.entry("rate", "30"), Map.entry("timeUnit", "1s"),
                Map.entry("duration", "2m"), Map.entry("preAllocatedVUs", "3"), Map.entry("maxVUs", "3"),
                Map.entry("gracefulStop", "500ms"));
        assertThat(ScenarioOptions.of(new ScenarioSpec("once", new ExecutorSpec.SharedIterations(2, 10, null), null, null, null)))
                .containsEntry("maxDuration", "10m").containsEntry("iterations", "10").doesNotContainKey("startTime");
    }

    @Test
    void durationsReadAsInAPlan() {
        assertThat(ScenarioOptions.duration(Duration.ZERO)).isEqualTo("0s");
        assertThat(ScenarioOptions.duration(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(ScenarioOptions.duration(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
        assertThat(ScenarioOptions.duration(Duration.ofSeconds(3723))).isEqualTo("1h2m3s");
        assertThat(ScenarioOptions.duration(Duration.ofHours(2))).isEqualTo("2h");
    }
}
