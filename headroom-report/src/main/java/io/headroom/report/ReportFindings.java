package io.headroom.report;

import io.headroom.analysis.diagnose.Diagnosis;
import io.headroom.analysis.diagnose.Finding;
import io.headroom.core.result.RunResult;

import java.util.ArrayList;
import java.util.List;

/** Findings as the HTML report's: the analysis module's rules, the report's presentation. Stateless. */
public final class ReportFindings {
    private ReportFindings() {}

    /** Every finding of {@link Diagnosis#of}, in its order; detail = the evidence, then the next step. */
    public static List<ReportFinding> of(RunResult result) {
        return Diagnosis.of(result).stream().map(ReportFindings::toReport).toList();
    }

    /** {@code f} for the report; its detail is the finding's detail, its evidence, then "Next: " and its next step. */
    public static ReportFinding toReport(Finding f) {
        List<String> detail = new ArrayList<>();
        if (!f.detail().isEmpty()) detail.add(f.detail());
        if (!f.evidence().isEmpty()) detail.add(f.evidenceText() + ".");
        if (!f.nextStep().isEmpty()) detail.add("Next: " + f.nextStep());
        return new ReportFinding(f.severity(), f.title(), String.join(" ", detail));
    }
}
