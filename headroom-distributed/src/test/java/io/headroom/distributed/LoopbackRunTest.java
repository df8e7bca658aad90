package io.headroom.distributed;

import io.headroom.core.engine.Engine;
import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.RunSpec;
import io.headroom.core.engine.ScenarioRun;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.ValueType;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.result.AgentResult;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.threshold.ThresholdSpec;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coordinator and three agents in one JVM over real loopback HTTP, each agent on its own engine: the merged
 * run issues exactly the plan's iterations, and a threshold crossed on the merged data (abortOnFail) stops
 * every agent.
 */
class LoopbackRunTest {
    private static RunSpec plan(long ratePerSecond, Duration duration, List<ThresholdSpec> thresholds) {
        ScenarioSpec scenario = new ScenarioSpec("steady", new ExecutorSpec.ConstantArrivalRate(ratePerSecond, Duration.ofSeconds(1),
                duration, 4, 10), Duration.ZERO, Duration.ofSeconds(1), Map.of());
        ScenarioRun run = new ScenarioRun(scenario, vu -> ctx -> {
            var metrics = ctx.metrics();
            metrics.counter("work_done", ValueType.DEFAULT, ctx.tags()).add(1);
            metrics.trend("work_time", ValueType.TIME, ctx.tags()).record(1 + ctx.iterationInScenario() % 50);
        });
        return new RunSpec("loopback", List.of(run), thresholds, Duration.ofSeconds(60), Map.of());
    }

    private static RunResult runDistributed(RunSpec spec, int agents) throws Exception {
        try (Coordinator coordinator = Coordinator.start(new InetSocketAddress("127.0.0.1", 0),
                new Coordinator.Config(agents, "test", "hash", Messages.RunOptions.NONE, Duration.ofSeconds(30)));
             ExecutorService pool = Executors.newFixedThreadPool(agents)) {
            String at = "127.0.0.1:" + coordinator.address().getPort();
            List<Future<Agent.Ending>> endings = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                int index = i;
                endings.add(pool.submit(() -> {
                    try (Agent agent = Agent.register(at, new Agent.Identity("test", "hash", index, "loopback", 1000 + index), 95)) {
                        return agent.run(new Engine(), spec);
                    }
                }));
            }
            RunResult result = coordinator.run(spec, RunListener.NONE);
            for (Future<Agent.Ending> e : endings) assertThat(e.get()).isEqualTo(Agent.Ending.REPORTED);
            return result;
        }
    }

    @Test
    void threeAgentsTogetherIssueExactlyThePlansIterations() throws Exception {
        RunResult r = runDistributed(plan(60, Duration.ofSeconds(3), List.of()), 3);
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.counter(BuiltinMetrics.ITERATIONS).count()).isEqualTo(180);
        assertThat(r.counter("work_done").count()).isEqualTo(180);
        assertThat(r.trend("work_time").count()).isEqualTo(180);
        assertThat(r.agents()).extracting(AgentResult::state).containsOnly(AgentResult.State.COMPLETED);
        assertThat(r.info().scenarios()).singleElement().satisfies(s -> assertThat(s.iterations()).isEqualTo(180));
        // every agent started within a few ms of the barrier instant (loopback)
        assertThat(r.agents()).allSatisfy(a -> assertThat(Math.abs(a.startOffsetMillis())).isLessThan(250));
    }

    @Test
    void aThresholdCrossedOnTheMergedDataStopsEveryAgent() throws Exception {
        // 30 a second in all, 10 per agent: only the merged count passes 40 within 2 s
        ThresholdSpec abort = ThresholdSpec.parse("work_done", "count<40", true, Duration.ZERO);
        RunResult r = runDistributed(plan(30, Duration.ofSeconds(20), List.of(abort)), 3);
        assertThat(r.outcome()).isEqualTo(RunOutcome.ABORTED_BY_THRESHOLD);
        assertThat(r.thresholdsHeld()).isFalse();
        assertThat(r.info().duration()).isLessThan(Duration.ofSeconds(12));
        assertThat(r.agents()).extracting(AgentResult::state).containsOnly(AgentResult.State.STOPPED);
    }

    @Test
    void aThresholdThatHoldsOnTheMergedDataLetsTheRunFinishNegativeControl() throws Exception {
        ThresholdSpec holds = ThresholdSpec.parse("work_done", "count<1000", true, Duration.ZERO);
        RunResult r = runDistributed(plan(30, Duration.ofSeconds(2), List.of(holds)), 3);
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.thresholdsHeld()).isTrue();
    }
}
