package io.headroom.cli;

import io.headroom.analysis.diagnose.Finding;
import io.headroom.analysis.diagnose.TargetDiagnosis;
import io.headroom.core.result.RunResult;
import io.headroom.profiler.target.ObservedTarget;
import io.headroom.report.ReportFinding;
import io.headroom.report.ReportFindings;
import io.headroom.report.ReportSection;
import io.headroom.report.section.TargetSections;

import java.util.List;

/**
 * What watching the target adds to a run's outputs: the findings of the target's rules, the report's
 * sections (resources, then the target's and the generator's profiles) and the profile files written.
 * Immutable.
 */
record TargetOutcome(List<Finding> findings, List<ReportSection> sections, List<String> files) {
    static TargetOutcome of(RunResult result, ObservedTarget observed) {
        return new TargetOutcome(TargetDiagnosis.of(result, observed), TargetSections.of(result, observed), observed.files());
    }

    /** The findings as the HTML report shows them. */
    List<ReportFinding> reportFindings() {
        return findings.stream().map(ReportFindings::toReport).toList();
    }
}
