package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.HotMethod;
import io.headroom.profiler.flame.CollapsedStacks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Top methods of a CPU profile by self samples (the stack ended in the method: it was running) and by
 * total samples (the method was anywhere on the stack: the time was spent on its behalf). Stateless.
 */
public final class HotMethods {
    private HotMethods() {}

    /** The {@code limit} methods with the most self samples (at least one), most first; ties by name. */
    public static List<HotMethod> bySelf(CollapsedStacks stacks, int limit) {
        List<HotMethod> all = top(stacks, Integer.MAX_VALUE, Comparator.comparingLong(HotMethod::selfSamples).reversed()
                .thenComparing(Comparator.comparingLong(HotMethod::totalSamples).reversed()));
        return all.stream().filter(m -> m.selfSamples() > 0).limit(limit).toList();
    }

    /** The {@code limit} methods with the most total samples, most first; ties by name. */
    public static List<HotMethod> byTotal(CollapsedStacks stacks, int limit) {
        return top(stacks, limit, Comparator.comparingLong(HotMethod::totalSamples).reversed()
                .thenComparing(Comparator.comparingLong(HotMethod::selfSamples).reversed()));
    }

    private static List<HotMethod> top(CollapsedStacks stacks, int limit, Comparator<HotMethod> order) {
        Map<String, long[]> counts = new HashMap<>(); // method -> {self, total}
        Set<String> seenInStack = new HashSet<>();
        stacks.forEach((frames, samples) -> {
            seenInStack.clear();
            for (String frame : frames) {
                // A recursive method is on the stack several times but the sample is spent on it once.
                if (seenInStack.add(frame)) counts.computeIfAbsent(frame, f -> new long[2])[1] += samples;
            }
            counts.get(frames.get(frames.size() - 1))[0] += samples;
        });
        long all = stacks.totalSamples();
        List<HotMethod> methods = new ArrayList<>(counts.size());
        counts.forEach((method, c) -> methods.add(new HotMethod(method, c[0], c[1], Numbers.percent(c[0], all),
                Numbers.percent(c[1], all))));
        methods.sort(order.thenComparing(HotMethod::method));
        return List.copyOf(methods.subList(0, Math.min(limit, methods.size())));
    }
}
