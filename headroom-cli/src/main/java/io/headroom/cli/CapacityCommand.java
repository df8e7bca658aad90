package io.headroom.cli;

import io.headroom.analysis.capacity.CapacityModel;
import io.headroom.analysis.capacity.CapacityOptions;
import io.headroom.analysis.capacity.CapacityReport;
import io.headroom.analysis.capacity.Slo;
import io.headroom.core.result.RunResult;
import io.headroom.report.HtmlReport;
import io.headroom.report.OutputFile;
import io.headroom.report.ReportFindings;
import io.headroom.report.section.CapacitySection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code headroom capacity}: the Universal Scalability Law fitted to a stepped run, and a capacity projection. */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = {"Fit the Universal Scalability Law to a stepped run and project the capacity needed.",
                "From concurrency vs throughput per load level: contention, coherency, knee, peak and maximum "
                        + "throughput, where the SLO breaks, and the instances needed month by month."})
final class CapacityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUMMARY", description = "Summary of a stepped run (e.g. ramping-vus in steps).")
    Path summaryFile;

    @Option(names = "--slo", paramLabel = "EXPR", description = "Latency objective per load level: p(95)<X, p(99)<X or avg<X (ms).")
    String slo;

    @Option(names = "--growth", paramLabel = "PERCENT", defaultValue = "0%",
            description = "Traffic growth per month, e.g. 15%% or 15%%/month (default: ${DEFAULT-VALUE}).")
    String growth;

    @Option(names = "--months", paramLabel = "N", defaultValue = "12", description = "Months to project (default: ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--peak", paramLabel = "FACTOR", defaultValue = "1x",
            description = "Peak traffic over today's rate, e.g. 3x (default: ${DEFAULT-VALUE}).")
    String peak;

    @Option(names = "--target-utilization", paramLabel = "PERCENT", defaultValue = "70%",
            description = "Run each instance at most this busy (default: ${DEFAULT-VALUE}).")
    String targetUtilization;

    @Option(names = "--current", paramLabel = "REQ_PER_S",
            description = "Today's traffic in requests per second (default: the run's mean throughput).")
    Double current;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write an HTML report of the run with the capacity chart (measured levels and fitted curve).")
    Path htmlFile;

    @Override
    public Integer call() {
        CapacityOptions options;
        try {
            options = new CapacityOptions(slo == null ? null : Slo.parse(slo),
                    SummaryFiles.fraction(growth.replaceFirst("(?i)\\s*/\\s*month$", ""), "--growth"), months,
                    factor(peak), SummaryFiles.fraction(targetUtilization, "--target-utilization"), current);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (htmlFile != null) ReportOutputs.checkWritable("--html", htmlFile);
        RunResult result = SummaryFiles.read(summaryFile);
        CapacityModel model;
        try {
            model = CapacityModel.of(result, options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(summaryFile + ": " + e.getMessage());
        }
        var out = spec.commandLine().getOut();
        String source = summaryFile.getFileName().toString();
        out.print(json ? CapacityReport.json(source, model) : CapacityReport.text(source, model));
        out.flush();
        if (htmlFile != null) {
            String page = HtmlReport.render(result, ReportFindings.of(result), List.of(CapacitySection.of(model)));
            // On stderr with --json, so stdout stays one JSON document.
            var human = json || OutputFile.isStdout(htmlFile) ? spec.commandLine().getErr() : out;
            if (!ReportOutputs.writeOne("--html", htmlFile, "HTML report",
                    o -> o.write(page.getBytes(StandardCharsets.UTF_8)), out, human, spec.commandLine().getErr())) {
                return ExitCode.OUTPUTS_NOT_WRITTEN.code();
            }
        }
        return ExitCode.OK.code();
    }

    private static double factor(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("x") || t.endsWith("×")) t = t.substring(0, t.length() - 1).trim();
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new UsageException("--peak: expected a factor like 3x, got \"" + text + "\"");
        }
    }
}
