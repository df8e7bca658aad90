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
        // the failed VU's 4 iterations never ran: iterations + dropped = VUs x iterations
        assertThat(count(result, BuiltinMetrics.DROPPED_ITERATIONS, Tags.of("scenario", "init"))).isEqualTo(4);
    }

    // ---- dropped_iterations of the iteration-count executors (k6 lib/executor/shared_iterations_test.go
    // TestSharedIterationsEmitDroppedIterations, per_vu_iterations_test.go TestPerVuIterationsEmitDroppedIterations:
    // 5 VUs, 100 iterations, maxDuration 1 s, every iteration blocks until it is cut: 5 started, 95 dropped) ----

    /** An iteration that only the engine ends (k6's test waits on ctx.Done()). */
    private static VuBehaviour blocksUntilInterrupted(AtomicInteger started) {
        return vu -> {
            started.incrementAndGet();
            Thread.sleep(600_000);
        };
    }

    @Test
    void sharedIterationsCountWhatMaxDurationLeftUnstartedAsDropped() {
        AtomicInteger started = new AtomicInteger();
        RunResult result = run(spec(scenario("shared", new ExecutorSpec.SharedIterations(5, 100, ms(1000)), Duration.ZERO,
                blocksUntilInterrupted(started))));
        assertThat(started.get()).isEqualTo(5);
        assertThat(count(result, BuiltinMetrics.DROPPED_ITERATIONS, Tags.of("scenario", "shared"))).isEqualTo(95);
        assertThat(result.info().scenarios().getFirst().droppedIterations()).isEqualTo(95);
        // the 5 cut iterations are interrupted, not complete (k6: no iterations sample for a cancelled iteration)
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isZero();
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS, Tags.of("cause", "graceful_stop"))).isEqualTo(5);
        // a closed model's drops are the plan's maxDuration, never the generator's
        assertThat(result.generatorHealth().reasons()).noneMatch(r -> r.contains("dropped"));
    }

    @Test
    void perVuIterationsCountWhatMaxDurationLeftUnstartedAsDropped() {
        AtomicInteger started = new AtomicInteger();
        RunResult result = run(spec(scenario("per-vu", new ExecutorSpec.PerVuIterations(5, 20, ms(1000)), Duration.ZERO,
                blocksUntilInterrupted(started))));
        assertThat(started.get()).isEqualTo(5);
        assertThat(count(result, BuiltinMetrics.DROPPED_ITERATIONS, Tags.of("scenario", "per-vu"))).isEqualTo(95);
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isZero();
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS)).isEqualTo(5);
    }

    @Test
    void iterationsPlusInterruptedPlusDroppedIsThePlannedTotal() {
        RunResult shared = run(spec(scenario("shared", new ExecutorSpec.SharedIterations(2, 1000, ms(500)), ms(200),
                vu -> Thread.sleep(50))));
        assertThat(count(shared, BuiltinMetrics.ITERATIONS) + count(shared, BuiltinMetrics.INTERRUPTED_ITERATIONS)
                + count(shared, BuiltinMetrics.DROPPED_ITERATIONS, Tags.of("scenario", "shared"))).isEqualTo(1000);
        RunResult perVu = run(spec(scenario("per-vu", new ExecutorSpec.PerVuIterations(3, 400, ms(500)), ms(200),
                vu -> Thread.sleep(50))));
        assertThat(count(perVu, BuiltinMetrics.ITERATIONS) + count(perVu, BuiltinMetrics.INTERRUPTED_ITERATIONS)
                + count(perVu, BuiltinMetrics.DROPPED_ITERATIONS, Tags.of("scenario", "per-vu"))).isEqualTo(1200);
        assertThat(count(perVu, BuiltinMetrics.DROPPED_ITERATIONS, Tags.of("scenario", "per-vu"))).isPositive();
    }

    @Test
    void iterationExecutorsThatFinishInTimeDropNothing() {
        RunResult shared = run(spec(scenario("shared", new ExecutorSpec.SharedIterations(5, 100, Duration.ofSeconds(30)), ms(1000),
                vu -> {})));
        RunResult perVu = run(spec(scenario("per-vu", new ExecutorSpec.PerVuIterations(5, 20, Duration.ofSeconds(30)), ms(1000),
                vu -> {})));
        for (RunResult r : List.of(shared, perVu)) {
            assertThat(count(r, BuiltinMetrics.ITERATIONS)).isEqualTo(100);
            assertThat(r.series()).noneMatch(s -> s.metric().equals(BuiltinMetrics.DROPPED_ITERATIONS));
            assertThat(r.info().scenarios().getFirst().droppedIterations()).isZero();
        }
    }

    @Test
    void aStoppedRunCountsNoDrops() {
        // k6 pushes the drops only if the run itself is not done (metrics.PushIfNotDone on the parent context)
        Engine engine = new Engine();
        Thread stopper = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            engine.stop();
        });
        RunResult result = engine.run(spec(scenario("shared", new ExecutorSpec.SharedIterations(2, 1000, Duration.ofSeconds(30)),
                ms(200), vu -> Thread.sleep(20))), RunListener.NONE);
        stopper.interrupt();
        assertThat(result.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(result.info().scenarios().getFirst().droppedIterations()).isZero();
    }

    // ---- gracefulRampDown: 0s and gracefulStop: 0s (k6 lib/executor/ramping_vus.go: without a gracefulRampDown
    // the graceful steps equal the raw ones, so the VU removed at the end of the last stage is stopped at once) ----

    @Test
    void withoutGracefulRampDownTheVuRemovedAtTheEndOfTheLastStageIsInterruptedAtOnce() {
        // 1 VU ramped to 0 over 1 s, an iteration longer than the ramp; gracefulStop 5 s would let it run on
        ExecutorSpec ramp = new ExecutorSpec.RampingVus(1, List.of(new Stage(ms(1000), 0)), Duration.ZERO);
        RunResult result = run(spec(scenario("down", ramp, ms(5000), vu -> Thread.sleep(60_000))));
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isZero();
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS, Tags.of("cause", "ramp_down"))).isEqualTo(1);
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS, Tags.of("cause", "graceful_stop"))).isZero();
        // k6 internal/js/runner.go runFn: a cancelled iteration emits no iterations and no iteration_duration sample
        assertThat(result.series()).filteredOn(s -> s.metric().equals(BuiltinMetrics.ITERATION_DURATION))
                .allSatisfy(s -> assertThat(((io.headroom.core.metric.SeriesStats.TrendStats) s.stats()).count()).isZero());
    }

    @Test
    void theVuRemovedAtTheEndGetsItsGracefulRampDownNotTheLongerGracefulStop() {
        ExecutorSpec ramp = new ExecutorSpec.RampingVus(1, List.of(new Stage(ms(500), 1), new Stage(Duration.ZERO, 0)), ms(300));
        RunResult result = run(spec(scenario("down", ramp, ms(5000), vu -> Thread.sleep(60_000))));
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS, Tags.of("cause", "ramp_down"))).isEqualTo(1);
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS, Tags.of("cause", "graceful_stop"))).isZero();
    }

    @Test
    void anIterationThatEndsWithinGracefulRampDownAfterTheLastStageCompletes() {
        // negative control: removed at 0.5 s, done at ~0.8 s, well inside its 5 s gracefulRampDown
        AtomicInteger started = new AtomicInteger();
        ExecutorSpec ramp = new ExecutorSpec.RampingVus(1, List.of(new Stage(ms(500), 0)), ms(5000));
        RunResult result = run(spec(scenario("down", ramp, ms(5000), vu -> {
            if (started.getAndIncrement() == 0) Thread.sleep(800);
        })));
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS)).isZero();
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isGreaterThanOrEqualTo(1);
        assertThat(started.get()).isEqualTo((int) count(result, BuiltinMetrics.ITERATIONS));
    }

    @Test
    void withoutGracefulStopTheIterationRunningAtTheEndIsInterruptedAtOnce() {
        // k6 lib/executor/helpers.go getDurationContexts: gracefulStop 0 makes the executor's two contexts one
        RunResult result = run(spec(scenario("steady", new ExecutorSpec.ConstantVus(1, ms(500)), Duration.ZERO,
                vu -> Thread.sleep(60_000))));
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isZero();
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS, Tags.of("cause", "graceful_stop"))).isEqualTo(1);
    }
}
