package io.headroom.core.engine;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.plan.Stage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunSpecMaxDurationTest {
    private static ScenarioSpec scenario(ExecutorSpec executor, Duration startTime) {
        return new ScenarioSpec("s", executor, startTime, Duration.ofSeconds(30), null);
    }

    @Test
    void anHourLongSoakIsNotCutByTheDefaultBound() {
        // an hour at a constant rate, as bench/soak.sh runs it: the bound is its end (1 h + 30 s gracefulStop) + 1 min
        var soak = scenario(new ExecutorSpec.ConstantArrivalRate(2000, Duration.ofSeconds(1), Duration.ofHours(1), 50, 2000),
                Duration.ZERO);
        assertThat(RunSpec.defaultMaxDuration(List.of(soak))).isEqualTo(Duration.ofSeconds(3600 + 30 + 60));
    }

    @Test
    void theLatestScenarioEndCountsStartTimeStagesAndGracefulRampDown() {
        var early = scenario(new ExecutorSpec.ConstantVus(1, Duration.ofMinutes(10)), Duration.ZERO);
        var late = scenario(new ExecutorSpec.RampingVus(0, List.of(new Stage(Duration.ofMinutes(50), 5),
                new Stage(Duration.ofMinutes(20), 0)), Duration.ofSeconds(10)), Duration.ofMinutes(5));
        assertThat(RunSpec.defaultMaxDuration(List.of(early, late)))
                .isEqualTo(Duration.ofMinutes(5 + 70).plusSeconds(10 + 30 + 60));
    }

    @Test
    void shortPlansKeepTheOneHourBound() {
        var shortRun = scenario(new ExecutorSpec.ConstantVus(1, Duration.ofSeconds(10)), Duration.ZERO);
        var batch = scenario(new ExecutorSpec.SharedIterations(1, 10, null), Duration.ZERO);
        assertThat(RunSpec.defaultMaxDuration(List.of(shortRun, batch))).isEqualTo(RunSpec.DEFAULT_MAX_DURATION);
    }
}
