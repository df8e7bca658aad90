package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesStats.TrendStats;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The run as every report format shows it, built once from the {@link RunResult} and the findings: the outcome
 * words, key numbers, threshold rows, endpoints, error groups and samples, checks, generator health, findings and
 * extra sections. Formats read this, never each other; {@link #result()} stays available to those that write
 * the raw data (the JSON summary, the CSV, the charts). Immutable.
 *
 * @param errorSamples the first message per error code, most frequent first
 * @param scheduleLag  {@code headroom_schedule_lag} of the whole run, when any was recorded
 * @param baseline     a run to compare with, drawn into the HTML report; empty for the run alone
 */
public record RunReport(RunResult result, OutcomeText outcome, KeyNumbers numbers, List<ThresholdRow> thresholds,
                        List<EndpointSummary> endpoints, List<ErrorGroup> errorGroups, List<ErrorSample> errorSamples,
                        List<CheckResult> checks, List<RunInfo.ScenarioInfo> scenarios, GeneratorHealth generatorHealth,
                        Optional<TrendStats> scheduleLag, List<ReportFinding> findings, List<ReportSection> sections,
                        Optional<ReportBaseline> baseline) {

    public RunReport {
        Objects.requireNonNull(result, "result");
        thresholds = List.copyOf(thresholds);
        endpoints = List.copyOf(endpoints);
        errorGroups = List.copyOf(errorGroups);
        errorSamples = List.copyOf(errorSamples);
        checks = List.copyOf(checks);
        scenarios = List.copyOf(scenarios);
        findings = List.copyOf(findings);
        sections = List.copyOf(sections);
        baseline = baseline == null ? Optional.empty() : baseline;
    }

    /** The report of {@code result} with no findings and no extra sections. */
    public static RunReport of(RunResult result) {
        return of(result, List.of(), List.of());
    }

    /** The report of {@code result}; {@code findings} and {@code sections} in the order they are shown. */
    public static RunReport of(RunResult result, List<ReportFinding> findings, List<ReportSection> sections) {
        return new RunReport(result, new OutcomeText(result.outcome(), durationText(result.info())),
                KeyNumbers.of(result),
                result.thresholds().stream().map(t -> ThresholdRow.of(result, t)).toList(),
                EndpointSummary.of(result), ErrorGroup.of(result), ErrorSamples.byCount(result), result.checks(),
                result.info().scenarios(), result.generatorHealth(),
                Aggregates.aggregate(result, BuiltinMetrics.SCHEDULE_LAG)
                        .map(s -> s.stats() instanceof TrendStats t && t.count() > 0 ? t : null),
                findings, sections, Optional.empty());
    }

    /** This report with {@code baseline} (nullable: none) drawn beside the run. */
    public RunReport withBaseline(ReportBaseline baseline) {
        return new RunReport(result, outcome, numbers, thresholds, endpoints, errorGroups, errorSamples, checks, scenarios,
                generatorHealth, scheduleLag, findings, sections, Optional.ofNullable(baseline));
    }

    /** The run's name, as the plan gave it. */
    public String name() {
        return result.info().name();
    }

    /** How many thresholds were crossed. */
    public long crossedThresholds() {
        return thresholds.stream().filter(t -> t.verdict() == ThresholdRow.Verdict.CROSSED).count();
    }

    /** Iterations the generator could not start on time, over all scenarios. */
    public long droppedIterations() {
        return scenarios.stream().mapToLong(RunInfo.ScenarioInfo::droppedIterations).sum();
    }

    /** The run's duration as shown ({@code 1m30s}), {@code -} when unknown. */
    public String durationText() {
        return outcome.ranFor();
    }

    private static String durationText(RunInfo info) {
        return info.duration() == null ? "-" : Units.duration(info.duration().toNanos() / 1e6);
    }
}
