package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.RunView;
import io.headroom.analysis.stats.MeanTest;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * Turns a run into findings: generator overload, tail latency, error rate and codes, timeouts and
 * connection errors, throughput plateau, latency growth with load, error cliff, an endpoint dominating
 * the tail, Little's law, latency drift at constant load (soak) and the breaking point of a run stopped
 * by an abortOnFail threshold. Findings about the generator come first (they make every other number
 * suspect), then by severity. Pure function; thread-safe.
 */
public final class Diagnosis {
    /** Tails narrower than this (p99 − p50) are within scheduler and GC jitter; their ratios do not matter. */
    static final double TAIL_FLOOR_MILLIS = 20;
    /** Schedule lag p95 above this makes the generator suspect (warning), ten times more makes it bad. */
    static final double LAG_WARNING_MILLIS = 10;
    /** Requests needed beyond a percentile before its ratio is judged (so p95 needs 200, p99 1000). */
    static final double MIN_TAIL_REQUESTS = 10;
    /** Little's law is checked on closed-model runs with at least this many full seconds. */
    static final int MIN_LITTLE_SECONDS = 5;
    /** Fewer requests than this give no percentile worth a finding. */
    static final long MIN_REQUESTS = 20;

    private Diagnosis() {}

    /** Every finding for {@code result}, generator findings first, then worst first; never null. */
    public static List<Finding> of(RunResult result) {
        RunView view = new RunView(result);
        List<Finding> findings = new ArrayList<>();
        generator(view).ifPresent(findings::add);
        tail(view).ifPresent(findings::add);
        errorRate(view).ifPresent(findings::add);
        findings.addAll(networkErrors(view));
        List<LoadLevel> levels = LoadLevel.of(result);
        plateau(levels).ifPresent(findings::add);
        latencyGrowth(levels).ifPresent(findings::add);
        errorCliff(levels).ifPresent(findings::add);
        endpointTail(view).ifPresent(findings::add);
        littlesLaw(view).ifPresent(findings::add);
        drift(LoadLevel.seconds(result)).ifPresent(findings::add);
        breakingPoint(result).ifPresent(findings::add);
        findings.sort(Comparator.comparing((Finding f) -> !f.aboutGenerator())
                .thenComparing(Finding::severity, Comparator.reverseOrder()));
        return List.copyOf(findings);
    }

