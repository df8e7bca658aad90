package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.RunView;
import io.headroom.analysis.Unit;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.Tags;
import io.headroom.http.ErrorCodeRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The share of failed requests and the codes (or statuses) that dominate them. Stateless. */
final class ErrorRateRule implements DiagnosisRule {
    @Override
    public List<Finding> findings(DiagnosisInput run) {
        return errorRate(run.view()).stream().toList();
    }

    static Optional<Finding> errorRate(RunView view) {
        Optional<RateStats> failed = view.rate(BuiltinMetrics.HTTP_REQ_FAILED, Tags.empty());
        if (failed.isEmpty() || failed.get().passes() + failed.get().fails() == 0) return Optional.empty();
        double rate = failed.get().rate();
        long total = failed.get().passes() + failed.get().fails();
        if (failed.get().passes() == 0) {
            return Optional.of(Finding.of(Rule.ERROR_RATE, Severity.INFO, "No failed requests",
                    List.of(new Evidence("http_req_failed", 0, Unit.FRACTION), new Evidence("requests", total, Unit.COUNT)), "Nothing to do."));
        }
        Severity severity = Severity.band(rate, 0.001, 0.01);
        Map<String, Double> causes = failureCauses(view);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("http_req_failed", rate, Unit.FRACTION));
        evidence.add(new Evidence("failed requests", failed.get().passes(), Unit.COUNT));
        StringBuilder top = new StringBuilder();
        int shown = 0;
        for (Map.Entry<String, Double> e : causes.entrySet()) {
            if (shown++ == 3) break;
            double share = e.getValue() / failed.get().passes();
            evidence.add(new Evidence(e.getKey(), share, Unit.FRACTION));
            if (!top.isEmpty()) top.append(", ");
            top.append(e.getKey()).append(" (").append(Numbers.percent(share)).append(")");
        }
        String title = "Error rate " + Numbers.percent(rate) + (top.isEmpty() ? "" : ", mostly " + top);
        String next = switch (severity) {
            case INFO -> "Low, but find out what the few failures were before they grow: check the server log for those codes.";
            case WARNING -> "Noticeable: look at the dominant code first; 5xx are server faults, 4xx usually a plan or data problem, "
                    + "1xxx codes network problems.";
            case BAD -> "Users feel this: fix the dominant failure first; if it grows with load, it is a capacity limit "
                    + "(see the other findings for the load at which it starts).";
        };
        return Optional.of(Finding.of(Rule.ERROR_RATE, severity, title, evidence, next));
    }

    /** Failed requests by cause, largest first: the {@code error_code} tag, else the HTTP status. */
    static Map<String, Double> failureCauses(RunView view) {
        Map<String, Double> causes = new LinkedHashMap<>();
        for (SeriesResult s : view.result().series()) {
            if (!s.metric().equals(BuiltinMetrics.HTTP_REQ_FAILED) || s.tags().isEmpty()) continue;
            if (!(s.stats() instanceof RateStats r) || r.passes() == 0) continue;
            String code = s.tags().get("error_code");
            String status = s.tags().get("status");
            String cause = causeOf(code, status);
            if (cause != null) causes.merge(cause, (double) r.passes(), Double::sum);
        }
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(causes.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        Map<String, Double> ordered = new LinkedHashMap<>();
        sorted.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /** "HTTP 500" for status failures (codes 14xx/15xx mirror the status), else "error 1050" and the like. */
    static String causeOf(String code, String status) {
        boolean statusCode = ErrorCodeRange.ofTag(code).filter(ErrorCodeRange::isStatus).isPresent();
        if (status != null && !status.equals("0") && (code == null || statusCode)) return "HTTP " + status;
        return code != null ? "error " + code : null;
    }
}
