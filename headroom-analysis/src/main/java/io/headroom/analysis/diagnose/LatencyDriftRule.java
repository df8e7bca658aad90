package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.Unit;
import io.headroom.analysis.stats.MeanTest;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Latency of the last tenth of a steady run against the first: a leak or a slow build-up (soak tests). A test
 * that could not have seen a drift of {@value #WARNING_DRIFT} (too few or too variable seconds) says
 * "inconclusive" with the smallest drift it could detect, never "stable". Stateless.
 */
final class LatencyDriftRule implements DiagnosisRule {
    /** A drift above this (relative) is a warning, above {@link #BAD_DRIFT} bad; "stable" needs the power to see it. */
    static final double WARNING_DRIFT = 0.2;
    static final double BAD_DRIFT = 1;
    /** Seconds with requests the test needs (a tenth at each end, at least two each); shorter runs are not judged. */
    static final int MIN_SECONDS = 20;
    /** The power at which the smallest detectable drift is stated. */
    static final double POWER = 0.8;

    @Override
    public List<Finding> findings(DiagnosisInput run) {
        return drift(run.seconds(), run.anyOpenModel()).stream().toList();
    }

    /** As {@link #drift(List, boolean)} for a closed-model run. */
    static Optional<Finding> drift(List<LoadLevel.Second> seconds) {
        return drift(seconds, false);
    }

    /**
     * Mean latency of the last tenth of the seconds against the first tenth, by Welch's t-test over the
     * per-second means; only for runs of at least 20 seconds whose load is the same at both ends (within 10 %),
     * so that growth means drift, not more load. The load is the VU count in a closed model and the request
     * rate in an open one (where VUs follow latency and would hide the very drift looked for).
     */
    static Optional<Finding> drift(List<LoadLevel.Second> seconds, boolean openModel) {
        int n = seconds.size();
        if (n < MIN_SECONDS) return Optional.empty();
        int tenth = Math.max(2, n / 10);
        List<LoadLevel.Second> first = seconds.subList(0, tenth), last = seconds.subList(n - tenth, n);
        ToDoubleFunction<LoadLevel.Second> load = openModel ? LoadLevel.Second::requestsPerSecond : LoadLevel.Second::vus;
        double loadFirst = first.stream().mapToDouble(load).average().orElse(0);
        double loadLast = last.stream().mapToDouble(load).average().orElse(0);
        if (loadFirst <= 0 || Math.abs(loadLast / loadFirst - 1) > 0.1) return Optional.empty();
        double[] a = first.stream().mapToDouble(LoadLevel.Second::meanLatencyMillis).toArray();
        double[] b = last.stream().mapToDouble(LoadLevel.Second::meanLatencyMillis).toArray();
        var t = MeanTest.welch(a, b, 0.95);
        if (t.meanA() <= 0) return Optional.empty();
        double drift = (t.meanB() - t.meanA()) / t.meanA();
        double detectable = t.detectableDifference(POWER) / t.meanA();
        boolean significant = t.pValue() < 0.05;
        List<Evidence> evidence = List.of(new Evidence("mean latency, first tenth", t.meanA(), Unit.MILLISECONDS),
                new Evidence("mean latency, last tenth", t.meanB(), Unit.MILLISECONDS), new Evidence("drift", drift, Unit.FRACTION),
                new Evidence("p-value (Welch)", t.pValue(), Unit.COUNT),
                new Evidence("smallest detectable drift (80 % power)", detectable, Unit.FRACTION),
                new Evidence("seconds compared at each end", tenth, Unit.COUNT));
        String span = Numbers.sig3(t.meanA()) + " ms → " + Numbers.sig3(t.meanB()) + " ms from the first to the last tenth";
        if (!significant && detectable > WARNING_DRIFT) {
            // Not significant is not the same as stable: this test could not have seen a drift worth a warning.
            return Optional.of(Finding.of(Rule.LATENCY_DRIFT, drift >= WARNING_DRIFT ? Severity.WARNING : Severity.INFO,
                    "Latency drift is inconclusive: " + span + " (" + Numbers.signedPercent(drift) + ", p-value "
                            + Numbers.sig3(t.pValue()) + "); with " + tenth + " seconds at each end the test detects only drifts of "
                            + Numbers.signedPercent(detectable) + " and more", evidence,
                    "Run longer at constant load (the rule compares the first and the last tenth of the seconds), or look at "
                            + "the per-second latency chart: a step or a climb there is real even when this test cannot tell."));
        }
        Severity severity = !significant || drift < WARNING_DRIFT ? Severity.INFO : drift > BAD_DRIFT ? Severity.BAD : Severity.WARNING;
        if (severity == Severity.INFO) {
            return Optional.of(Finding.of(Rule.LATENCY_DRIFT, Severity.INFO, "Latency is stable over the run: " + span
                    + (significant ? "" : " (no significant drift; the test detects drifts of " + Numbers.signedPercent(detectable)
                    + " and more)"), evidence, "Nothing builds up at this load and duration."));
        }
        return Optional.of(Finding.of(Rule.LATENCY_DRIFT, severity, "Latency drifts up at constant load: "
                + Numbers.sig3(t.meanA()) + " ms → " + Numbers.sig3(t.meanB()) + " ms (" + Numbers.signedPercent(drift)
                + ", significant) from the first to the last tenth", evidence,
                "Something builds up: memory (heap after GC), connections or threads not returned, growing tables or "
                        + "caches, log files; compare heap and pool sizes at the start and the end."));
    }
}
