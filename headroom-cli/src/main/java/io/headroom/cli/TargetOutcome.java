package io.headroom.cli;

import io.headroom.analysis.diagnose.Finding;
import io.headroom.analysis.diagnose.TargetDiagnosis;
import io.headroom.core.result.RunResult;
import io.headroom.profiler.target.ObservedTarget;
import io.headroom.report.ReportFinding;
import io.headroom.report.ReportSection;

import java.util.ArrayList;
import java.util.List;

/**
 * What watching the target adds to a run's outputs: the findings of the target's rules, the report's
 * sections (resources, then the target's and the generator's profiles) and the profile files written.
 * Immutable.
 */
record TargetOutcome(List<Finding> findings, List<ReportSection> sections, List<String> files) {
    static TargetOutcome of(RunResult result, ObservedTarget observed) {
        List<ReportSection> sections = new ArrayList<>();
        if (observed.monitoredPid() != null) {
            sections.add(TargetSections.resources(result, observed.monitoredPid(), observed.cores()));
        }
        if (observed.target() != null) {
            sections.add(TargetSections.profile("target-profile", "Target profile (pid " + observed.profiledPid() + ")",
                    observed.target().profile(), observed.window(), observed.target().flameFile()));
        }
        if (observed.generator() != null) {
            sections.add(TargetSections.profile("generator-profile", "Generator profile (Headroom's own JVM)",
                    observed.generator().profile(), observed.window(), observed.generator().flameFile()));
        }
        return new TargetOutcome(TargetDiagnosis.of(result, observed), List.copyOf(sections), observed.files());
    }

    /** The findings as the HTML report shows them. */
    List<ReportFinding> reportFindings() {
        return findings.stream().map(ReportFindings::toReport).toList();
    }
}
