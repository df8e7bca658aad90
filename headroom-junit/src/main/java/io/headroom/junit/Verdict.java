package io.headroom.junit;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.ValueType;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.metric.Exemplar;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A load test's verdict on a finished run, in the CLI's precedence (interrupted, then stopped on a repeated
 * error, then invalid run, then crossed thresholds) with one rule of its own: a run where most iterations threw fails with the first
 * error, because such a run measured the script's failure rather than the target. Stateless.
 */
final class Verdict {
    private Verdict() {}

    /** Why the test fails, as its assertion message; empty when it passes. */
    static Optional<String> failure(RunResult result, String planName, boolean acceptInvalidRun) {
        String where = "plan '" + planName + "'";
        if (result.outcome() == RunOutcome.INTERRUPTED) return Optional.of(where + ": the run was interrupted");
        if (result.outcome() == RunOutcome.ABORTED_ON_REPEATED_ERROR) {
            // Nothing answered: without this a plan with no thresholds would pass against a target that is not there.
            return Optional.of(where + ": stopped early: " + result.info().metadata().getOrDefault(
                    io.headroom.core.engine.Engine.STOPPED_EARLY_KEY, "every request failed with the same error"));
        }
        if (result.generatorHealth().invalid() && !acceptInvalidRun) {
            return Optional.of(where + ": invalid run, the generator was the bottleneck, not (only) the target:\n  "
                    + String.join("\n  ", result.generatorHealth().reasons()));
        }
        Optional<String> errors = iterationErrors(result);
        if (errors.isPresent()) return Optional.of(where + ": " + errors.get());
        List<ThresholdResult> crossed = result.thresholds().stream()
                .filter(t -> t.verdict() instanceof ThresholdVerdict.Crossed).toList();
        if (crossed.isEmpty()) return Optional.empty();
        StringBuilder message = new StringBuilder(where).append(": ").append(crossed.size()).append(" of ")
                .append(result.thresholds().size()).append(result.thresholds().size() == 1 ? " threshold" : " thresholds")
                .append(" crossed");
        for (ThresholdResult t : crossed) {
            double actual = ((ThresholdVerdict.Crossed) t.verdict()).actual();
            message.append("\n  ").append(t.spec()).append("  measured ").append(measured(result, t, actual));
            // as the reports say it: evaluated on k6's value of an empty series
            if (t.verdict().noData()) message.append(" (no data — no sample matched this selector)");
        }
        if (crossed.stream().anyMatch(t -> t.spec().metric().equals(BuiltinMetrics.HTTP_REQ_DURATION))) {
            slowestTraces(result, message);
        }
        return Optional.of(message.toString());
    }

    /** How many of the slowest traced requests a crossed latency threshold's message names. */
    static final int TRACES_IN_MESSAGE = 3;

    /**
     * The slowest requests of the run with their trace ids (with {@code http.traceContext}), so a latency failure
     * leads straight to the traces: through the plan's link template when it has one.
     */
    private static void slowestTraces(RunResult result, StringBuilder message) {
        List<Exemplar> slowest = result.exemplars().stream()
                .sorted(Comparator.comparingDouble(Exemplar::durationMillis).reversed()).limit(TRACES_IN_MESSAGE).toList();
        if (slowest.isEmpty()) return;
        String template = result.info().metadata().get(Exemplar.LINK_TEMPLATE_METADATA);
        message.append("\n  slowest requests, with their trace ids:");
        for (Exemplar e : slowest) {
            message.append("\n    ").append(e.endpoint().get("method")).append(' ').append(e.endpoint().get("name"))
                    .append("  ").append(new BigDecimal(e.durationMillis()).round(new MathContext(4)).stripTrailingZeros()
                            .toPlainString()).append(" ms  ")
                    .append(template != null && template.contains(Exemplar.TRACE_ID_PLACEHOLDER) ? e.link(template) : e.traceId());
        }
    }

    /** "most iterations failed" with the first error, when more than half of the iterations threw. */
    static Optional<String> iterationErrors(RunResult result) {
        double errors = count(result, BuiltinMetrics.ITERATION_ERRORS);
        double iterations = count(result, BuiltinMetrics.ITERATIONS);
        double total = Math.max(iterations, errors);
        if (errors == 0 || errors * 2 <= total) return Optional.empty();
        String first = result.errorSamples().stream().filter(ErrorSample::iterationError)
                .min(Comparator.comparingLong(ErrorSample::firstSeenOffsetMillis))
                .map(e -> e.message().isEmpty() ? e.code().substring(ErrorSample.ITERATION_PREFIX.length()) : e.message())
                .orElse("(no message recorded)");
        return Optional.of(String.format(Locale.ROOT, "%.0f of %.0f iterations failed; the first error: %s",
                errors, total, first));
    }

    private static double count(RunResult result, String metric) {
        return result.series().stream()
                .filter(s -> s.metric().equals(metric) && s.tags().isEmpty())
                .map(SeriesResult::stats)
                .mapToDouble(s -> s instanceof SeriesStats.CounterStats c ? c.count() : 0)
                .sum();
    }

    /** The measured value in the unit the threshold's bound is written in. */
    private static String measured(RunResult result, ThresholdResult t, double actual) {
        boolean time = result.series().stream()
                .anyMatch(s -> s.metric().equals(t.spec().metric()) && s.valueType() == ValueType.TIME);
        String unit = time && t.spec().expr().inMetricUnit() ? " ms" : "";
        if (!Double.isFinite(actual)) return actual + unit;
        return new BigDecimal(actual).round(new MathContext(4)).stripTrailingZeros().toPlainString() + unit;
    }
}
