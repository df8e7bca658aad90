package io.headroom.cli;

import io.headroom.analysis.diagnose.BreakingRate;
import io.headroom.analysis.diagnose.Diagnosis;
import io.headroom.analysis.diagnose.DiagnosisReport;
import io.headroom.analysis.diagnose.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code headroom diagnose}: findings with evidence and a next step, from one run summary. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Say what a run summary means: findings with evidence and the next step.",
                "Rules: generator overload, tail latency, error rate and codes, timeouts vs connection errors, "
                        + "throughput plateau, latency growth, error cliff, slow endpoint, Little's law, drift, breaking point. "
                        + "Exits 0; the findings are the answer."})
final class DiagnoseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUMMARY", description = "A run summary (headroom run --json).")
    Path summaryFile;

    @Option(names = "--json", description = "Print the findings as JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        var result = SummaryFiles.read(summaryFile);
        List<Finding> findings = Diagnosis.of(result);
        String source = summaryFile.getFileName().toString();
        var out = spec.commandLine().getOut();
        out.print(json ? DiagnosisReport.json(source, findings, BreakingRate.of(result)) : DiagnosisReport.text(source, findings));
        out.flush();
        return ExitCode.OK.code();
    }
}
