package io.headroom.report;

import io.headroom.analysis.diagnose.BreakingRate;
import io.headroom.analysis.diagnose.Diagnosis;
import io.headroom.analysis.diagnose.Finding;
import io.headroom.analysis.diagnose.Severity;
import io.headroom.core.result.RunResult;

import java.io.PrintWriter;
import java.util.List;

/**
 * The diagnosis under the end-of-test summary of {@code run} and {@code demo}: the breaking point of a run a
 * threshold stopped, then each warning or bad finding with its next step (info findings stay in
 * {@code headroom diagnose} and the HTML report). Stateless.
 */
public final class ConsoleFindings {
    private ConsoleFindings() {}

    /** Prints the findings of {@code result} to {@code out} and flushes it. */
    public static void print(RunResult result, PrintWriter out) {
        List<Finding> findings;
        try {
            findings = Diagnosis.of(result);
        } catch (RuntimeException e) {
            // The run's own summary is already out; an analysis that cannot judge this run must not fail it.
            out.println("  findings: none (diagnosis unavailable: " + e.getMessage() + ")");
            out.flush();
            return;
        }
        BreakingRate.of(result).ifPresent(b -> {
            out.println("  " + b.text());
            out.println();
        });
        List<Finding> shown = findings.stream().filter(f -> f.severity() != Severity.INFO).toList();
        if (shown.isEmpty()) {
            out.println("  findings: no findings above info" + (findings.isEmpty() ? "" : " (headroom diagnose shows "
                    + findings.size() + ")"));
        } else {
            out.println("  findings");
            for (Finding f : shown) {
                out.println("    " + (f.severity() == Severity.BAD ? "!!" : "! ") + " " + f.title());
                out.println("       next: " + f.nextStep());
            }
        }
        out.println();
        out.flush();
    }
}
