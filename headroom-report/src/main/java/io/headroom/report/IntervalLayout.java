package io.headroom.report;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.IntervalPoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * How interval points are stored: one table entry per distinct series with one slot per point. The
 * table is ordered so that listing each point's series in table order gives back the point's own
 * order (a topological order of "came before" within points, ties by first appearance). Points whose
 * order no single table order can reproduce keep an explicit order, by table index.
 */
record IntervalLayout(List<SeriesKey> keys, Map<SeriesKey, IntervalPoint.Series[]> slots,
                              Map<Integer, int[]> explicitOrders) {

    static IntervalLayout of(List<IntervalPoint> points) {
        Map<SeriesKey, IntervalPoint.Series[]> slots = new LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            for (IntervalPoint.Series s : points.get(i).series()) {
                slots.computeIfAbsent(SeriesKey.of(s), k -> new IntervalPoint.Series[points.size()])[i] = s;
            }
        }
        List<SeriesKey> firstSeen = new ArrayList<>(slots.keySet());
        Map<SeriesKey, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < firstSeen.size(); i++) firstIndex.put(firstSeen.get(i), i);

        // Edges a -> b when a came right before b in some point.
        List<Set<Integer>> successors = new ArrayList<>();
        for (int i = 0; i < firstSeen.size(); i++) successors.add(new LinkedHashSet<>());
        int[] incoming = new int[firstSeen.size()];
        for (IntervalPoint p : points) {
            for (int j = 1; j < p.series().size(); j++) {
                int a = firstIndex.get(SeriesKey.of(p.series().get(j - 1)));
                int b = firstIndex.get(SeriesKey.of(p.series().get(j)));
                if (a != b && successors.get(a).add(b)) incoming[b]++;
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < incoming.length; i++) if (incoming[i] == 0) ready.add(i);
        List<Integer> order = new ArrayList<>();
        boolean[] placed = new boolean[firstSeen.size()];
        while (order.size() < firstSeen.size()) {
            Integer next = ready.poll();
            if (next == null) {
                // A cycle: points disagree on the order. Break it at the earliest unplaced series.
                for (int i = 0; i < placed.length; i++) if (!placed[i]) { next = i; break; }
            }
            if (placed[next]) continue;
            placed[next] = true;
            order.add(next);
            for (int succ : successors.get(next)) {
                if (--incoming[succ] == 0 && !placed[succ]) ready.add(succ);
            }
        }
        List<SeriesKey> keys = new ArrayList<>();
        Map<SeriesKey, Integer> position = new HashMap<>();
        for (int index : order) {
            position.put(firstSeen.get(index), keys.size());
            keys.add(firstSeen.get(index));
        }
        Map<Integer, int[]> explicit = new TreeMap<>();
        for (int i = 0; i < points.size(); i++) {
            List<IntervalPoint.Series> series = points.get(i).series();
            int[] positions = new int[series.size()];
            boolean sorted = true;
            for (int j = 0; j < positions.length; j++) {
                positions[j] = position.get(SeriesKey.of(series.get(j)));
                if (j > 0 && positions[j] <= positions[j - 1]) sorted = false;
            }
            if (!sorted) explicit.put(i, positions);
        }
        return new IntervalLayout(keys, slots, explicit);
    }

    /** One interval series: its metric, kind and tags. */
    record SeriesKey(String metric, MetricKind kind, Tags tags) {
        static SeriesKey of(IntervalPoint.Series s) {
            return new SeriesKey(s.metric(), s.kind(), s.tags());
        }
    }
}
