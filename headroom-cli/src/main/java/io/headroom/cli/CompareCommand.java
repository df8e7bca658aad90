package io.headroom.cli;

import io.headroom.analysis.compare.Comparison;
import io.headroom.analysis.compare.ComparisonOptions;
import io.headroom.analysis.compare.ComparisonReport;
import io.headroom.core.result.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code headroom compare}: the statistical regression gate between two summaries. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two run summaries with statistics; exit 99 on a regression, 98 when either run is invalid.",
                "Latency percentiles get bootstrap intervals of the log ratio from the HDR histograms, error and check "
                        + "rates a two-proportion test, throughput Welch's t-test over the steady seconds. A regression is "
                        + "a significant worsening of p95, p99, error rate or throughput beyond the margin; a change the "
                        + "data cannot decide is inconclusive. Summaries of different plans are refused (exit 2)."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BEFORE", description = "The baseline summary (headroom run"
            + " --json). With --baseline: the run to judge (a run id or a summary; default: the latest run).")
    Path beforeFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "AFTER", description = "The summary to judge against it.")
    Path afterFile;

    @Option(names = "--baseline", paramLabel = "previous|best|median-of-5", description = "Take the baseline from the"
            + " results index: the previous valid run of the same plan, the one with the lowest p95, or the one with the"
            + " median p95 of the last 5 (invalid and incomplete runs are skipped, and named).")
    String baseline;

    @Mixin
    ResultsDirOption results;

    @Option(names = "--max-regression", paramLabel = "PERCENT", defaultValue = "10%",
            description = "Allowed worsening before a significant change fails the gate (default: ${DEFAULT-VALUE}).")
    String maxRegression;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the comparison as Markdown (for a pull request).")
    Path markdownFile;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--allow-different-plans", description = "Compare summaries of different plans (plan name or"
            + " scenario set differ) instead of refusing them; the difference is still shown as a warning.")
    boolean allowDifferentPlans;

    @Option(names = "--accept-invalid-run", description = "Exit by the comparison (99 on a regression) even when a run"
            + " is invalid (its generator was the bottleneck), instead of 98; the warning stays.")
    boolean acceptInvalidRun;

    @Override
    public Integer call() {
        if (baseline != null) {
            if (afterFile != null) throw new UsageException("--baseline takes at most one summary (the run to judge), got two");
            HistoryBaselines.Pair pair = HistoryBaselines.resolve(results, baseline, beforeFile, spec.commandLine().getErr());
            beforeFile = pair.before();
            afterFile = pair.after();
        } else if (afterFile == null) {
            throw new UsageException("compare needs BEFORE and AFTER summaries, or --baseline previous|best|median-of-5");
        }
        if (markdownFile != null) ReportOutputs.checkWritable("--markdown", markdownFile);
        ComparisonOptions options = Comparisons.options(maxRegression);
        RunResult before = SummaryFiles.read(beforeFile);
        RunResult after = SummaryFiles.read(afterFile);
        Comparison comparison = Comparisons.of(beforeFile, before, afterFile, after, options, allowDifferentPlans);
        var err = spec.commandLine().getErr();
        if (json) {
            // stdout stays one JSON document (which carries the warnings too); the console still hears them.
            for (String w : comparison.warnings()) err.println("headroom: WARNING: " + w);
            err.flush();
        }
        spec.commandLine().getOut().print(json ? ComparisonReport.json(comparison) : ComparisonReport.text(comparison));
        spec.commandLine().getOut().flush();
        if (markdownFile != null && !SummaryFiles.write("--markdown", markdownFile, ComparisonReport.markdown(comparison),
                spec.commandLine().getOut(), spec.commandLine().getErr())) {
            return ExitCode.OUTPUTS_NOT_WRITTEN.code();
        }
        // As 'run' does: a verdict measured on a starved generator is no verdict on the target, so 98 outranks 99.
        if (comparison.invalidRun() && !acceptInvalidRun) return ExitCode.INVALID_RUN.code();
        // A regression fails the gate like a crossed threshold: the same exit code CI already watches.
        return comparison.hasRegression() ? ExitCode.THRESHOLDS_CROSSED.code() : ExitCode.OK.code();
    }
}
