package io.headroom.analysis.diagnose;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The run's seconds grouped by concurrency (active VUs): throughput, mean, p95 and p99 latency (p95 and p99 are
 * the mean of the seconds' percentiles) and error rate
 * at each load, lowest concurrency first. Seconds without requests are left out. Immutable.
 */
public record LoadLevel(double concurrency, int seconds, double throughputPerSecond, double meanLatencyMillis,
                        double p95LatencyMillis, double p99LatencyMillis, double errorRate) {
    /** At most this many levels; more distinct VU counts are binned by equal numbers of seconds. */
    static final int MAX_LEVELS = 12;

    /**
     * One interval's numbers; {@code durationMillis} is its length (about 1000, less for the last,
     * partial one), so {@link #requestsPerSecond()} is fair to partial seconds.
     */
    public record Second(long offsetMillis, long durationMillis, double vus, double requests, double meanLatencyMillis,
                         double p95LatencyMillis, double p99LatencyMillis, double failed) {
        public double requestsPerSecond() {
            return requests * 1000.0 / Math.max(1, durationMillis);
        }
    }

    /** Intervals shorter than this (a run's last moments) say too little about a load level. */
    static final long MIN_INTERVAL_MILLIS = 500;

    /** Every second with requests, in time order. */
    public static List<Second> seconds(RunResult result) {
        List<Second> seconds = new ArrayList<>();
        long previousOffset = 0;
        for (IntervalPoint p : result.intervals()) {
            long durationMillis = p.offsetMillis() - previousOffset;
            previousOffset = p.offsetMillis();
            double vus = 0, requests = 0, latencySum = 0, latencyCount = 0, p95 = 0, p99 = 0, failed = 0;
            for (IntervalPoint.Series s : p.series()) {
                if (!s.tags().isEmpty()) continue;
                switch (s.metric()) {
                    case BuiltinMetrics.VUS -> vus = Math.max(s.last(), s.max());
                    case BuiltinMetrics.HTTP_REQS -> requests = s.count();
                    case BuiltinMetrics.HTTP_REQ_DURATION -> {
                        latencySum = s.sum();
                        latencyCount = s.count();
                        p95 = s.p95();
                        p99 = s.p99();
                    }
                    case BuiltinMetrics.HTTP_REQ_FAILED -> failed = s.sum();
                    default -> { }
                }
            }
            if (requests <= 0 || durationMillis < MIN_INTERVAL_MILLIS) continue;
            seconds.add(new Second(p.offsetMillis(), durationMillis, vus, requests, latencyCount == 0 ? 0 : latencySum / latencyCount, p95, p99, failed));
        }
        return seconds;
    }

    /** Seconds grouped by VU count (binned when there are many distinct counts), lowest load first. */
    public static List<LoadLevel> of(RunResult result) {
        return of(seconds(result));
    }

    static List<LoadLevel> of(List<Second> seconds) {
        TreeMap<Double, List<Second>> byVus = new TreeMap<>();
        for (Second s : seconds) if (s.vus() > 0) byVus.computeIfAbsent(s.vus(), v -> new ArrayList<>()).add(s);
        List<List<Second>> groups = new ArrayList<>(byVus.values());
        if (groups.size() > MAX_LEVELS) {
            // Equal-count bins over the seconds sorted by load.
            List<Second> sorted = new ArrayList<>();
            groups.forEach(sorted::addAll);
            groups = new ArrayList<>();
            int per = (int) Math.ceil(sorted.size() / (double) MAX_LEVELS);
            for (int i = 0; i < sorted.size(); i += per) groups.add(sorted.subList(i, Math.min(sorted.size(), i + per)));
        }
        List<LoadLevel> levels = new ArrayList<>();
        for (List<Second> g : groups) {
            double vus = 0, requests = 0, latencyWeighted = 0, p95 = 0, p99 = 0, failed = 0, millis = 0;
            for (Second s : g) {
                vus += s.vus();
                millis += s.durationMillis();
                requests += s.requests();
                latencyWeighted += s.meanLatencyMillis() * s.requests();
                p95 += s.p95LatencyMillis();
                p99 += s.p99LatencyMillis();
                failed += s.failed();
            }
            levels.add(new LoadLevel(vus / g.size(), g.size(), requests * 1000 / millis, latencyWeighted / requests,
                    p95 / g.size(), p99 / g.size(), failed / requests));
        }
        return levels;
    }

    /**
     * Whether the plan itself varies the load, so that the run's seconds at different VU counts are load levels: a
     * ramping executor ({@code ramping-vus}, {@code ramping-arrival-rate}), {@code externally-controlled}, or several
     * scenarios (which may start at different times). A single constant scenario ({@code constant-vus},
     * {@code constant-arrival-rate}, {@code per-vu-iterations}, {@code shared-iterations}) holds the load: its
     * seconds at other VU counts are start-up and wind-down, not levels. Results without scenario information (older
     * or hand-built) count as varying, as before this was asked.
     */
    public static boolean planVariesLoad(RunResult result) {
        var scenarios = result.info().scenarios();
        if (scenarios.size() != 1) return true;
        String executor = scenarios.get(0).executor();
        return executor == null || executor.startsWith("ramping-") || executor.equals("externally-controlled");
    }

    /** True when the VU count is a view of offered load worth analysing: at least three levels spanning 1.5×. */
    static boolean varies(List<LoadLevel> levels) {
        return levels.size() >= 3 && levels.get(levels.size() - 1).concurrency() >= 1.5 * levels.get(0).concurrency();
    }
}
