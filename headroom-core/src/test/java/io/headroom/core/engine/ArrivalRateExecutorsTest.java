package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.plan.Stage;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.headroom.core.engine.EngineFixtures.count;
import static io.headroom.core.engine.EngineFixtures.ms;
import static io.headroom.core.engine.EngineFixtures.run;
import static io.headroom.core.engine.EngineFixtures.scenario;
import static io.headroom.core.engine.EngineFixtures.spec;
import static io.headroom.core.engine.EngineFixtures.trend;
import static org.assertj.core.api.Assertions.assertThat;

class ArrivalRateExecutorsTest {

    @Test
    void constantArrivalRateStartsTheScheduledIterations() {
        Set<Long> eventIndexes = ConcurrentHashMap.newKeySet();
        RunResult result = run(spec(scenario("rate", new ExecutorSpec.ConstantArrivalRate(200, Duration.ofSeconds(1), ms(2000), 10, 50),
                ms(1000), vu -> {
                    eventIndexes.add(vu.iterationInScenario());
                    assertThat(vu.openModel()).isTrue();
                    Thread.sleep(2);
                })));
        double iterations = count(result, BuiltinMetrics.ITERATIONS);
        double dropped = count(result, BuiltinMetrics.DROPPED_ITERATIONS);
        assertThat(iterations + dropped).isEqualTo(400);
        assertThat(iterations).isBetween(392.0, 400.0);
        assertThat(eventIndexes).hasSize((int) iterations).allMatch(i -> i >= 0 && i < 400);
        assertThat(trend(result, BuiltinMetrics.SCHEDULE_LAG).count()).isEqualTo((long) iterations);
        assertThat(result.info().scenarios().getFirst().openModel()).isTrue();
        assertThat(result.info().scenarios().getFirst().maxVus()).isBetween(10, 50);
    }

    @Test
    void arrivalsOfTheSameMillisecondShareOneIntendedStartOnTheGrid() {
        // 3,000/s for 500 ms: 1,500 arrivals on at most 501 grid points, each a whole number of grid steps apart
        Set<Long> intendedStarts = ConcurrentHashMap.newKeySet();
        RunResult result = run(spec(scenario("grid", new ExecutorSpec.ConstantArrivalRate(3000, Duration.ofSeconds(1), ms(500), 20, 200),
                ms(1000), vu -> intendedStarts.add(vu.intendedStartNanos()))));
        assertThat(count(result, BuiltinMetrics.ITERATIONS) + count(result, BuiltinMetrics.DROPPED_ITERATIONS)).isEqualTo(1500);
        long first = intendedStarts.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(intendedStarts).hasSizeLessThanOrEqualTo(501)
                .allMatch(t -> (t - first) % ArrivalRateExecutor.DISPATCH_GRID_NANOS == 0);
    }

    @Test
    void iterationsAreDroppedWhenMaxVusCannotAbsorbTheRate() {
        // 50/s for 1 s, each iteration 400 ms, at most 5 VUs: about 5 VUs x 2.5 rounds can run, the rest drop
        RunResult result = run(spec(scenario("overload", new ExecutorSpec.ConstantArrivalRate(50, Duration.ofSeconds(1), ms(1000), 2, 5),
                ms(1000), vu -> Thread.sleep(400))));
        double iterations = count(result, BuiltinMetrics.ITERATIONS);
        double dropped = count(result, BuiltinMetrics.DROPPED_ITERATIONS);
        assertThat(iterations + dropped).isEqualTo(50);
        assertThat(dropped).isGreaterThanOrEqualTo(25);
        assertThat(result.info().scenarios().getFirst().maxVus()).isEqualTo(5);
        assertThat(result.info().scenarios().getFirst().droppedIterations()).isEqualTo((long) dropped);
    }

