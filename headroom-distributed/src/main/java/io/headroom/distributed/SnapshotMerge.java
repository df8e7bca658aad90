package io.headroom.distributed;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.IntervalSnapshot.GaugeSnapshot;
import io.headroom.core.metric.IntervalSnapshot.SeriesSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One second of a distributed run from what its agents sent: {@link IntervalSnapshot#merge} (counters, rates and
 * trend histograms add exactly), except the engine's own per-generator gauges ({@code vus}, {@code vus_max}), which
 * add across agents (each agent's last value), since the run's VUs are the sum of every agent's. Stateless.
 */
final class SnapshotMerge {
    /** A snapshot, the index of the agent that sent it and its number among that agent's (0: its first second). */
    record Arrival(int agent, long seq, IntervalSnapshot snapshot) {
        Arrival(int agent, IntervalSnapshot snapshot) {
            this(agent, 0, snapshot);
        }
    }

    /** Gauges that count something of one generator, so the run's value is the sum over agents. */
    static final Set<String> SUMMED_GAUGES = Set.of(BuiltinMetrics.VUS, BuiltinMetrics.VUS_MAX);

    private SnapshotMerge() {}

    static IntervalSnapshot merge(List<Arrival> arrivals, long offsetMillis) {
        List<IntervalSnapshot> plain = new ArrayList<>();
        // per summed gauge and tag set: each agent's last snapshot of it
        Map<List<Object>, Map<Integer, GaugeSnapshot>> gauges = new LinkedHashMap<>();
        for (Arrival a : arrivals) {
            List<SeriesSnapshot> rest = new ArrayList<>();
            for (SeriesSnapshot s : a.snapshot().series()) {
                if (s instanceof GaugeSnapshot g && SUMMED_GAUGES.contains(g.metric())) {
                    gauges.computeIfAbsent(List.of(g.metric(), g.tags()), k -> new LinkedHashMap<>()).put(a.agent(), g);
                } else {
                    rest.add(s);
                }
            }
            plain.add(new IntervalSnapshot(a.snapshot().offsetMillis(), rest));
        }
        List<SeriesSnapshot> series = new ArrayList<>(IntervalSnapshot.merge(plain).series());
        for (Map<Integer, GaugeSnapshot> perAgent : gauges.values()) {
            GaugeSnapshot first = perAgent.values().iterator().next();
            double last = 0, min = 0, max = 0;
            for (GaugeSnapshot g : perAgent.values()) {
                last += g.last();
                min += g.min();
                max += g.max();
            }
            series.add(new GaugeSnapshot(first.metric(), first.valueType(), first.tags(), last, min, max));
        }
        return new IntervalSnapshot(offsetMillis, series);
    }
}