    /** The worst severity among the findings, INFO when there are none. */
    public static Severity worst(List<Finding> findings) {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder()).orElse(Severity.INFO);
    }

    static Optional<Finding> generator(RunView view) {
        double dropped = view.counter(BuiltinMetrics.DROPPED_ITERATIONS, Tags.empty());
        for (RunInfo.ScenarioInfo s : view.result().info().scenarios()) dropped = Math.max(dropped, s.droppedIterations());
        Optional<TrendStats> lag = view.trend(BuiltinMetrics.SCHEDULE_LAG, Tags.empty()).filter(t -> t.count() > 0);
        double lagP95 = lag.map(t -> t.percentile(95)).orElse(0.0);
        Severity severity = dropped > 0 || lagP95 > 10 * LAG_WARNING_MILLIS ? Severity.BAD
                : lagP95 > LAG_WARNING_MILLIS ? Severity.WARNING : null;
        if (severity == null) return Optional.empty();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("dropped_iterations", dropped, ""));
        if (lag.isPresent()) evidence.add(new Evidence("headroom_schedule_lag p95", lagP95, "ms"));
        String title = dropped > 0
                ? "The generator could not keep up: " + Numbers.count(dropped) + " iterations were dropped"
                : "The generator started iterations late: schedule lag p95 " + Numbers.sig3(lagP95) + " ms";
        return Optional.of(new Finding.GeneratorOverload(severity, title, evidence,
                "Fix the load first, then read the other findings: raise maxVUs/preAllocatedVUs, give the generator "
                        + "more CPU (or split the load over several generators), and check that the target is not "
                        + "holding every VU (its latency times the rate is the concurrency you need)."));
    }

    static Optional<Finding> tail(RunView view) {
        Optional<TrendStats> t = view.trend(BuiltinMetrics.HTTP_REQ_DURATION, Tags.empty());
        if (t.isEmpty() || t.get().count() < MIN_REQUESTS) return Optional.empty();
        double p50 = t.get().percentile(50), p95 = t.get().percentile(95), p99 = t.get().percentile(99);
        if (p50 <= 0 || p95 <= 0) return Optional.empty();
        double r95 = p95 / p50, r99 = p99 / p95;
        // A percentile is judged only with at least ten requests beyond it; fewer make its ratio chance.
        long count = t.get().count();
        boolean judge95 = count >= MIN_TAIL_REQUESTS / 0.05, judge99 = count >= MIN_TAIL_REQUESTS / 0.01;
        Severity severity = Severity.INFO;
        if (judge95) severity = band(r95, 2, 5);
        if (judge99) severity = max(severity, band(r99, 2, 5));
        boolean belowFloor = p99 - p50 < TAIL_FLOOR_MILLIS;
        if (belowFloor) severity = Severity.INFO;
        List<Evidence> evidence = List.of(new Evidence("p50", p50, "ms"), new Evidence("p95", p95, "ms"),
                new Evidence("p99", p99, "ms"), new Evidence("p95/p50", r95, "×"), new Evidence("p99/p95", r99, "×"));
        String title = "Tail latency: p95 is " + Numbers.sig3(r95) + "× the median, p99 " + Numbers.sig3(r99) + "× p95";
        String next = switch (severity) {
            case INFO -> belowFloor && Math.max(r95, r99) >= 2
                    ? "The tail is only " + Numbers.sig3(p99 - p50) + " ms wide: within scheduler and GC jitter, nothing to chase."
                    : !judge99 && Math.max(r95, r99) >= 2
                    ? "Too few requests (" + count + ") to judge the tail: p95 needs " + (long) (MIN_TAIL_REQUESTS / 0.05)
                    + ", p99 " + (long) (MIN_TAIL_REQUESTS / 0.01) + " (ten beyond the percentile); run longer."
                    : "Healthy: the slow requests are close to the typical ones.";
            case WARNING -> "Some requests wait much longer than typical ones: look at queueing in pools, GC pauses and "
                    + "cache misses; compare the slowest endpoints (headroom profile shows where time goes).";
            case BAD -> "A small share of requests is far slower than the rest: a stall source (GC pauses, lock "
                    + "contention, a saturated pool, retries or a slow dependency); profile during the test and "
                    + "trace the p99 requests.";
        };
        return Optional.of(new Finding.TailLatency(severity, title, evidence, next));
    }

    static Optional<Finding> errorRate(RunView view) {
        Optional<RateStats> failed = view.rate(BuiltinMetrics.HTTP_REQ_FAILED, Tags.empty());
        if (failed.isEmpty() || failed.get().passes() + failed.get().fails() == 0) return Optional.empty();
        double rate = failed.get().rate();
        long total = failed.get().passes() + failed.get().fails();
        if (failed.get().passes() == 0) {
            return Optional.of(new Finding.ErrorRate(Severity.INFO, "No failed requests",
                    List.of(new Evidence("http_req_failed", 0, "%"), new Evidence("requests", total, "")), "Nothing to do."));
        }
        Severity severity = band(rate, 0.001, 0.01);
        Map<String, Double> causes = failureCauses(view);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("http_req_failed", rate, "%"));
        evidence.add(new Evidence("failed requests", failed.get().passes(), ""));
        StringBuilder top = new StringBuilder();
        int shown = 0;
        for (Map.Entry<String, Double> e : causes.entrySet()) {
            if (shown++ == 3) break;
            double share = e.getValue() / failed.get().passes();
            evidence.add(new Evidence(e.getKey(), share, "%"));
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
        return Optional.of(new Finding.ErrorRate(severity, title, evidence, next));
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
        boolean statusCode = code != null && (code.startsWith("14") || code.startsWith("15")) && code.length() == 4;
        if (status != null && !status.equals("0") && (code == null || statusCode)) return "HTTP " + status;
        return code != null ? "error " + code : null;
    }

    static List<Finding> networkErrors(RunView view) {
        Optional<RateStats> failed = view.rate(BuiltinMetrics.HTTP_REQ_FAILED, Tags.empty());
        if (failed.isEmpty()) return List.of();
        long total = failed.get().passes() + failed.get().fails();
        if (total == 0) return List.of();
        double timeouts = 0, connection = 0;
        for (Map.Entry<String, Double> e : failureCauses(view).entrySet()) {
            if (!e.getKey().startsWith("error ")) continue;
            int code;
            try {
                code = Integer.parseInt(e.getKey().substring(6));
            } catch (NumberFormatException ex) {
                continue;
            }
            if (code == 1050) timeouts += e.getValue();
            else if (code >= 1200 && code < 1300) connection += e.getValue();
        }
        List<Finding> findings = new ArrayList<>();
        if (timeouts > 0) {
            findings.add(new Finding.NetworkErrors(band(timeouts / total, 0.001, 0.01),
                    "Timeouts (1050): " + Numbers.count(timeouts) + " requests outlived their timeout",
                    List.of(new Evidence("timeouts", timeouts, ""), new Evidence("share of requests", timeouts / total, "%")),
                    "The server accepted the requests but answered too slowly: it is queueing (saturated pool, slow "
                            + "dependency). Look at latency growth with load; do not just raise the timeout."));
        }
        if (connection > 0) {
            findings.add(new Finding.NetworkErrors(band(connection / total, 0.001, 0.01),
                    "Connection errors (12xx): " + Numbers.count(connection) + " requests could not connect or were reset",
                    List.of(new Evidence("connection errors", connection, ""),
                            new Evidence("share of requests", connection / total, "%")),
                    "The server refused or reset connections: it is down, restarting, or out of accept backlog, "
                            + "file descriptors or connection slots (check ulimit -n, the listen backlog, the "
                            + "proxy's connection limits)."));
        }
        return findings;
    }

    static Optional<Finding> plateau(List<LoadLevel> levels) {
        if (!LoadLevel.varies(levels)) return Optional.empty();
        double max = levels.stream().mapToDouble(LoadLevel::throughputPerSecond).max().orElse(0);
        LoadLevel reached = null;
        for (LoadLevel l : levels) {
            if (l.throughputPerSecond() >= 0.9 * max) {
                reached = l;
                break;
            }
        }
        LoadLevel top = levels.get(levels.size() - 1);
        if (reached == null || reached == top || top.concurrency() < 1.5 * reached.concurrency()) return Optional.empty();
        double growth = top.throughputPerSecond() / reached.throughputPerSecond() - 1;
        if (growth > 0.10) return Optional.empty();
        // A saturated resource shows as queueing: latency grows with the load. Flat throughput with flat latency
        // means the load did not really rise (an arrival-rate scenario sets the pace, or the added VUs mostly
        // think), not that capacity was reached.
        if (top.meanLatencyMillis() < 1.25 * reached.meanLatencyMillis()) return Optional.empty();
        return Optional.of(new Finding.ThroughputPlateau(Severity.WARNING,
                "Throughput plateaus at about " + Numbers.sig3(max) + " req/s from " + Numbers.sig3(reached.concurrency())
                        + " VUs: capacity reached",
                List.of(new Evidence("max throughput", max, "req/s"), new Evidence("plateau from", reached.concurrency(), "VUs"),
                        new Evidence("load at the top", top.concurrency(), "VUs"),
                        new Evidence("throughput growth beyond the plateau", growth, "%"),
                        new Evidence("latency at the plateau start", reached.meanLatencyMillis(), "ms"),
                        new Evidence("latency at the top", top.meanLatencyMillis(), "ms")),
                "More load only adds queueing: find the saturated resource (worker pool, connection pool, CPU, a lock) "
                        + "at " + Numbers.sig3(reached.concurrency()) + " concurrent users; 'headroom capacity' fits the "
                        + "scalability curve to this run."));
    }

    static Optional<Finding> latencyGrowth(List<LoadLevel> levels) {
        if (levels.size() < 4 || !LoadLevel.varies(levels)) return Optional.empty();
        LoadLevel low = levels.get(0), high = levels.get(levels.size() - 1);
        if (low.meanLatencyMillis() <= 0 || high.meanLatencyMillis() < 2 * low.meanLatencyMillis()) return Optional.empty();
        double[] n = levels.stream().mapToDouble(LoadLevel::concurrency).toArray();
        double[] r = levels.stream().mapToDouble(LoadLevel::meanLatencyMillis).toArray();
        double[] logR = new double[r.length];
        for (int i = 0; i < r.length; i++) logR[i] = Math.log(Math.max(r[i], 1e-3));
        double linear = rSquared(n, r);
        double exponential = rSquared(n, logR);
        boolean exp = exponential > linear + 0.02;
        List<Evidence> evidence = List.of(new Evidence("latency at " + Numbers.sig3(low.concurrency()) + " VUs", low.meanLatencyMillis(), "ms"),
                new Evidence("latency at " + Numbers.sig3(high.concurrency()) + " VUs", high.meanLatencyMillis(), "ms"),
                new Evidence("R² linear", linear, ""), new Evidence("R² exponential", exponential, ""));
        if (exp) {
            return Optional.of(new Finding.LatencyGrowth(Severity.BAD,
                    "Latency grows exponentially with load (" + Numbers.sig3(high.meanLatencyMillis() / low.meanLatencyMillis())
                            + "× over the run): a resource is running out", evidence,
                    "Exponential growth means exhaustion, not plain queueing: watch pool sizes, memory and GC, "
                            + "connection and thread counts at the load where the curve bends."));
        }
        return Optional.of(new Finding.LatencyGrowth(Severity.WARNING,
                "Latency grows linearly with load (" + Numbers.sig3(high.meanLatencyMillis() / low.meanLatencyMillis())
                        + "× over the run): requests queue at a capacity limit", evidence,
                "Linear growth past a knee is queueing in front of a fixed capacity (Little's law): add capacity "
                        + "to the bottleneck or keep the load below the knee."));
    }

    static Optional<Finding> errorCliff(List<LoadLevel> levels) {
        if (levels.size() < 3) return Optional.empty();
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).errorRate() < 0.05) continue;
            boolean cleanBefore = levels.subList(0, i).stream().allMatch(l -> l.errorRate() < 0.01);
            if (!cleanBefore) return Optional.empty();
            LoadLevel before = levels.get(i - 1), at = levels.get(i);
            return Optional.of(new Finding.ErrorCliff(Severity.BAD,
                    "Errors jump from " + Numbers.percent(before.errorRate()) + " to " + Numbers.percent(at.errorRate())
                            + " at about " + Numbers.sig3(at.concurrency()) + " VUs: a hard limit",
                    List.of(new Evidence("error rate below", before.errorRate(), "%"),
                            new Evidence("error rate at", at.errorRate(), "%"),
                            new Evidence("last clean load", before.concurrency(), "VUs"),
                            new Evidence("cliff load", at.concurrency(), "VUs")),
                    "A sudden jump is a configured limit, not gradual overload: connection or thread pool size, "
                            + "file descriptors, rate limiter, queue bound; find the limit near "
                            + Numbers.sig3(at.concurrency()) + " concurrent requests."));
        }
        return Optional.empty();
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
        return Optional.of(new Finding.EndpointTail(Severity.WARNING,
                "Endpoint " + worst + " makes " + Numbers.percent(tailShare) + " of the slowest 5 % with "
                        + Numbers.percent(requestShare) + " of the requests",
                List.of(new Evidence("share of the slowest 5 %", tailShare, "%"), new Evidence("share of requests", requestShare, "%"),
                        new Evidence("p95 of all requests", p95Value / TrendStats.HISTOGRAM_SCALE, "ms")),
                "Tune " + worst + " first: the overall tail is mostly this endpoint (its queries, its dependencies, "
                        + "its payload size)."));
    }

    static Optional<Finding> littlesLaw(RunView view) {
        List<RunInfo.ScenarioInfo> scenarios = view.result().info().scenarios();
        double iterations = view.counter(BuiltinMetrics.ITERATIONS, Tags.empty());
        Optional<TrendStats> iterationTime = view.trend(BuiltinMetrics.ITERATION_DURATION, Tags.empty());
        if (scenarios.isEmpty() || iterations < MIN_REQUESTS || iterationTime.isEmpty()) return Optional.empty();
        boolean open = scenarios.stream().allMatch(RunInfo.ScenarioInfo::openModel);
        boolean closed = scenarios.stream().noneMatch(RunInfo.ScenarioInfo::openModel);
        double ratePerSecond = iterations / view.durationSeconds();
        double seconds = iterationTime.get().avg() / 1000;
        double predicted = ratePerSecond * seconds;
        if (closed) {
            // Start-up and the end of a run distort both sides; only judge runs with five full seconds of VUs.
            double[] vus = LoadLevel.seconds(view.result()).stream()
                    .filter(s -> s.durationMillis() >= 900 && s.vus() > 0).mapToDouble(LoadLevel.Second::vus).toArray();
            if (vus.length < MIN_LITTLE_SECONDS) return Optional.empty();
            double measured = Arrays.stream(vus).average().orElse(0);
            if (measured <= 0 || predicted <= 0) return Optional.empty();
            double ratio = measured / predicted;
            List<Evidence> evidence = List.of(new Evidence("mean active VUs", measured, ""),
                    new Evidence("iterations/s", ratePerSecond, ""), new Evidence("mean iteration time", seconds * 1000, "ms"),
                    new Evidence("throughput × time (L = λW)", predicted, ""), new Evidence("measured / predicted", ratio, "×"));
            if (Math.abs(ratio - 1) <= 0.25) {
                return Optional.of(new Finding.LittlesLaw(Severity.INFO,
                        "Little's law holds: " + Numbers.sig3(measured) + " VUs ≈ " + Numbers.sig3(ratePerSecond)
                                + " it/s × " + Numbers.sig3(seconds * 1000) + " ms", evidence,
                        "The VUs spent their time in timed iterations: the numbers are consistent."));
            }
            return Optional.of(new Finding.LittlesLaw(Severity.WARNING,
                    "Little's law does not add up: " + Numbers.sig3(measured) + " VUs but throughput × iteration time = "
                            + Numbers.sig3(predicted), evidence,
                    ratio > 1 ? "VUs spent time outside timed iterations (start-up, ramps, pauses in the generator): "
                            + "the generator may be starved of CPU, or the run was short compared with its ramps."
                            : "Iterations overlapped the active VUs' time (graceful stops, long iterations cut at the end): "
                            + "run longer so that edge effects fade."));
        }
        if (open) {
            int maxVus = scenarios.stream().mapToInt(RunInfo.ScenarioInfo::maxVus).sum();
            if (maxVus <= 0) return Optional.empty();
            double use = predicted / maxVus;
            List<Evidence> evidence = List.of(new Evidence("arrival rate", ratePerSecond, "req/s"),
                    new Evidence("mean iteration time", seconds * 1000, "ms"),
                    new Evidence("concurrency needed (L = λW)", predicted, ""), new Evidence("maxVUs", maxVus, ""));
            if (use < 0.8) {
                return Optional.of(new Finding.LittlesLaw(Severity.INFO,
                        "Little's law: the arrival rate needed " + Numbers.sig3(predicted) + " concurrent VUs of " + maxVus,
                        evidence, "Enough VUs for this rate and latency."));
            }
            return Optional.of(new Finding.LittlesLaw(Severity.WARNING,
                    "Little's law: the arrival rate needed " + Numbers.sig3(predicted) + " concurrent VUs, close to maxVUs "
                            + maxVus, evidence,
                    "Raise maxVUs above rate × latency (with room for latency growth), or iterations will be dropped."));
        }
        return Optional.empty();
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
        List<Evidence> evidence = List.of(new Evidence("mean latency, first tenth", t.meanA(), "ms"),
                new Evidence("mean latency, last tenth", t.meanB(), "ms"), new Evidence("drift", drift, "%"),
                new Evidence("p-value (Welch)", t.pValue(), ""));
        if (severity == Severity.INFO) {
            return Optional.of(new Finding.LatencyDrift(Severity.INFO, "Latency is stable over the run: "
                    + Numbers.sig3(t.meanA()) + " ms → " + Numbers.sig3(t.meanB()) + " ms from the first to the last tenth"
                    + (significant ? "" : " (no significant drift)"), evidence, "Nothing builds up at this load and duration."));
        }
        return Optional.of(new Finding.LatencyDrift(severity, "Latency drifts up at constant load: "
                + Numbers.sig3(t.meanA()) + " ms → " + Numbers.sig3(t.meanB()) + " ms (" + Numbers.signedPercent(drift)
                + ", significant) from the first to the last tenth", evidence,
                "Something builds up: memory (heap after GC), connections or threads not returned, growing tables or "
                        + "caches, log files; compare heap and pool sizes at the start and the end."));
    }

    private static final Pattern PERCENTILE_BELOW =
            Pattern.compile("\\s*p\\((\\d+(?:\\.\\d+)?)\\)\\s*<=?\\s*(\\d+(?:\\.\\d+)?)\\s*");
    private static final Pattern RATE_BELOW =
            Pattern.compile("\\s*rate\\s*<=?\\s*(\\d+(?:\\.\\d+)?)\\s*");

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
        String broken = crossed.get(0).spec().selector() + " " + crossed.get(0).spec().expression();
        for (ThresholdResult t : crossed) {
            double actual = ((ThresholdVerdict.Crossed) t.verdict()).actual();
            evidence.add(new Evidence(t.spec().selector() + " " + t.spec().expression() + " actual", actual, ""));
            ToDoubleFunction<LoadLevel.Second> perSecond = null;
            double limit = 0;
            var p = PERCENTILE_BELOW.matcher(t.spec().expression());
            var r = RATE_BELOW.matcher(t.spec().expression());
            if (t.spec().selector().equals(BuiltinMetrics.HTTP_REQ_DURATION) && p.matches()) {
                double pct = Double.parseDouble(p.group(1));
                limit = Double.parseDouble(p.group(2));
                if (pct == 95) perSecond = LoadLevel.Second::p95LatencyMillis;
                else if (pct == 99) perSecond = LoadLevel.Second::p99LatencyMillis;
            } else if (t.spec().selector().equals(BuiltinMetrics.HTTP_REQ_FAILED) && r.matches()) {
                limit = Double.parseDouble(r.group(1));
                perSecond = s -> s.failed() / s.requests();
            }
            if (perSecond == null) continue;
            for (int i = 0; i < seconds.size(); i++) {
                if (perSecond.applyAsDouble(seconds.get(i)) >= limit) {
                    if (i > 0 && (held == null || seconds.get(i - 1).offsetMillis() < held.offsetMillis())) {
                        held = seconds.get(i - 1);
                        broke = seconds.get(i);
                        broken = t.spec().selector() + " " + t.spec().expression();
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
        evidence.add(new Evidence("peak throughput", peak, "req/s"));
        String title;
        if (held != null) {
            evidence.add(new Evidence("last rate that held", held.requestsPerSecond(), "req/s"));
            evidence.add(new Evidence("at", held.offsetMillis() / 1000.0, "s"));
            title = "Breaking point: " + broken + " broke; the last rate that held was about "
                    + Numbers.sig3(held.requestsPerSecond()) + " req/s (at " + Numbers.sig3(held.offsetMillis() / 1000.0) + " s)";
        } else {
            title = "Breaking point: " + broken + " broke and stopped the run; peak throughput " + Numbers.sig3(peak) + " req/s";
        }
        return Optional.of(new Finding.BreakingPoint(Severity.WARNING, title, evidence,
                "Plan capacity below the last rate that held (with headroom for peaks), and find what broke first "
                        + "at that rate: the other findings name the symptom."));
    }

    private static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** INFO below {@code warning}, WARNING up to {@code bad}, BAD above. */
    static Severity band(double value, double warning, double bad) {
        return value > bad ? Severity.BAD : value >= warning ? Severity.WARNING : Severity.INFO;
    }

    /** R² of the least-squares line through (x, y). */
    static double rSquared(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) return 0;
        return sxy * sxy / (sxx * syy);
    }
}
