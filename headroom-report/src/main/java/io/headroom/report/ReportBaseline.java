package io.headroom.report;

import io.headroom.analysis.compare.Comparison;
import io.headroom.core.result.RunResult;

import java.util.Objects;

/**
 * A baseline run drawn into the report beside the run: its result (for the overlaid curves and its key numbers) and
 * the {@link Comparison} of the two, made once by the caller exactly as {@code headroom compare} makes it, so the
 * report shows that verdict and never a second one of its own. Immutable.
 *
 * @param result     the baseline run
 * @param comparison baseline → this run ({@link Comparison#beforeName()} names the baseline)
 */
public record ReportBaseline(RunResult result, Comparison comparison) {
    public ReportBaseline {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(comparison, "comparison");
    }
}
