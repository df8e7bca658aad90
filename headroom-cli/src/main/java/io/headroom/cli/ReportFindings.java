package io.headroom.cli;

import io.headroom.analysis.diagnose.Diagnosis;
import io.headroom.analysis.diagnose.Evidence;
import io.headroom.analysis.diagnose.Finding;
import io.headroom.core.result.RunResult;
import io.headroom.report.ReportFinding;

import java.util.List;
import java.util.stream.Collectors;

/** The diagnosis of a run as the HTML report's findings: the analysis module's rules, the report's presentation. */
final class ReportFindings {
    private ReportFindings() {}

    /** Every finding of {@link Diagnosis#of}, in its order; detail = the evidence, then the next step. */
    static List<ReportFinding> of(RunResult result) {
        return Diagnosis.of(result).stream().map(ReportFindings::toReport).toList();
    }

    static ReportFinding toReport(Finding f) {
        String evidence = f.evidence().stream().map(Evidence::toString).collect(Collectors.joining("; "));
        return new ReportFinding(f.severity(), f.title(), evidence + ". Next: " + f.nextStep());
    }
}
