package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.Unit;
import io.headroom.analysis.stats.MeanTest;

import java.util.List;
import java.util.Optional;

/** Latency of the last tenth of a steady run against the first: a leak or a slow build-up (soak tests). Stateless. */
final class LatencyDriftRule implements DiagnosisRule {
    @Override
    public List<Finding> findings(DiagnosisInput run) {
        return drift(run.seconds()).stream().toList();
    }

    /**
     * Mean latency of the last tenth of the seconds against the first tenth, by Welch's t-test over the
     * per-second means; only for runs of at least 20 seconds whose load (VUs) is the same at both ends, so
     * that growth means drift, not more load.
     */
    static Optional<Finding> drift(List<LoadLevel.Second> seconds) {
        int n = seconds.size();
        if (n < 20) return Optional.empty();
        int tenth = Math.max(2, n / 10);
        List<LoadLevel.Second> first = seconds.subList(0, tenth), last = seconds.subList(n - tenth, n);
        double vusFirst = first.stream().mapToDouble(LoadLevel.Second::vus).average().orElse(0);
        double vusLast = last.stream().mapToDouble(LoadLevel.Second::vus).average().orElse(0);
        if (vusFirst <= 0 || Math.abs(vusLast / vusFirst - 1) > 0.1) return Optional.empty();
        double[] a = first.stream().mapToDouble(LoadLevel.Second::meanLatencyMillis).toArray();
        double[] b = last.stream().mapToDouble(LoadLevel.Second::meanLatencyMillis).toArray();
        var t = MeanTest.welch(a, b, 0.95);
        if (t.meanA() <= 0) return Optional.empty();
        double drift = (t.meanB() - t.meanA()) / t.meanA();
        boolean significant = t.pValue() < 0.05;
        Severity severity = !significant || drift < 0.2 ? Severity.INFO : drift > 1 ? Severity.BAD : Severity.WARNING;
        List<Evidence> evidence = List.of(new Evidence("mean latency, first tenth", t.meanA(), Unit.MILLISECONDS),
                new Evidence("mean latency, last tenth", t.meanB(), Unit.MILLISECONDS), new Evidence("drift", drift, Unit.FRACTION),
                new Evidence("p-value (Welch)", t.pValue(), Unit.COUNT));
        if (severity == Severity.INFO) {
            return Optional.of(Finding.of(Rule.LATENCY_DRIFT, Severity.INFO, "Latency is stable over the run: "
                    + Numbers.sig3(t.meanA()) + " ms → " + Numbers.sig3(t.meanB()) + " ms from the first to the last tenth"
                    + (significant ? "" : " (no significant drift)"), evidence, "Nothing builds up at this load and duration."));
        }
        return Optional.of(Finding.of(Rule.LATENCY_DRIFT, severity, "Latency drifts up at constant load: "
                + Numbers.sig3(t.meanA()) + " ms → " + Numbers.sig3(t.meanB()) + " ms (" + Numbers.signedPercent(drift)
                + ", significant) from the first to the last tenth", evidence,
                "Something builds up: memory (heap after GC), connections or threads not returned, growing tables or "
                        + "caches, log files; compare heap and pool sizes at the start and the end."));
    }
}
