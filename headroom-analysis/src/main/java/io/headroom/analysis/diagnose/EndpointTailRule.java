package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.RunView;
import io.headroom.analysis.Unit;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.SeriesStats.TrendStats;

import java.util.List;
import java.util.Optional;

/** One endpoint accounts for most of the slowest requests. Stateless. */
final class EndpointTailRule implements DiagnosisRule {
    @Override
    public List<Finding> findings(DiagnosisInput run) {
        return endpointTail(run.view()).stream().toList();
    }

    static Optional<Finding> endpointTail(RunView view) {
        List<String> endpoints = view.endpoints();
        Optional<TrendStats> all = view.trend(BuiltinMetrics.HTTP_REQ_DURATION, Tags.empty());
        if (endpoints.size() < 2 || all.isEmpty() || all.get().count() < MIN_REQUESTS) return Optional.empty();
        long p95Value = all.get().histogram().getValueAtPercentile(95);
        String worst = null;
        double worstTail = 0, worstCount = 0, tailTotal = 0, countTotal = 0;
        for (String e : endpoints) {
            Optional<TrendStats> t = view.trend(BuiltinMetrics.HTTP_REQ_DURATION, Tags.of(RunView.ENDPOINT_TAG, e));
            if (t.isEmpty()) continue;
            long count = t.get().histogram().getTotalCount();
            double tail = count - t.get().histogram().getCountBetweenValues(0, p95Value);
            tailTotal += tail;
            countTotal += count;
            if (tail > worstTail) {
                worst = e;
                worstTail = tail;
                worstCount = count;
            }
        }
        if (worst == null || tailTotal == 0) return Optional.empty();
        double tailShare = worstTail / tailTotal, requestShare = worstCount / countTotal;
        if (tailShare < 0.6 || tailShare < 2 * requestShare) return Optional.empty();
        return Optional.of(Finding.of(Rule.ENDPOINT_TAIL, Severity.WARNING,
                "Endpoint " + worst + " makes " + Numbers.percent(tailShare) + " of the slowest 5 % with "
                        + Numbers.percent(requestShare) + " of the requests",
                List.of(new Evidence("share of the slowest 5 %", tailShare, Unit.FRACTION), new Evidence("share of requests", requestShare, Unit.FRACTION),
                        new Evidence("p95 of all requests", p95Value / TrendStats.HISTOGRAM_SCALE, Unit.MILLISECONDS)),
                "Tune " + worst + " first: the overall tail is mostly this endpoint (its queries, its dependencies, "
                        + "its payload size)."));
    }
}