    @Test
    void dropsForWantOfAVuAreAWarningWithTheVusTheScheduleNeededNotAnInvalidRun() {
        // 50/s, 400 ms iterations, maxVUs 5: the target holds every VU, the scheduler is on time. k6 warns and lets
        // the thresholds judge (lib/executor/constant_arrival_rate.go: "Insufficient VUs, reached N active VUs")
        RunResult result = run(spec(scenario("overload", new ExecutorSpec.ConstantArrivalRate(50, Duration.ofSeconds(1), ms(1000), 2, 5),
                ms(1000), vu -> Thread.sleep(400))));
        var health = result.generatorHealth();
        long dropped = result.info().scenarios().getFirst().droppedIterations();
        assertThat(dropped).isPositive();
        assertThat(health.droppedIterations()).isEqualTo(dropped);
        assertThat(health.measured()).isTrue();
        assertThat(health.vuShortages()).singleElement().satisfies(v -> {
            assertThat(v.scenario()).isEqualTo("overload");
            assertThat(v.maxVus()).isEqualTo(5);
            assertThat(v.ratePerSecond()).isEqualTo(50.0);
            assertThat(v.iterationP99Millis()).isGreaterThanOrEqualTo(400);
            // Little's law: 50/s x >= 0.4 s = at least 20 VUs
            assertThat(v.neededVus()).isGreaterThanOrEqualTo(20);
            assertThat(v.message()).contains("every VU up to maxVUs was busy", "maxVUs is 5: raise maxVUs", "50/s ×");
            // drops while the scheduler was late (a loaded machine) are the generator's and counted apart
            assertThat(v.droppedIterations() + health.droppedBehindSchedule()).isEqualTo(dropped);
            assertThat(v.droppedIterations()).isPositive();
        });
        assertThat(health.reasons()).noneMatch(r -> r.contains("maxVUs"));
        assertThat(health.availableProcessors()).isPositive();
        assertThat(health.cpuMaxFraction()).isBetween(0.0, 1.0);
        assertThat(health.otherCpuAvgFraction()).isBetween(0.0, 1.0);
        assertThat(health.stealAvgFraction()).isBetween(0.0, 1.0);
    }

    @Test
    void aVuPoolThatKeepsUpHasNoShortage() {
        RunResult result = run(spec(scenario("calm", new ExecutorSpec.ConstantArrivalRate(20, Duration.ofSeconds(1), ms(1000), 2, 5),
                ms(1000), vu -> Thread.sleep(1))));
        assertThat(result.info().scenarios().getFirst().droppedIterations()).isZero();
        assertThat(result.generatorHealth().vuShortages()).isEmpty();
    }

    @Test
    void dropsWhileTheSchedulerIsBehindAreTheGeneratorsAndMakeTheRunInvalid() {
        // the scheduler stalls 300 ms (as in a GC pause): the ~30 arrivals due meanwhile are fired at once, the one
        // VU takes the first, the others find no idle VU although the target answers in 1 ms
        StallingClock clock = new StallingClock();
        RunSpec spec = spec(scenario("stall", new ExecutorSpec.ConstantArrivalRate(100, Duration.ofSeconds(1), ms(2000), 1, 1),
                ms(1000), vu -> Thread.sleep(1)));
        java.util.concurrent.atomic.AtomicBoolean stalled = new java.util.concurrent.atomic.AtomicBoolean();
        RunResult result = new Engine(clock).run(spec, new RunListener() {
            @Override
            public void onInterval(io.headroom.core.metric.IntervalPoint point) {
                if (point.offsetMillis() < 1500 && stalled.compareAndSet(false, true)) clock.stall(ms(300));
            }
        });
        var health = result.generatorHealth();
        assertThat(health.droppedBehindSchedule()).as("%s", health).isGreaterThanOrEqualTo(10);
        assertThat(health.invalid()).isTrue();
        assertThat(health.reasons()).anySatisfy(r -> assertThat(r).contains("behind its schedule", "measured: its own process used"));
    }

    @Test
    void withoutAStallNothingIsDroppedBehindSchedule() {
        RunResult result = run(spec(scenario("steady", new ExecutorSpec.ConstantArrivalRate(100, Duration.ofSeconds(1), ms(2000), 1, 1),
                ms(1000), vu -> Thread.sleep(1))));
        var health = result.generatorHealth();
        // On a machine whose other processes take the CPU (or with a long GC pause) the scheduler does fall behind,
        // and the self-check rightly says so: this control is about a calm machine, measured by the same watch.
        org.junit.jupiter.api.Assumptions.assumeTrue(health.otherCpuAvgFraction() + health.stealAvgFraction()
                < GeneratorHealth.OTHER_CPU_SUSPECT_FRACTION && health.gcPauseMaxMillis() < GeneratorHealth.GC_SUSPECT_MILLIS_PER_SECOND,
                "machine busy: " + health);
        assertThat(health.droppedBehindSchedule()).as("%s", health).isZero();
        assertThat(health.reasons()).noneMatch(r -> r.contains("behind its schedule"));
    }

    @Test
    void rampingArrivalRateFollowsItsStages() {
        // 0 -> 100/s over 1 s (50 events), then 100/s for 1 s (100 events)
        RunResult result = run(spec(scenario("ramp", new ExecutorSpec.RampingArrivalRate(0, Duration.ofSeconds(1),
                List.of(new Stage(ms(1000), 100), new Stage(ms(1000), 100)), 5, 20), ms(1000), vu -> Thread.sleep(2))));
        assertThat(count(result, BuiltinMetrics.ITERATIONS) + count(result, BuiltinMetrics.DROPPED_ITERATIONS)).isEqualTo(150);
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isGreaterThanOrEqualTo(145);
    }

