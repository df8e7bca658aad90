package io.headroom.profiler.flame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two profiles of the same program compared frame by frame: for every call path of the "after" profile,
 * its share of all samples after minus its share before, in percentage points. Shares, not counts, so two
 * recordings of different lengths compare. A call path only in "before" has no frame to draw in "after";
 * {@link #vanished} lists the biggest of them. Immutable and thread-safe.
 */
public final class FlameDiff {
    private final FrameTrie before;
    private final FrameTrie after;
    private final String unit;
    private final double[] deltaPoints;
    private final long[] beforeTotals;
    private final List<Change> vanished;

    /** One call path's change: frames root first (without the root), share before and after in percent. */
    public record Change(List<String> path, double beforePercent, double afterPercent) {
        public Change {
            path = List.copyOf(path);
        }

        /** After minus before, in percentage points. */
        public double deltaPoints() {
            return afterPercent - beforePercent;
        }
    }

    private FlameDiff(FrameTrie before, FrameTrie after, String unit) {
        this.before = before;
        this.after = after;
        this.unit = unit;
        List<Double> deltas = new ArrayList<>();
        List<Long> befores = new ArrayList<>();
        double beforeAll = before.root().totalSamples();
        double afterAll = after.root().totalSamples();
        // The same iterative pre-order as FlameGraphHtml's data: node, then its children in list order.
        Deque<FrameTrie.Node[]> work = new ArrayDeque<>();
        work.push(new FrameTrie.Node[] {after.root(), before.root()});
        while (!work.isEmpty()) {
            FrameTrie.Node[] pair = work.pop();
            FrameTrie.Node a = pair[0];
            FrameTrie.Node b = pair[1];
            long bTotal = b == null ? 0 : b.totalSamples();
            befores.add(bTotal);
            deltas.add(share(a.totalSamples(), afterAll) - share(bTotal, beforeAll));
            Map<String, FrameTrie.Node> bChildren = new HashMap<>();
            if (b != null) for (FrameTrie.Node c : b.children()) bChildren.put(c.name(), c);
            List<FrameTrie.Node> children = a.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                work.push(new FrameTrie.Node[] {children.get(i), bChildren.get(children.get(i).name())});
            }
        }
        deltaPoints = deltas.stream().mapToDouble(Double::doubleValue).toArray();
        beforeTotals = befores.stream().mapToLong(Long::longValue).toArray();
        vanished = vanished(before.root(), after.root(), beforeAll);
    }

    /** Compares {@code before} with {@code after}; both counted in {@code unit} ({@code samples}, {@code ms}). */
    public static FlameDiff of(CollapsedStacks before, CollapsedStacks after, String unit) {
        return new FlameDiff(FrameTrie.of(before), FrameTrie.of(after), unit);
    }

    private static double share(double part, double whole) {
        return whole <= 0 ? 0 : 100.0 * part / whole;
    }

    /** Call paths of "before" that "after" does not have at all, biggest first (at most 20). */
    private static List<Change> vanished(FrameTrie.Node beforeRoot, FrameTrie.Node afterRoot, double beforeAll) {
        List<Change> gone = new ArrayList<>();
        Deque<Object[]> work = new ArrayDeque<>(); // {before node, after node, path}
        work.push(new Object[] {beforeRoot, afterRoot, List.<String>of()});
        while (!work.isEmpty()) {
            Object[] item = work.pop();
            FrameTrie.Node b = (FrameTrie.Node) item[0];
            FrameTrie.Node a = (FrameTrie.Node) item[1];
            @SuppressWarnings("unchecked") List<String> path = (List<String>) item[2];
            Map<String, FrameTrie.Node> aChildren = new HashMap<>();
            for (FrameTrie.Node c : a.children()) aChildren.put(c.name(), c);
            for (FrameTrie.Node c : b.children()) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(c.name());
                FrameTrie.Node match = aChildren.get(c.name());
                if (match == null) gone.add(new Change(childPath, share(c.totalSamples(), beforeAll), 0));
                else work.push(new Object[] {c, match, childPath});
            }
        }
        gone.sort(Comparator.comparingDouble(Change::beforePercent).reversed());
        return gone.subList(0, Math.min(20, gone.size()));
    }

    public FrameTrie before() {
        return before;
    }

    /** The profile whose frames and widths the differential graph draws. */
    public FrameTrie after() {
        return after;
    }

    /** What the counts are: {@code samples} or {@code ms}. */
    public String unit() {
        return unit;
    }

    /** Per node of {@link #after} in pre-order (children in list order): share after minus before, in points. */
    double[] deltaPointsPreOrder() {
        return deltaPoints.clone();
    }

    /** Per node of {@link #after} in pre-order: the same call path's total in "before"; 0 when it had none. */
    long[] beforeTotalsPreOrder() {
        return beforeTotals.clone();
    }

    /** The biggest call paths of "before" missing from "after" (at most 20), largest share first. */
    public List<Change> vanished() {
        return vanished;
    }

    /**
     * The call paths of "after" whose share changed most (grown or shrunk), at most {@code limit}, largest
     * change first; for the terminal summary.
     */
    public List<Change> biggestChanges(int limit) {
        List<Change> changes = new ArrayList<>();
        double beforeAll = before.root().totalSamples();
        double afterAll = after.root().totalSamples();
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {after.root(), before.root(), List.<String>of()});
        while (!work.isEmpty()) {
            Object[] item = work.pop();
            FrameTrie.Node a = (FrameTrie.Node) item[0];
            FrameTrie.Node b = (FrameTrie.Node) item[1];
            @SuppressWarnings("unchecked") List<String> path = (List<String>) item[2];
            Map<String, FrameTrie.Node> bChildren = new HashMap<>();
            if (b != null) for (FrameTrie.Node c : b.children()) bChildren.put(c.name(), c);
            for (FrameTrie.Node c : a.children()) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(c.name());
                FrameTrie.Node match = bChildren.get(c.name());
                // Self time is where a change is made; totals would repeat it for every caller.
                changes.add(new Change(childPath, share(match == null ? 0 : match.selfSamples(), beforeAll),
                        share(c.selfSamples(), afterAll)));
                work.push(new Object[] {c, match, childPath});
            }
        }
        changes.addAll(vanished); // a call path gone altogether lost its whole share
        changes.removeIf(c -> c.deltaPoints() == 0);
        changes.sort(Comparator.comparingDouble((Change c) -> Math.abs(c.deltaPoints())).reversed());
        return changes.subList(0, Math.min(limit, changes.size()));
    }
}
