package io.headroom.core.result;

import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.metric.Exemplar;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;

import java.util.List;

/**
 * The immutable outcome of a run: everything reports, comparisons and analysis work on. Partial runs
 * (Ctrl-C, abortOnFail, max duration) produce a complete {@code RunResult} too, with the matching
 * {@link RunOutcome}. {@code generatorHealth} is the generator's self-check (null becomes
 * {@link GeneratorHealth#NOT_MEASURED}); {@code errorSamples} the first message per error code (null becomes
 * empty); {@code exemplars} the slowest requests per endpoint with their trace ids, by endpoint, slowest first
 * (empty unless the run sent trace context; null becomes empty); {@code agents} the generators of a distributed
 * run, by index (null becomes empty: a single-process run).
 */
public record RunResult(RunInfo info, RunOutcome outcome, List<SeriesResult> series, List<CheckResult> checks,
                        List<ThresholdResult> thresholds, List<IntervalPoint> intervals,
                        GeneratorHealth generatorHealth, List<ErrorSample> errorSamples, List<Exemplar> exemplars,
                        List<AgentResult> agents) {
    public RunResult {
        exemplars = exemplars == null ? List.of() : List.copyOf(exemplars);
        series = List.copyOf(series);
        checks = List.copyOf(checks);
        thresholds = List.copyOf(thresholds);
        intervals = List.copyOf(intervals);
        generatorHealth = generatorHealth == null ? GeneratorHealth.NOT_MEASURED : generatorHealth;
        errorSamples = errorSamples == null ? List.of() : List.copyOf(errorSamples);
        agents = agents == null ? List.of() : List.copyOf(agents);
    }

    /** A result of one process without exemplars, as before trace context and agents existed. */
    public RunResult(RunInfo info, RunOutcome outcome, List<SeriesResult> series, List<CheckResult> checks,
                     List<ThresholdResult> thresholds, List<IntervalPoint> intervals, GeneratorHealth generatorHealth,
                     List<ErrorSample> errorSamples) {
        this(info, outcome, series, checks, thresholds, intervals, generatorHealth, errorSamples, List.of(), List.of());
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
        return new RunResult(info, outcome, series, checks, thresholds, intervals, health, errorSamples, exemplars, agents);
    }

    /** This result with {@code samples} as its error samples. */
    public RunResult withErrorSamples(List<ErrorSample> samples) {
        return new RunResult(info, outcome, series, checks, thresholds, intervals, generatorHealth, samples, exemplars, agents);
    }

    /** This result with {@code value} as its exemplars. */
    public RunResult withExemplars(List<Exemplar> value) {
        return new RunResult(info, outcome, series, checks, thresholds, intervals, generatorHealth, errorSamples, value, agents);
    }

    /** This result with {@code agentResults} as its agents. */
    public RunResult withAgents(List<AgentResult> agentResults) {
        return new RunResult(info, outcome, series, checks, thresholds, intervals, generatorHealth, errorSamples, exemplars, agentResults);
    }

    /**
     * The untagged aggregate of trend metric {@code metric}, in the metric's unit (milliseconds for time),
     * for assertions: {@code result.trend("http_req_duration").p(99)}.
     *
     * @throws IllegalArgumentException when the run recorded no such trend
     */
    public SeriesStats.TrendStats trend(String metric) {
        return aggregate(metric, SeriesStats.TrendStats.class);
    }

    /**
     * The untagged aggregate of counter metric {@code metric} ({@code http_reqs}, {@code iterations}, ...).
     *
     * @throws IllegalArgumentException when the run recorded no such counter
     */
    public SeriesStats.CounterStats counter(String metric) {
        return aggregate(metric, SeriesStats.CounterStats.class);
    }

    /**
     * The untagged aggregate of rate metric {@code metric} ({@code http_req_failed}, {@code checks}, ...).
     *
     * @throws IllegalArgumentException when the run recorded no such rate
     */
    public SeriesStats.RateStats rate(String metric) {
        return aggregate(metric, SeriesStats.RateStats.class);
    }

    private <T extends SeriesStats> T aggregate(String metric, Class<T> kind) {
        for (SeriesResult s : series) {
            if (s.metric().equals(metric) && s.tags().isEmpty() && kind.isInstance(s.stats())) return kind.cast(s.stats());
        }
        throw new IllegalArgumentException("the run recorded no " + kind.getSimpleName().replace("Stats", "").toLowerCase(java.util.Locale.ROOT)
                + " metric named " + metric + "; recorded: " + series.stream().filter(s -> s.tags().isEmpty())
                .map(SeriesResult::metric).distinct().sorted().toList());
    }

    /** True when no threshold was crossed. Thresholds without data count as held, as in k6. */
    public boolean thresholdsHeld() {
        return thresholds.stream().noneMatch(t -> t.verdict() instanceof ThresholdVerdict.Crossed);
    }
}
