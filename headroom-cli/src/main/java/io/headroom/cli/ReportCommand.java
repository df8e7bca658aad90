package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.report.ConsoleSummary;
import io.headroom.report.JsonSummary;
import io.headroom.report.Redaction;
import io.headroom.report.ReportBaseline;
import io.headroom.report.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code headroom report}: rebuilds reports from a JSON summary alone, so a report never needs a rerun. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuild reports from a JSON summary (headroom.summary/1) without rerunning.",
                "Without output options, prints the end-of-test summary."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUMMARY", description = "A summary.json written by run --json or demo.")
    Path summaryFile;

    @Mixin
    ReportOutputs outputs;

    @Option(names = "--baseline", paramLabel = "BASELINE", description = "A summary to compare this run with (the BEFORE"
            + " of 'headroom compare BASELINE SUMMARY'): the HTML report then overlays both runs' latency percentiles,"
            + " request and error rates by elapsed time, and shows that command's comparison and verdict. Needs --html;"
            + " the exit code stays 0 (gate with 'headroom compare').")
    Path baselineFile;

    @Option(names = "--max-regression", paramLabel = "PERCENT", defaultValue = "10%",
            description = "With --baseline: allowed worsening before a significant change is a regression, as for compare"
                    + " (default: ${DEFAULT-VALUE}).")
    String maxRegression;

    @Option(names = "--allow-different-plans", description = "With --baseline: compare summaries of different plans"
            + " instead of refusing them, as for compare.")
    boolean allowDifferentPlans;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (baselineFile != null && outputs.htmlFile == null) {
            throw new UsageException("--baseline draws the comparison into the HTML report: add --html FILE"
                    + " (or use 'headroom compare " + baselineFile + " " + summaryFile + "' for the text)");
        }
        Comparisons.options(maxRegression);
        if (!Files.isRegularFile(summaryFile)) {
            throw new UsageException(summaryFile + ": no such file" + (Files.isDirectory(summaryFile) ? " (it is a folder)" : ""));
        }
        RunResult result;
        try {
            result = JsonSummary.read(summaryFile);
        } catch (NoSuchFileException e) {
            throw new UsageException(summaryFile + ": no such file");
        }
        // A summary written by an older version, or with --redact names given only now, is cleaned here.
        result = Redaction.apply(result, outputs.redactNames());
        ReportBaseline baseline = baseline(result);
        if (!outputs.any()) {
            boolean colour = Terminal.colourWanted(Terminal.stdoutIsTerminal(), System.getenv());
            out.print(new ConsoleSummary(colour).render(result));
            out.flush();
            return ExitCode.OK.code();
        }
        outputs.checkWritable();
        // With a report on stdout (--html -), the "written to" lines go to stderr.
        PrintWriter human = ReportOutputs.takesStdout(outputs.requested()) ? err : out;
        return outputs.write(result, List.of(), List.of(), baseline, out, human, err) ? ExitCode.OK.code()
                : ExitCode.OUTPUTS_NOT_WRITTEN.code();
    }

    /**
     * The baseline of {@code --baseline} compared with {@code result} by {@link Comparisons}, as {@code compare} does;
     * null without the option. Both summaries must carry a duration ({@link SummaryFiles#read}).
     */
    private ReportBaseline baseline(RunResult result) {
        if (baselineFile == null) return null;
        if (result.info().duration() == null) SummaryFiles.read(summaryFile);
        RunResult before = Redaction.apply(SummaryFiles.read(baselineFile), outputs.redactNames());
        return new ReportBaseline(before, Comparisons.of(baselineFile, before, summaryFile, result,
                Comparisons.options(maxRegression), allowDifferentPlans));
    }
}
