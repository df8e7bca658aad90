package io.headroom.report;

import io.headroom.analysis.diagnose.Diagnosis;
import io.headroom.analysis.diagnose.Finding;
import io.headroom.analysis.diagnose.Severity;
import io.headroom.core.result.RunResult;

import java.util.ArrayList;
import java.util.List;

/** Findings as the HTML report's: the analysis module's rules, the report's presentation. Stateless. */
public final class ReportFindings {
    private ReportFindings() {}

    /**
     * Every finding of {@link Diagnosis#of}, in its order (detail = the evidence, then the next step), then what the
     * analysis could not judge on this run ({@link Diagnosis#notJudged}) as info, so silence never reads as health.
     */
    public static List<ReportFinding> of(RunResult result) {
        List<ReportFinding> out = new ArrayList<>(Diagnosis.of(result).stream().map(ReportFindings::toReport).toList());
        for (String s : Diagnosis.notJudged(result)) {
            int colon = s.indexOf(": ");
            out.add(new ReportFinding(Severity.INFO, s.substring(0, colon), s.substring(colon + 2)));
        }
        return List.copyOf(out);
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
