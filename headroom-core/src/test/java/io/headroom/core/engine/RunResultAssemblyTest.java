package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.plan.ExecutionSegment;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.headroom.core.engine.EngineFixtures.count;
import static io.headroom.core.engine.EngineFixtures.ms;
import static io.headroom.core.engine.EngineFixtures.run;
import static io.headroom.core.engine.EngineFixtures.scenario;
import static org.assertj.core.api.Assertions.assertThat;

class RunResultAssemblyTest {

    @Test
    void resultHoldsSeriesAggregatesChecksIntervalsAndScenarioInfo() {
        List<List<ScenarioProgress>> progress = new CopyOnWriteArrayList<>();
        List<IntervalPoint> points = new CopyOnWriteArrayList<>();
        ScenarioRun shop = new ScenarioRun(new ScenarioSpec("shop", new ExecutorSpec.ConstantVus(2, ms(1500)), null, ms(1000),
                Map.of("team", "checkout")), vu -> {
            var ok = vu.metrics().rate(BuiltinMetrics.CHECKS, vu.tags().with("check", "status is 200"));
            var body = vu.metrics().rate(BuiltinMetrics.CHECKS, vu.tags().with("check", "has body").with("group", "cart"));
            var reqs = vu.metrics().counter(BuiltinMetrics.HTTP_REQS, ValueType.DEFAULT, vu.tags().with("status", "200"));
            var duration = vu.metrics().trend(BuiltinMetrics.HTTP_REQ_DURATION, ValueType.TIME, vu.tags());
            return ctx -> {
                reqs.add(1);
                duration.record(12.5);
                ok.add(true);
                body.add(ctx.iteration() % 2 == 0);
                ctx.sleep(ms(50));
            };
        });
        Instant before = Instant.now();
        RunResult result = new Engine().run(new RunSpec("assembly", List.of(shop), List.of(), null, Map.of("plan", "shop.yaml")),
                new RunListener() {
                    @Override
                    public void onProgress(List<ScenarioProgress> scenarios) {
                        progress.add(scenarios);
                    }

                    @Override
                    public void onInterval(IntervalPoint point) {
                        points.add(point);
                    }
                });

        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(result.info().name()).isEqualTo("assembly");
        assertThat(result.info().startedAt()).isAfterOrEqualTo(before);
        assertThat(result.info().duration()).isGreaterThanOrEqualTo(ms(1500));
        assertThat(result.info().metadata()).containsEntry("plan", "shop.yaml");
        assertThat(result.info().scenarios()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("shop");
            assertThat(s.executor()).isEqualTo("constant-vus");
            assertThat(s.maxVus()).isEqualTo(2);
        });

        // every tagged series carries the scenario's tags, and each metric has its untagged aggregate
        Tags scenarioTags = Tags.of("scenario", "shop", "team", "checkout");
        assertThat(result.series()).anyMatch(s -> s.metric().equals("iterations") && s.tags().isEmpty());
        assertThat(result.series()).anyMatch(s -> s.metric().equals("iterations") && s.tags().equals(scenarioTags));
        assertThat(result.series()).filteredOn(s -> !s.tags().isEmpty() && !s.metric().startsWith("vus"))
                .allMatch(s -> s.tags().matches(scenarioTags));
        double iterations = count(result, BuiltinMetrics.ITERATIONS);
        assertThat(count(result, BuiltinMetrics.HTTP_REQS)).isEqualTo(iterations);
        assertThat(result.series()).extracting(SeriesResult::metric).contains("vus", "vus_max", "iteration_duration", "checks");