    @Test
    void openModelIterationDurationCountsFromTheIntendedStart() {
        // no pre-allocated VUs and a slow VU start-up: the first iterations wait 250 ms for their VU, and that
        // wait belongs in iteration_duration (coordinated omission), not in the service time
        ScenarioRun s = new ScenarioRun(new ScenarioSpec("cold", new ExecutorSpec.ConstantArrivalRate(20, Duration.ofSeconds(1), ms(1000), 0, 3),
                null, ms(1000), Map.of()), vu -> {
            Thread.sleep(250);
            return ctx -> Thread.sleep(5);
        });
        RunResult result = run(spec(s));
        SeriesStats.TrendStats total = trend(result, BuiltinMetrics.ITERATION_DURATION);
        SeriesStats.TrendStats service = trend(result, BuiltinMetrics.ITERATION_SERVICE_DURATION);
        SeriesStats.TrendStats lag = trend(result, BuiltinMetrics.SCHEDULE_LAG);
        assertThat(total.max()).isGreaterThanOrEqualTo(245);
        assertThat(lag.max()).isGreaterThanOrEqualTo(240);
        assertThat(service.max()).isLessThan(200);
        assertThat(total.p99()).isGreaterThan(service.p99() + 150);
        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
    }

    @Test
    void measuresFromTheIntendedStartWhenTheGeneratorStalls() {
        // a 300 ms stall of the generator (as a GC pause would be): the iterations due during it start late,
        // all at once, and each is measured from when it was due
        StallingClock clock = new StallingClock();
        RunSpec spec = spec(scenario("stall", new ExecutorSpec.ConstantArrivalRate(100, Duration.ofSeconds(1), ms(2000), 50, 50),
                ms(1000), vu -> Thread.sleep(2)));
        RunResult result = new Engine(clock).run(spec, new RunListener() {
            @Override
            public void onInterval(io.headroom.core.metric.IntervalPoint point) {
                if (point.offsetMillis() < 1500) clock.stall(ms(300));
            }
        });
        SeriesStats.TrendStats total = trend(result, BuiltinMetrics.ITERATION_DURATION);
        SeriesStats.TrendStats service = trend(result, BuiltinMetrics.ITERATION_SERVICE_DURATION);
        assertThat(trend(result, BuiltinMetrics.SCHEDULE_LAG).max()).isGreaterThanOrEqualTo(250);
        assertThat(total.p99()).isGreaterThan(150);
        assertThat(service.p99()).isLessThan(100);
        assertThat(count(result, BuiltinMetrics.ITERATIONS) + count(result, BuiltinMetrics.DROPPED_ITERATIONS)).isEqualTo(200);
    }

    @Test
    void aBusyVuDropsIterationsInsteadOfHidingThem() {
        // k6 semantics: one VU, 50/s, 100 ms iterations: no queue builds up behind the busy VU; the missed
        // starts are counted as dropped_iterations, so the result shows the generator could not keep the rate
        RunResult result = run(spec(scenario("one", new ExecutorSpec.ConstantArrivalRate(50, Duration.ofSeconds(1), ms(1000), 1, 1),
                ms(1000), vu -> Thread.sleep(100))));
        double iterations = count(result, BuiltinMetrics.ITERATIONS);
        assertThat(iterations + count(result, BuiltinMetrics.DROPPED_ITERATIONS)).isEqualTo(50);
        assertThat(iterations).isBetween(5.0, 11.0);
    }

    /** The system clock plus an offset that a test can jump forward. */
    private static final class StallingClock implements io.headroom.core.time.NanoClock {
        private volatile long offsetNanos;

        @Override
        public long nanoTime() {
            return System.nanoTime() + offsetNanos;
        }

        void stall(Duration d) {
            offsetNanos += d.toNanos();
        }
    }

    @Test
    void iterationsStillRunningAtTheEndGetGracefulStopThenAreInterrupted() {
        RunResult result = run(spec(scenario("stuck", new ExecutorSpec.ConstantArrivalRate(5, Duration.ofSeconds(1), ms(400), 2, 2),
                ms(300), vu -> Thread.sleep(60_000))));
        assertThat(count(result, BuiltinMetrics.INTERRUPTED_ITERATIONS)).isEqualTo(2);
        assertThat(count(result, BuiltinMetrics.DROPPED_ITERATIONS)).isEqualTo(0);
        assertThat(result.info().duration()).isLessThan(Duration.ofSeconds(10));
    }
}
