package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.plan.Stage;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static io.headroom.core.engine.EngineFixtures.count;
import static io.headroom.core.engine.EngineFixtures.ms;
import static io.headroom.core.engine.EngineFixtures.run;
import static io.headroom.core.engine.EngineFixtures.scenario;
import static io.headroom.core.engine.EngineFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

class ClosedModelExecutorsTest {

    @Test
    void perVuIterationsRunsEachVuExactlyItsIterations() {
        Map<Integer, List<Long>> iterationsByVu = new ConcurrentHashMap<>();
        AtomicInteger closed = new AtomicInteger();
        ScenarioRun s = new ScenarioRun(new ScenarioSpec("each", new ExecutorSpec.PerVuIterations(5, 7, Duration.ofSeconds(30)),
                null, ms(1000), Map.of()), vu -> new VuBehaviour() {
            public void iteration(VuContext ctx) {
                iterationsByVu.computeIfAbsent(ctx.vuId(), k -> Collections.synchronizedList(new ArrayList<>())).add(ctx.iteration());
            }

            public void close() {
                closed.incrementAndGet();
            }
        });
        RunResult result = run(spec(s));

        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isEqualTo(35);
        assertThat(iterationsByVu).hasSize(5);
        iterationsByVu.values().forEach(list -> assertThat(list).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L));
        assertThat(closed).hasValue(5);
        assertThat(result.info().scenarios().getFirst().iterations()).isEqualTo(35);
        assertThat(result.info().scenarios().getFirst().maxVus()).isEqualTo(5);
    }

    @Test
    void sharedIterationsRunsTheTotalExactlyOnceAcrossVus() {
        Set<Long> numbers = ConcurrentHashMap.newKeySet();
        Set<Integer> vus = ConcurrentHashMap.newKeySet();
        RunResult result = run(spec(scenario("shared", new ExecutorSpec.SharedIterations(10, 100, Duration.ofSeconds(30)), ms(1000),
                vu -> {
                    numbers.add(vu.iterationInScenario());
                    vus.add(vu.vuIdInScenario());
                    Thread.sleep(1);
                })));
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isEqualTo(100);
        assertThat(numbers).hasSize(100).allMatch(n -> n >= 0 && n < 100);
        assertThat(vus).hasSizeGreaterThan(1).allMatch(id -> id >= 1 && id <= 10);
    }

    @Test
    void sharedIterationsStopAtMaxDuration() {
        RunResult result = run(spec(scenario("slow", new ExecutorSpec.SharedIterations(2, 1000, ms(500)), ms(200),
                vu -> Thread.sleep(50))));
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isBetween(4.0, 22.0);
        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
    }

    @Test
    void constantVusLoopForTheDuration() {
        Set<Integer> ids = ConcurrentHashMap.newKeySet();
        RunResult result = run(spec(scenario("steady", new ExecutorSpec.ConstantVus(3, ms(1000)), ms(1000), vu -> {
            ids.add(vu.vuId());
            Thread.sleep(50);
        })));
        // ~20 iterations per VU; generous bounds for a busy machine
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isBetween(15.0, 63.0);
        assertThat(ids).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(result.info().duration()).isGreaterThanOrEqualTo(ms(1000));
        var iteration = EngineFixtures.trend(result, BuiltinMetrics.ITERATION_DURATION);
        assertThat(iteration.min()).isGreaterThanOrEqualTo(49.0);
    }

    @Test
    void rampingVusReachesTheStageTargetsAndNeverExceedsThem() {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>(); // offset ms since start, concurrency
        long[] start = new long[] {0};
        ExecutorSpec ramp = new ExecutorSpec.RampingVus(0,
                List.of(new Stage(ms(600), 3), new Stage(ms(800), 3), new Stage(ms(400), 1)), ms(5000));
        RunResult result = run(spec(scenario("ramp", ramp, ms(2000), vu -> {
            synchronized (start) {
                if (start[0] == 0) start[0] = System.nanoTime();
            }
            int now = concurrent.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            samples.add(new long[] {(System.nanoTime() - start[0]) / 1_000_000, now});
            Thread.sleep(20);
            concurrent.decrementAndGet();
        })));

        assertThat(peak.get()).isEqualTo(3);
        assertThat(result.info().scenarios().getFirst().maxVus()).isEqualTo(3);
        // during the hold stage all three run; at the end only one is left
        assertThat(samples).anyMatch(s -> s[0] > 700 && s[0] < 1300 && s[1] == 3);
        assertThat(samples.stream().filter(s -> s[0] > 1500).mapToLong(s -> s[1]).max().orElse(0)).isLessThanOrEqualTo(2);
        assertThat(count(result, "headroom_interrupted_iterations")).isZero();
    }

    @Test
    void rampingVusInterruptsIterationsThatOutliveGracefulRampDown() {
        ExecutorSpec ramp = new ExecutorSpec.RampingVus(2, List.of(new Stage(ms(300), 2), new Stage(Duration.ZERO, 0),
                new Stage(ms(1200), 0)), ms(200));
        long begin = System.nanoTime();
        RunResult result = run(spec(scenario("down", ramp, ms(500), vu -> Thread.sleep(30_000))));
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS, Tags.of("cause", "ramp_down"))).isEqualTo(2);
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isZero();
        assertThat((System.nanoTime() - begin) / 1e9).isLessThan(10);
    }

    @Test
    void iterationExceptionsAreCountedAndTheVuCarriesOn() {
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        RunResult result = run(spec(scenario("flaky", new ExecutorSpec.PerVuIterations(1, 10, Duration.ofSeconds(30)), ms(1000), vu -> {
            seen.add(vu.iteration());
            if (vu.iteration() % 2 == 1) throw new IllegalStateException("odd iteration");
        })));
        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isEqualTo(5);
        assertThat(count(result, BuiltinMetrics.ITERATION_ERRORS, Tags.of("error", "IllegalStateException", "scenario", "flaky")))
                .isEqualTo(5);
        assertThat(result.errorSamples()).extracting(e -> e.code(), e -> e.message(), e -> e.count())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("iteration:IllegalStateException",
                        "IllegalStateException: odd iteration", 5L));
        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
    }

    @Test
    void aVuWhoseBehaviourCannotBeCreatedIsCountedAndTheOthersRun() {
        ScenarioRun s = new ScenarioRun(new ScenarioSpec("init", new ExecutorSpec.PerVuIterations(3, 4, Duration.ofSeconds(30)),
                null, ms(1000), Map.of()), vu -> {
            if (vu.vuIdInScenario() == 2) throw new java.io.IOException("no data file");
            return ctx -> {};
        });
        RunResult result = run(spec(s));
        assertThat(count(result, BuiltinMetrics.VU_INIT_ERRORS, Tags.of("error", "IOException"))).isEqualTo(1);
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isEqualTo(8);
    }
}
