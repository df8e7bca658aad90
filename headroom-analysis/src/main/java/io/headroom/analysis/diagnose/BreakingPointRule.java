package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.Unit;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.core.threshold.ThresholdExpr;
import io.headroom.core.threshold.ThresholdOperator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The run was stopped by an abortOnFail threshold: where it broke and the last load that held. Stateless. */
final class BreakingPointRule implements DiagnosisRule {

    @Override
    public List<Finding> findings(DiagnosisInput run) {
        return breakingPoint(run.result()).stream().toList();
    }

    /**
     * Where an abortOnFail run broke: the seconds, the crossed thresholds as evidence, the last second that held
     * (null when none could be placed), the second after it that broke (null likewise), and the threshold that broke first.
     */
    record BreakScan(List<LoadLevel.Second> seconds, List<Evidence> evidence, LoadLevel.Second held,
                     LoadLevel.Second broke, String broken) {}

    /** The break of a run stopped by an abortOnFail threshold; empty for any other run. */
    static Optional<BreakScan> scanBreak(RunResult result) {
        if (result.outcome() != RunOutcome.ABORTED_BY_THRESHOLD) return Optional.empty();
        List<ThresholdResult> crossed = result.thresholds().stream()
                .filter(t -> t.verdict() instanceof ThresholdVerdict.Crossed).toList();
        if (crossed.isEmpty()) return Optional.empty();
        List<LoadLevel.Second> seconds = LoadLevel.seconds(result);
        List<Evidence> evidence = new ArrayList<>();
        LoadLevel.Second held = null, broke = null;
        String broken = crossed.get(0).spec().selectorText() + " " + crossed.get(0).spec().exprText();
        for (ThresholdResult t : crossed) {
            double actual = ((ThresholdVerdict.Crossed) t.verdict()).actual();
            evidence.add(new Evidence(t.spec().selectorText() + " " + t.spec().exprText() + " actual", actual, Unit.COUNT));
            ToDoubleFunction<LoadLevel.Second> perSecond = null;
            double limit = 0;
            ThresholdExpr expr = t.spec().expr();
            boolean untagged = t.spec().selector().tags().isEmpty();
            boolean upperBound = (expr.operator() == ThresholdOperator.LESS || expr.operator() == ThresholdOperator.LESS_OR_EQUAL)
                    && expr.bound() >= 0;
            if (!untagged || !upperBound) continue;
            if (t.spec().metric().equals(BuiltinMetrics.HTTP_REQ_DURATION) && expr instanceof ThresholdExpr.Percentile p) {
                limit = p.bound();
                if (p.percentile() == 95) perSecond = LoadLevel.Second::p95LatencyMillis;
                else if (p.percentile() == 99) perSecond = LoadLevel.Second::p99LatencyMillis;
            } else if (t.spec().metric().equals(BuiltinMetrics.HTTP_REQ_FAILED) && expr instanceof ThresholdExpr.Rate rate) {
                limit = rate.bound();
                perSecond = s -> s.failed() / s.requests();
            }
            if (perSecond == null) continue;
            for (int i = 0; i < seconds.size(); i++) {
                if (perSecond.applyAsDouble(seconds.get(i)) >= limit) {
                    if (i > 0 && (held == null || seconds.get(i - 1).offsetMillis() < held.offsetMillis())) {
                        held = seconds.get(i - 1);
                        broke = seconds.get(i);
                        broken = t.spec().selectorText() + " " + t.spec().exprText();
                    }
                    break;
                }
            }
        }
        return Optional.of(new BreakScan(seconds, evidence, held, broke, broken));
    }

    /**
     * For a run stopped by an abortOnFail threshold: the thresholds crossed and the last load that held,
     * found per second for untagged {@code http_req_duration} p(95)/p(99) and {@code http_req_failed}
     * rate thresholds (the second before the first second beyond the limit).
     */
    static Optional<Finding> breakingPoint(RunResult result) {
        Optional<BreakScan> scan = scanBreak(result);
        if (scan.isEmpty()) return Optional.empty();
        List<LoadLevel.Second> seconds = scan.get().seconds();
        List<Evidence> evidence = new ArrayList<>(scan.get().evidence());
        LoadLevel.Second held = scan.get().held();
        String broken = scan.get().broken();
        double peak = seconds.stream().mapToDouble(LoadLevel.Second::requestsPerSecond).max().orElse(0);
        evidence.add(new Evidence("peak throughput", peak, Unit.REQUESTS_PER_SECOND));
        String title;
        if (held != null) {
            evidence.add(new Evidence("last rate that held", held.requestsPerSecond(), Unit.REQUESTS_PER_SECOND));
            evidence.add(new Evidence("at", held.offsetMillis() / 1000.0, Unit.SECONDS));
            title = "Breaking point: " + broken + " broke; the last rate that held was about "
                    + Numbers.sig3(held.requestsPerSecond()) + " req/s (at " + Numbers.sig3(held.offsetMillis() / 1000.0) + " s)";
        } else {
            title = "Breaking point: " + broken + " broke and stopped the run; peak throughput " + Numbers.sig3(peak) + " req/s";
        }
        return Optional.of(Finding.of(Rule.BREAKING_POINT, Severity.WARNING, title, evidence,
                "Plan capacity below the last rate that held (with headroom for peaks), and find what broke first "
                        + "at that rate: the other findings name the symptom."));
    }
}
