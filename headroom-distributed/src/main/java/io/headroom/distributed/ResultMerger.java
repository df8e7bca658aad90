package io.headroom.distributed;

import io.headroom.core.engine.RunSpec;
import io.headroom.core.engine.ScenarioRun;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.AgentResult;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.VuShortage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one {@link RunResult} of a distributed run: series, checks and thresholds from the coordinator's registry
 * of merged snapshots (exact), scenario totals from the same counters, the agents' own reports (generator health,
 * error samples, metadata) combined, and one {@link AgentResult} per agent. Stateless.
 */
final class ResultMerger {
    private ResultMerger() {}

    static RunResult merge(RunSpec spec, MetricRegistry registry, List<IntervalPoint> intervals, List<ThresholdResult> thresholds,
                           List<AgentSlot> slots, RunOutcome stopReason, String lostMessage, long startEpochNanos,
                           long coordinatorNanos, int agents) {
        Map<String, Integer> maxVus = new LinkedHashMap<>();
        for (AgentSlot s : slots) {
            for (Messages.Progress p : s.progress) maxVus.merge(p.scenario(), p.maxVus(), Integer::sum);
        }
        List<RunInfo.ScenarioInfo> scenarios = new ArrayList<>();
        for (ScenarioRun run : spec.scenarios()) {
            String name = run.spec().name();
            scenarios.add(new RunInfo.ScenarioInfo(name, run.spec().executor().type(), run.spec().executor().openModel(),
                    maxVus.getOrDefault(name, 0), count(registry, BuiltinMetrics.ITERATIONS, name),
                    count(registry, BuiltinMetrics.DROPPED_ITERATIONS, name), io.headroom.core.plan.ScenarioOptions.of(run.spec())));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        long durationNanos = 0;
        List<GeneratorHealth> healths = new ArrayList<>();
        List<AgentResult> agentResults = new ArrayList<>();
        Map<String, ErrorSample> samples = new TreeMap<>();
        for (AgentSlot s : slots) {
            Messages.Done d = s.done;
            GeneratorHealth health = d == null || d.health() == null ? GeneratorHealth.NOT_MEASURED : d.health();
            if (d != null) {
                durationNanos = Math.max(durationNanos, d.durationNanos());
                if (d.metadata() != null) d.metadata().forEach(metadata::putIfAbsent);
                if (d.errorSamples() != null) for (ErrorSample e : d.errorSamples()) samples.merge(e.code(), e, ResultMerger::addSamples);
            }
            healths.add(health);
            AgentResult.State state = s.state == AgentSlot.State.LOST ? AgentResult.State.LOST
                    : d != null && "completed".equals(d.outcome()) ? AgentResult.State.COMPLETED : AgentResult.State.STOPPED;
            agentResults.add(new AgentResult(s.index, s.host, s.segment.toString(), state,
                    d == null ? Double.NaN : d.startOffsetMillis(), health));
        }
        metadata.remove("headroom.executionSegment");
        metadata.putAll(spec.metadata());
        metadata.put("headroom.agents", Integer.toString(agents));
        if (lostMessage != null) metadata.put(Coordinator.AGENT_LOST_KEY, lostMessage);
        if (durationNanos == 0) durationNanos = coordinatorNanos;
        Instant startedAt = Instant.ofEpochSecond(0, startEpochNanos);
        RunInfo info = new RunInfo(spec.name(), startedAt, Duration.ofNanos(durationNanos), scenarios, metadata);
        RunOutcome outcome = stopReason == null ? RunOutcome.COMPLETED : stopReason;
        return new RunResult(info, outcome, registry.results(), registry.checkResults(), thresholds, intervals,
                health(healths, registry), new ArrayList<>(samples.values()), List.of(), agentResults);
    }

    private static long count(MetricRegistry registry, String metric, String scenario) {
        return registry.aggregate(metric, Tags.of("scenario", scenario))
                .map(st -> (long) ((SeriesStats.CounterStats) st).count()).orElse(0L);
    }

    private static ErrorSample addSamples(ErrorSample a, ErrorSample b) {
        ErrorSample first = a.firstSeenOffsetMillis() <= b.firstSeenOffsetMillis() ? a : b;
        return new ErrorSample(a.code(), first.message(), a.count() + b.count(), first.firstSeenOffsetMillis());
    }

    /**
     * The run's self-check: invalid when any agent's was (each reason names its agent); lag p99 of the merged
     * {@code headroom_schedule_lag} histogram; counts add; CPU, GC and steal are the busiest agent's.
     */
    static GeneratorHealth health(List<GeneratorHealth> healths, MetricRegistry registry) {
        boolean measured = false;
        double lagP99 = 0, cpuMax = 0, cpuAvg = 0, other = 0, steal = 0, gcTotal = 0, gcMax = 0;
        long late = 0, dropped = 0, behind = 0;
        int processors = 0;
        List<VuShortage> shortages = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < healths.size(); i++) {
            GeneratorHealth h = healths.get(i);
            if (!h.measured()) continue;
            measured = true;
            lagP99 = Math.max(lagP99, h.scheduleLagP99Millis());
            cpuMax = Math.max(cpuMax, h.cpuMaxFraction());
            cpuAvg = Math.max(cpuAvg, h.cpuAvgFraction());
            other = Math.max(other, h.otherCpuAvgFraction());
            steal = Math.max(steal, h.stealAvgFraction());
            gcTotal += h.gcPauseTotalMillis();
            gcMax = Math.max(gcMax, h.gcPauseMaxMillis());
            late += h.lateIterations();
            dropped += h.droppedIterations();
            behind += h.droppedBehindSchedule();
            processors = Math.max(processors, h.availableProcessors());
            shortages.addAll(h.vuShortages());
            for (String r : h.reasons()) reasons.add("agent " + i + ": " + r);
        }
        if (!measured) return GeneratorHealth.NOT_MEASURED;
        double merged = registry.aggregate(BuiltinMetrics.SCHEDULE_LAG, Tags.empty())
                .filter(st -> st instanceof SeriesStats.TrendStats t && t.count() > 0)
                .map(st -> ((SeriesStats.TrendStats) st).percentile(99)).orElse(lagP99);
        return new GeneratorHealth(true, merged, late, cpuMax, cpuAvg, other, steal, gcTotal, gcMax, dropped, behind,
                processors, shortages, reasons);
    }
}
