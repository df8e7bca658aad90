package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalHistory;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.metric.Tags;
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
import java.util.Optional;

/**
 * The end of a run: the {@link RunResult} assembled from what the {@link Engine}'s run measured, once its last
 * interval is closed. Evaluates every threshold, sums the scenarios' counts, and puts the run's warnings and
 * limits reached into the result's metadata. Used once, on the engine's calling thread; not thread-safe.
 */
final class ResultAssembly {
    private final RunSpec spec;
    private final ThresholdEvaluator thresholds;
    private final MetricRegistry registry;
    private final List<ScenarioRuntime> scenarios;

    ResultAssembly(RunSpec spec, ThresholdEvaluator thresholds, MetricRegistry registry, List<ScenarioRuntime> scenarios) {
        this.spec = spec;
        this.thresholds = thresholds;
        this.registry = registry;
        this.scenarios = scenarios;
    }

    /** The result; {@code stop} is null when nothing stopped the run, {@code warnings} (engine, listener and sampler errors) join the metadata. */
    RunResult result(RunControl.StopRequest stop, Map<String, String> warnings, IntervalHistory intervals, GeneratorWatch watch,
                     Instant startedAt, long durationNanos) {
        RunOutcome outcome = stop == null ? RunOutcome.COMPLETED : stop.reason();
        List<ThresholdResult> thresholdResults = thresholds.evaluateAll(registry);
        List<RunInfo.ScenarioInfo> infos = new ArrayList<>();
        int abandoned = 0;
        long droppedOpenModel = 0;
        long droppedBehindSchedule = 0;
        long arrivals = 0;
        List<VuShortage> shortages = new ArrayList<>();
        for (ScenarioRuntime s : scenarios) {
            droppedBehindSchedule += s.droppedBehindSchedule.sum();
            if (s.executor instanceof ArrivalRateExecutor arrival) {
                arrivals += arrival.arrivalsDue();
                droppedOpenModel += s.droppedIterations.sum();
            }
            vuShortage(s).ifPresent(shortages::add);
            infos.add(new RunInfo.ScenarioInfo(s.name, s.spec.executor().type(), s.openModel, s.createdVus.get(),
                    s.completedIterations.sum(), s.droppedIterations.sum(), io.headroom.core.plan.ScenarioOptions.of(s.spec)));
            abandoned += s.abandonedVus;
            if (s.failure != null) warnings.putIfAbsent("headroom.engineError", s.failure.toString());
        }
        Map<String, String> metadata = new LinkedHashMap<>(spec.metadata());
        if (!spec.segment().isFull()) metadata.put("headroom.executionSegment", spec.segment().toString());
        long clamped = registry.clampedTrendValues();
        if (clamped > 0) metadata.put("headroom.clampedTrendValues", Long.toString(clamped));
        if (abandoned > 0) metadata.put("headroom.abandonedVus", Integer.toString(abandoned));
        List<String> capped = registry.cappedMetrics();
        if (!capped.isEmpty()) {
            metadata.put(Engine.SERIES_CAP_METADATA, String.join(", ", capped) + ": " + Engine.seriesCapWarning(capped.getFirst(), registry.maxSeriesPerMetric()));
        }
        if (registry.exemplarEndpointsCapped()) {
            metadata.put(Engine.EXEMPLARS_CAPPED_METADATA, "more than " + MetricRegistry.MAX_EXEMPLAR_ENDPOINTS
                    + " endpoints sent trace context; the slowest requests are kept for the first "
                    + MetricRegistry.MAX_EXEMPLAR_ENDPOINTS + " only (docs/limits.md)");
        }
        metadata.putAll(warnings);
        if (intervals.compactions() > 0) {
            metadata.put(Engine.INTERVALS_COMPACTED_METADATA, "the per-second history passed "
                    + IntervalHistory.DEFAULT_MAX_SERIES_POINTS + " series-points and was compacted "
                    + intervals.compactions() + " time(s): each interval covers up to " + (1L << intervals.compactions())
                    + " s; totals are exact, per-interval percentiles are upper bounds (docs/limits.md)");
        }
        RunInfo info = new RunInfo(spec.name(), startedAt, Duration.ofNanos(durationNanos), infos, metadata);
        Optional<SeriesStats.TrendStats> lag = registry.aggregate(BuiltinMetrics.SCHEDULE_LAG, Tags.empty())
                .filter(st -> st instanceof SeriesStats.TrendStats t && t.count() > 0)
                .map(st -> (SeriesStats.TrendStats) st);
        double lagP99 = lag.map(t -> t.percentile(99)).orElse(0.0);
        long boundMicros = (long) (GeneratorHealth.MAX_SCHEDULE_LAG_P99_MILLIS * SeriesStats.TrendStats.HISTOGRAM_SCALE);
        long late = lag.map(t -> t.count() - t.histogram().getCountBetweenValues(0, boundMicros)).orElse(0L);
        return new RunResult(info, outcome, registry.results(), registry.checkResults(), thresholdResults, intervals.points(),
                watch.health(lagP99, late, droppedOpenModel, droppedBehindSchedule, arrivals, shortages,
                        LagAttribution.causes(registry, scenarios)), registry.errorSamples(),
                registry.exemplars(), List.of());
    }

    /** The arrivals an arrival-rate scenario dropped on time, for want of a VU: the plan's maxVUs, not the generator. */
    private Optional<VuShortage> vuShortage(ScenarioRuntime s) {
        long onTime = s.droppedIterations.sum() - s.droppedBehindSchedule.sum();
        if (onTime <= 0 || !(s.executor instanceof ArrivalRateExecutor arrival)) return Optional.empty();
        double p99 = registry.aggregate(BuiltinMetrics.ITERATION_DURATION, Tags.of("scenario", s.name))
                .filter(st -> st instanceof SeriesStats.TrendStats t && t.count() > 0)
                .map(st -> ((SeriesStats.TrendStats) st).percentile(99)).orElse(Double.NaN);
        return Optional.of(new VuShortage(s.name, onTime, arrival.planMaxVus(), arrival.peakRatePerSecond(), p99));
    }
}
