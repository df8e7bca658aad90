package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.InvalidExecutorException;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.core.threshold.ThresholdSyntaxException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.headroom.core.engine.EngineFixtures.count;
import static io.headroom.core.engine.EngineFixtures.ms;
import static io.headroom.core.engine.EngineFixtures.run;
import static io.headroom.core.engine.EngineFixtures.scenario;
import static io.headroom.core.engine.EngineFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineLifecycleTest {

    private static RunResult runAndCall(RunSpec spec, long afterMillis, java.util.function.Consumer<Engine> action) {
        Engine engine = new Engine();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(afterMillis);
            } catch (InterruptedException e) {
                return;
            }
            action.accept(engine);
        });
        return engine.run(spec, RunListener.NONE);
    }

    @Test
    void gracefulStopLetsARunningIterationFinish() {
        RunResult result = run(spec(scenario("finish", new ExecutorSpec.ConstantVus(1, ms(300)), ms(3000), vu -> Thread.sleep(700))));
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isEqualTo(1);
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS)).isZero();
        assertThat(result.info().duration()).isGreaterThanOrEqualTo(ms(650)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void gracefulStopInterruptsAStuckIterationAfterItExpires() {
        RunResult result = run(spec(scenario("stuck", new ExecutorSpec.ConstantVus(1, ms(300)), ms(300), vu -> Thread.sleep(60_000))));
        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS, Tags.of("cause", "graceful_stop"))).isEqualTo(1);
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isZero();
        assertThat(result.info().duration()).isGreaterThanOrEqualTo(ms(600)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void stopEndsTheRunGracefullyAndCutsThinkTimeShort() {
        RunSpec spec = spec(scenario("long", new ExecutorSpec.ConstantVus(2, Duration.ofSeconds(60)), Duration.ofSeconds(20),
                vu -> vu.sleep(Duration.ofSeconds(30))));
        RunResult result = runAndCall(spec, 500, Engine::stop);
        assertThat(result.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        // the sleeping iterations returned early and completed: nothing was interrupted
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isEqualTo(2);
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS)).isZero();
        assertThat(result.info().duration()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void stopNowInterruptsEveryVuAndStillReturnsTheResult() {
        RunSpec spec = spec(scenario("blocked", new ExecutorSpec.ConstantVus(3, Duration.ofSeconds(60)), Duration.ofSeconds(30), vu -> {
            vu.metrics().counter("started", io.headroom.core.metric.ValueType.DEFAULT, vu.tags()).add(1);
            Thread.sleep(60_000);
        }));
        RunResult result = runAndCall(spec, 400, Engine::stopNow);
        assertThat(result.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS, Tags.of("cause", "hard_stop"))).isEqualTo(3);
        assertThat(count(result, "started")).isEqualTo(3);
        assertThat(result.info().duration()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void maxDurationStopsTheRun() {
        RunSpec spec = new RunSpec("bounded", List.of(scenario("long", new ExecutorSpec.ConstantVus(1, Duration.ofSeconds(60)), ms(200),
                vu -> vu.sleep(ms(20)))), List.of(), ms(800), Map.of());
        RunResult result = run(spec);
        assertThat(result.outcome()).isEqualTo(RunOutcome.MAX_DURATION_REACHED);
        assertThat(result.info().duration()).isGreaterThanOrEqualTo(ms(800)).isLessThan(Duration.ofSeconds(10));
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isGreaterThan(5);
    }

    @Test
    void anAbortOnFailThresholdStopsTheRunEarly() {
        List<String> aborts = new CopyOnWriteArrayList<>();
        ThresholdSpec slow = ThresholdSpec.parse("iteration_duration{scenario:slow}", "p(95)<1", true, Duration.ZERO);
        ThresholdSpec fine = ThresholdSpec.of("iterations", "count>0");
        RunSpec spec = spec(List.of(slow, fine), scenario("slow", new ExecutorSpec.ConstantVus(2, Duration.ofSeconds(60)), ms(500),
                vu -> Thread.sleep(20)));
        RunResult result = new Engine().run(spec, new RunListener() {
            @Override
            public void onAbort(String reason) {
                aborts.add(reason);
            }
        });
        assertThat(result.outcome()).isEqualTo(RunOutcome.ABORTED_BY_THRESHOLD);
        assertThat(aborts).singleElement().asString().contains("iteration_duration{scenario:slow}", "p(95)<1");
        assertThat(result.thresholds().get(0).verdict()).isInstanceOf(ThresholdVerdict.Crossed.class);
        assertThat(result.thresholds().get(1).verdict()).isInstanceOf(ThresholdVerdict.Held.class);
        assertThat(result.thresholdsHeld()).isFalse();
        assertThat(result.info().duration()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void delayAbortEvalPostponesTheAbort() {
        ThresholdSpec slow = ThresholdSpec.parse("iteration_duration", "max<1", true, ms(2500));
        RunResult result = run(spec(List.of(slow), scenario("slow", new ExecutorSpec.ConstantVus(1, Duration.ofSeconds(60)), ms(500),
                vu -> Thread.sleep(20))));
        assertThat(result.outcome()).isEqualTo(RunOutcome.ABORTED_BY_THRESHOLD);
        assertThat(result.info().duration()).isGreaterThanOrEqualTo(ms(2500)).isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void startTimeDelaysAScenario() {
        Map<String, Long> firstIteration = new ConcurrentHashMap<>();
        VuBehaviourFactory note = vu -> ctx -> firstIteration.putIfAbsent(ctx.scenario(), System.nanoTime());
        ExecutorSpec once = new ExecutorSpec.PerVuIterations(1, 1, Duration.ofSeconds(10));
        RunSpec spec = spec(new ScenarioRun(new ScenarioSpec("early", once, null, ms(1000), Map.of()), note),
                new ScenarioRun(new ScenarioSpec("late", once, ms(1000), ms(1000), Map.of()), note));
        long beforeRunNanos = System.nanoTime();
        RunResult result = run(spec);
        // A lower bound only: the engine's start lies after beforeRunNanos, so "late" cannot begin before
        // beforeRunNanos + startTime; how soon "early" began depends on machine load (JIT, VU start).
        assertThat((firstIteration.get("late") - beforeRunNanos) / 1e6).isGreaterThanOrEqualTo(1000);
        assertThat(firstIteration.get("early")).isLessThan(firstIteration.get("late"));
        assertThat(result.info().scenarios()).extracting(RunInfo.ScenarioInfo::iterations).containsExactly(1L, 1L);
    }

    @Test
    void invalidSpecsFailBeforeAnythingRuns() {
        assertThatThrownBy(() -> run(spec(List.of(ThresholdSpec.of("http_req_duration", "p(95<500")),
                scenario("x", new ExecutorSpec.ConstantVus(1, ms(100)), ms(100), vu -> {}))))
                .isInstanceOf(ThresholdSyntaxException.class);
        assertThatThrownBy(() -> run(spec(scenario("x", new ExecutorSpec.ConstantVus(0, ms(100)), ms(100), vu -> {}))))
                .isInstanceOf(InvalidExecutorException.class).hasMessage("constant-vus vus: expected a positive integer, found 0");
        assertThatThrownBy(() -> run(spec(scenario("x", new ExecutorSpec.ConstantArrivalRate(10, null, ms(100), 5, 2), ms(100), vu -> {}))))
                .isInstanceOf(InvalidExecutorException.class)
                .hasMessage("constant-arrival-rate maxVUs: expected at least preAllocatedVUs (5), found 2");
        assertThatThrownBy(() -> run(spec(scenario("x", new ExecutorSpec.ConstantVus(1, ms(100)), ms(100), vu -> {}),
                scenario("x", new ExecutorSpec.ConstantVus(1, ms(100)), ms(100), vu -> {}))))
                .hasMessage("two scenarios are named \"x\"");
    }

    @Test
    void anEngineRunsOneRun() {
        Engine engine = new Engine();
        RunSpec spec = spec(scenario("x", new ExecutorSpec.PerVuIterations(1, 1, ms(1000)), ms(100), vu -> {}));
        engine.run(spec, RunListener.NONE);
        assertThatThrownBy(() -> engine.run(spec, RunListener.NONE)).isInstanceOf(IllegalStateException.class);
    }
}
