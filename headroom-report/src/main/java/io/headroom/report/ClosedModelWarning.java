package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.TrendStats;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A closed-model scenario whose tail latency is far above its think time, so its VUs spent their time
 * waiting for the target instead of arriving, and the load it offered fell just when the target slowed: the
 * closed model hid the queueing that arriving users would have met (coordinated omission in its closed
 * form). Times in milliseconds. Immutable.
 *
 * <p>The rule: a closed-model scenario with at least {@value #MIN_REQUESTS} requests is flagged when the
 * p(99) of its {@code http_req_duration} is at least {@value #MIN_P99_MILLIS} ms and more than
 * {@value #THINK_FACTOR} × its think time per request, the part of its iterations not spent in requests
 * ({@code (Σ iteration_duration − Σ http_req_duration) / requests}, which counts script time too).
 */
public record ClosedModelWarning(String scenario, String executor, double p99Millis, double thinkMillisPerRequest,
                                 long requests) {
    public static final int MIN_REQUESTS = 20;
    public static final double MIN_P99_MILLIS = 50;
    public static final double THINK_FACTOR = 3;

    /** Every closed-model scenario of {@code result} that the rule flags, in the result's scenario order. */
    public static List<ClosedModelWarning> find(RunResult result) {
        List<ClosedModelWarning> found = new ArrayList<>();
        for (RunInfo.ScenarioInfo s : result.info().scenarios()) {
            if (s.openModel()) continue;
            Histogram requests = scenarioHistogram(result, BuiltinMetrics.HTTP_REQ_DURATION, s.name());
            Histogram iterations = scenarioHistogram(result, BuiltinMetrics.ITERATION_DURATION, s.name());
            long n = requests.getTotalCount();
            if (n < MIN_REQUESTS || iterations.getTotalCount() == 0) continue;
            double requestMillis = requests.getMean() * n / TrendStats.HISTOGRAM_SCALE;
            double iterationMillis = iterations.getMean() * iterations.getTotalCount() / TrendStats.HISTOGRAM_SCALE;
            double thinkPerRequest = Math.max(0, iterationMillis - requestMillis) / n;
            double p99 = requests.getValueAtPercentile(99) / TrendStats.HISTOGRAM_SCALE;
            if (p99 >= MIN_P99_MILLIS && p99 > THINK_FACTOR * thinkPerRequest) {
                found.add(new ClosedModelWarning(s.name(), s.executor(), p99, thinkPerRequest, n));
            }
        }
        return found;
    }

    /** One line for the terminal, naming the fix. */
    public String message() {
        return String.format(Locale.ROOT, "scenario %s (%s, closed model): p(99) http_req_duration %s is %s the think"
                        + " time per request (%s); its VUs waited for the target and sent less as it slowed, which"
                        + " hides queueing. Use constant-arrival-rate or ramping-arrival-rate to measure what arriving"
                        + " users would see (docs/measurement.md).",
                scenario, executor, Units.duration(p99Millis),
                thinkMillisPerRequest <= 0 ? "far above" : String.format(Locale.ROOT, "%.1f×", p99Millis / thinkMillisPerRequest),
                Units.duration(thinkMillisPerRequest));
    }

    /** The scenario's samples of a time trend, merged over every tag set that carries {@code scenario:name}. */
    private static Histogram scenarioHistogram(RunResult result, String metric, String scenario) {
        Histogram total = new Histogram(3);
        for (SeriesResult series : result.series()) {
            if (series.metric().equals(metric) && scenario.equals(series.tags().get("scenario"))
                    && series.stats() instanceof TrendStats t) {
                total.add(t.histogram());
            }
        }
        return total;
    }
}
