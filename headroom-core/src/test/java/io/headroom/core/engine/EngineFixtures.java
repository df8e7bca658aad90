package io.headroom.core.engine;

import io.headroom.core.metric.Tags;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Small builders and readers shared by the engine tests. */
final class EngineFixtures {
    private EngineFixtures() {}

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    static ScenarioRun scenario(String name, ExecutorSpec executor, Duration gracefulStop, VuBehaviour behaviour) {
        return new ScenarioRun(new ScenarioSpec(name, executor, Duration.ZERO, gracefulStop, Map.of()), vu -> behaviour);
    }

    static RunSpec spec(ScenarioRun... scenarios) {
        return new RunSpec("test", List.of(scenarios), List.of(), Duration.ofSeconds(60), Map.of());
    }

    static RunSpec spec(List<ThresholdSpec> thresholds, ScenarioRun... scenarios) {
        return new RunSpec("test", List.of(scenarios), thresholds, Duration.ofSeconds(60), Map.of());
    }

    static RunResult run(RunSpec spec) {
        return new Engine().run(spec, RunListener.NONE);
    }

    /** The cumulative count of a counter over the series matching {@code tags} (0 when absent). */
    static double count(RunResult result, String metric, Tags tags) {
        return result.series().stream()
                .filter(s -> s.metric().equals(metric) && !s.tags().isEmpty() && s.tags().matches(tags))
                .mapToDouble(s -> ((SeriesStats.CounterStats) s.stats()).count()).sum();
    }

    static double count(RunResult result, String metric) {
        return result.series().stream().filter(s -> s.metric().equals(metric) && s.tags().isEmpty())
                .mapToDouble(s -> ((SeriesStats.CounterStats) s.stats()).count()).sum();
    }

    static SeriesStats.TrendStats trend(RunResult result, String metric) {
        return (SeriesStats.TrendStats) result.series().stream().filter(s -> s.metric().equals(metric) && s.tags().isEmpty())
                .map(SeriesResult::stats).findFirst().orElseThrow(() -> new AssertionError("no " + metric + " in the result"));
    }
}
