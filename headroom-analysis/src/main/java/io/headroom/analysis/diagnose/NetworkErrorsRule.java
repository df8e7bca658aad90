package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.RunView;
import io.headroom.analysis.Unit;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.Tags;
import io.headroom.http.ErrorCodeRange;
import io.headroom.http.HttpErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Timeouts (1050) or connection errors (12xx) among the failures: one finding each. Stateless. */
final class NetworkErrorsRule implements DiagnosisRule {
    private static final String TIMEOUT = Integer.toString(HttpErrorCode.REQUEST_TIMEOUT.number());

    @Override
    public List<Finding> findings(DiagnosisInput run) {
        return networkErrors(run.view());
    }

    static List<Finding> networkErrors(RunView view) {
        Optional<RateStats> failed = view.rate(BuiltinMetrics.HTTP_REQ_FAILED, Tags.empty());
        if (failed.isEmpty()) return List.of();
        long total = failed.get().passes() + failed.get().fails();
        if (total == 0) return List.of();
        double timeouts = 0, connection = 0;
        for (Map.Entry<String, Double> e : ErrorRateRule.failureCauses(view).entrySet()) {
            if (!e.getKey().startsWith("error ")) continue;
            String code = e.getKey().substring(6);
            if (code.equals(TIMEOUT)) timeouts += e.getValue();
            else if (ErrorCodeRange.ofTag(code).filter(r -> r == ErrorCodeRange.TCP).isPresent()) connection += e.getValue();
        }
        List<Finding> findings = new ArrayList<>();
        if (timeouts > 0) {
            findings.add(Finding.of(Rule.NETWORK_ERRORS, Severity.band(timeouts / total, 0.001, 0.01),
                    "Timeouts (1050): " + Numbers.count(timeouts) + " requests outlived their timeout",
                    List.of(new Evidence("timeouts", timeouts, Unit.COUNT), new Evidence("share of requests", timeouts / total, Unit.FRACTION)),
                    "The server accepted the requests but answered too slowly: it is queueing (saturated pool, slow "
                            + "dependency). Look at latency growth with load; do not just raise the timeout."));
        }
        if (connection > 0) {
            findings.add(Finding.of(Rule.NETWORK_ERRORS, Severity.band(connection / total, 0.001, 0.01),
                    "Connection errors (12xx): " + Numbers.count(connection) + " requests could not connect or were reset",
                    List.of(new Evidence("connection errors", connection, Unit.COUNT),
                            new Evidence("share of requests", connection / total, Unit.FRACTION)),
                    "The server refused or reset connections: it is down, restarting, or out of accept backlog, "
                            + "file descriptors or connection slots (check ulimit -n, the listen backlog, the "
                            + "proxy's connection limits)."));
        }
        return findings;
    }
}
