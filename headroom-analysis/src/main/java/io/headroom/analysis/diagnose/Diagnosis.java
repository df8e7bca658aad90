package io.headroom.analysis.diagnose;

import io.headroom.core.result.RunResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a run into findings: generator overload, tail latency, error rate and codes, timeouts and
 * connection errors, throughput plateau, latency growth with load, error cliff, an endpoint dominating
 * the tail, Little's law, latency drift at constant load (soak) and the breaking point of a run stopped
 * by an abortOnFail threshold. Findings about the generator come first (they make every other number
 * suspect), then by severity. Pure function; thread-safe.
 */
public final class Diagnosis {
    /** The rules in the order they report; the sort below is stable, so ties keep this order. */
    private static final List<DiagnosisRule> RULES = List.of(new GeneratorOverloadRule(), new TailLatencyRule(),
            new ErrorRateRule(), new NetworkErrorsRule(), new ThroughputPlateauRule(), new LatencyGrowthRule(),
            new ErrorCliffRule(), new EndpointTailRule(), new LittlesLawRule(), new LatencyDriftRule(),
            new BreakingPointRule());

    private Diagnosis() {}

    /** Every finding for {@code result}, generator findings first, then worst first; never null. */
    public static List<Finding> of(RunResult result) {
        DiagnosisInput input = DiagnosisInput.of(result);
        List<Finding> findings = new ArrayList<>();
        for (DiagnosisRule rule : RULES) findings.addAll(rule.findings(input));
        findings.sort(Comparator.comparing((Finding f) -> !f.aboutGenerator())
                .thenComparing(Finding::severity, Comparator.reverseOrder()));
        return List.copyOf(findings);
    }

    /**
     * What the rules could not judge on {@code result} and why, one sentence each, for reports that must not let
     * silence read as health: load against concurrency when the plan held the load ({@link LoadLevel#planVariesLoad})
     * or measured fewer than three levels, latency drift when the run is shorter than the test needs. Empty when
     * every rule could judge. Each reads "WHAT not judged (...): WHY" or "WHAT too short to judge: WHY". Pure function.
     */
    public static List<String> notJudged(RunResult result) {
        List<String> out = new ArrayList<>();
        String scaling = "Load against concurrency not judged (throughput plateau, latency growth, error cliff, capacity"
                + " curve): ";
        if (!LoadLevel.planVariesLoad(result)) {
            out.add(scaling + "the plan held the load constant (" + result.info().scenarios().get(0).executor()
                    + "), so the run has one load level; a ramping or stepped plan measures several (headroom init stress).");
        } else {
            int levels = LoadLevel.of(result).size();
            if (levels < 3) {
                out.add(scaling + levels + " load level" + (levels == 1 ? "" : "s") + " measured, at least 3 needed.");
            }
        }
        int seconds = LoadLevel.seconds(result).size();
        if (seconds < LatencyDriftRule.MIN_SECONDS) {
            out.add("Latency drift over the run too short to judge: " + seconds + " s with requests, the test needs at least "
                    + LatencyDriftRule.MIN_SECONDS + ".");
        }
        return List.copyOf(out);
    }

    /** The worst severity among the findings, INFO when there are none. */
    public static Severity worst(List<Finding> findings) {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder()).orElse(Severity.INFO);
    }
}
