package io.headroom.cli;

import io.headroom.analysis.compare.Comparison;
import io.headroom.analysis.compare.ComparisonOptions;
import io.headroom.analysis.compare.ComparisonReport;
import io.headroom.analysis.compare.RunComparison;
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
        description = {"Compare two run summaries with statistics; exit 99 on a regression.",
                "Latency percentiles get bootstrap intervals from the HDR histograms, error and check rates a "
                        + "two-proportion test, throughput Welch's t-test over per-second counts. A regression is a "
                        + "significant worsening of p95, p99, error rate or throughput beyond the margin."})
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
        ComparisonOptions options = ComparisonOptions.defaults()
                .withMaxRegression(SummaryFiles.fraction(maxRegression, "--max-regression"));
        RunResult before = SummaryFiles.read(beforeFile);
        RunResult after = SummaryFiles.read(afterFile);
        Comparison comparison = RunComparison.compare(before, after, options);
        comparison = comparison.withNames(beforeFile.getFileName().toString(), afterFile.getFileName().toString());
        spec.commandLine().getOut().print(json ? ComparisonReport.json(comparison) : ComparisonReport.text(comparison));
        spec.commandLine().getOut().flush();
        if (markdownFile != null && !SummaryFiles.write("--markdown", markdownFile, ComparisonReport.markdown(comparison),
                spec.commandLine().getOut(), spec.commandLine().getErr())) {
            return ExitCode.OUTPUTS_NOT_WRITTEN.code();
        }
        // A regression fails the gate like a crossed threshold: the same exit code CI already watches.
        return comparison.hasRegression() ? ExitCode.THRESHOLDS_CROSSED.code() : ExitCode.OK.code();
    }
}
