package io.headroom.core.result;

import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.SeriesResult;

import java.util.List;

/**
 * The immutable outcome of a run: everything reports, comparisons and analysis work on. Partial runs
 * (Ctrl-C, abortOnFail, max duration) produce a complete {@code RunResult} too, with the matching
 * {@link RunOutcome}. {@code generatorHealth} is the generator's self-check (null becomes
 * {@link GeneratorHealth#NOT_MEASURED}); {@code errorSamples} the first message per error code (null becomes
 * empty).
 */
public record RunResult(RunInfo info, RunOutcome outcome, List<SeriesResult> series, List<CheckResult> checks,
                        List<ThresholdResult> thresholds, List<IntervalPoint> intervals,
                        GeneratorHealth generatorHealth, List<ErrorSample> errorSamples) {
    public RunResult {
        series = List.copyOf(series);
        checks = List.copyOf(checks);
        thresholds = List.copyOf(thresholds);
        intervals = List.copyOf(intervals);
        generatorHealth = generatorHealth == null ? GeneratorHealth.NOT_MEASURED : generatorHealth;
        errorSamples = errorSamples == null ? List.of() : List.copyOf(errorSamples);
    }

    /** A result without error samples, as before they were recorded. */
    public RunResult(RunInfo info, RunOutcome outcome, List<SeriesResult> series, List<CheckResult> checks,
                     List<ThresholdResult> thresholds, List<IntervalPoint> intervals, GeneratorHealth generatorHealth) {
        this(info, outcome, series, checks, thresholds, intervals, generatorHealth, List.of());
    }

    /** A result without self-check data ({@link GeneratorHealth#NOT_MEASURED}), as before the self-check existed. */
    public RunResult(RunInfo info, RunOutcome outcome, List<SeriesResult> series, List<CheckResult> checks,
                     List<ThresholdResult> thresholds, List<IntervalPoint> intervals) {
        this(info, outcome, series, checks, thresholds, intervals, GeneratorHealth.NOT_MEASURED);
    }

    /** This result with {@code health} as its self-check. */
    public RunResult withGeneratorHealth(GeneratorHealth health) {
        return new RunResult(info, outcome, series, checks, thresholds, intervals, health, errorSamples);
    }

    /** This result with {@code samples} as its error samples. */
    public RunResult withErrorSamples(List<ErrorSample> samples) {
        return new RunResult(info, outcome, series, checks, thresholds, intervals, generatorHealth, samples);
    }

    /** True when no threshold was crossed. Thresholds without data count as held, as in k6. */
    public boolean thresholdsHeld() {
        return thresholds.stream().noneMatch(t -> t.verdict() instanceof ThresholdVerdict.Crossed);
    }
}