        assertThat(result.checks()).extracting(CheckResult::name, CheckResult::group)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("status is 200", ""), org.assertj.core.groups.Tuple.tuple("has body", "cart"));
        assertThat(result.checks().getFirst().passes()).isEqualTo((long) iterations);
        assertThat(result.checks().get(1).passes() + result.checks().get(1).fails()).isEqualTo((long) iterations);

        // one point a second plus the last partial one, handed to the listener as well
        assertThat(result.intervals()).hasSizeBetween(2, 3);
        assertThat(points).isEqualTo(result.intervals());
        IntervalPoint firstSecond = result.intervals().getFirst();
        assertThat(firstSecond.offsetMillis()).isBetween(950L, 1500L);
        assertThat(firstSecond.series()).anyMatch(s -> s.metric().equals("http_reqs") && s.tags().isEmpty() && s.count() > 0);
        assertThat(firstSecond.series()).anyMatch(s -> s.metric().equals("vus") && s.last() == 2);

        ScenarioProgress live = progress.getFirst().getFirst();
        assertThat(live.scenario()).isEqualTo("shop");
        assertThat(live.state()).isEqualTo(ScenarioProgress.State.RUNNING);
        assertThat(live.activeVus()).isEqualTo(2);
        assertThat(live.planned()).isEqualTo(ms(1500));
        assertThat(live.requestsPerSecond()).isGreaterThan(5);
        assertThat(live.p95Millis()).isBetween(12.0, 13.0);
        assertThat(progress.getLast().getFirst().state()).isEqualTo(ScenarioProgress.State.DONE);
    }

    @Test
    void segmentsTogetherRunTheWholePlan() {
        List<ScenarioRun> scenarios = new ArrayList<>();
        Set<Integer> vuIds = ConcurrentHashMap.newKeySet();
        Set<Long> sharedNumbers = ConcurrentHashMap.newKeySet();
        scenarios.add(scenario("per-vu", new ExecutorSpec.PerVuIterations(5, 3, Duration.ofSeconds(10)), ms(500),
                vu -> vuIds.add(vu.vuIdInScenario())));
        scenarios.add(scenario("shared", new ExecutorSpec.SharedIterations(4, 101, Duration.ofSeconds(10)), ms(500),
                vu -> sharedNumbers.add(vu.iterationInScenario())));
        scenarios.add(scenario("rate", new ExecutorSpec.ConstantArrivalRate(100, Duration.ofSeconds(1), ms(1000), 4, 10), ms(500),
                vu -> Thread.sleep(1)));
        RunSpec whole = new RunSpec("split", scenarios, List.of(), null, null);

        double perVu = 0, shared = 0, rate = 0;
        for (String segment : new String[] {"0:1/2", "1/2:1"}) {
            RunResult part = run(whole.withSegment(ExecutionSegment.parse(segment)));
            assertThat(part.info().metadata()).containsEntry("headroom.executionSegment", segment);
            perVu += count(part, BuiltinMetrics.ITERATIONS, Tags.of("scenario", "per-vu"));
            shared += count(part, BuiltinMetrics.ITERATIONS, Tags.of("scenario", "shared"));
            rate += count(part, BuiltinMetrics.ITERATIONS, Tags.of("scenario", "rate"))
                    + count(part, BuiltinMetrics.DROPPED_ITERATIONS, Tags.of("scenario", "rate"));
        }
        assertThat(perVu).isEqualTo(15);
        assertThat(shared).isEqualTo(101);
        assertThat(rate).isEqualTo(100);
        assertThat(vuIds).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(sharedNumbers).hasSize(101);
    }

    @Test
    void aFailingListenerDoesNotBreakTheRun() {
        RunResult result = new Engine().run(EngineFixtures.spec(scenario("x", new ExecutorSpec.ConstantVus(1, ms(1200)), ms(100),
                vu -> vu.sleep(ms(10)))), new RunListener() {
            @Override
            public void onProgress(List<ScenarioProgress> scenarios) {
                throw new IllegalStateException("listener bug");
            }
        });
        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(result.info().metadata()).containsKey("headroom.listenerError");
        assertThat(count(result, BuiltinMetrics.ITERATIONS)).isGreaterThan(10);
    }
}
