package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.ThreadCpu;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per-thread CPU from jdk.ThreadCPULoad and execution-sample counts; not thread-safe. */
final class ThreadCpuCollector {
    private final Map<String, Totals> byThread = new HashMap<>();

    void acceptCpuLoad(RecordedEvent event) {
        Totals t = totals(event.getThread("eventThread"));
        if (t == null) return;
        t.userSum += event.getFloat("user");
        t.systemSum += event.getFloat("system");
        t.loadSamples++;
    }

    void acceptExecutionSample(RecordedEvent event) {
        Totals t = totals(event.getThread("sampledThread"));
        if (t != null) t.executionSamples++;
    }

    /**
     * Threads are keyed by name and Java thread id together: pool threads reuse names across restarts, and
     * the id alone would print badly.
     */
    private Totals totals(RecordedThread thread) {
        if (thread == null) return null;
        String name = thread.getJavaName();
        if (name == null || name.isEmpty()) name = thread.getOSName();
        if (name == null || name.isEmpty()) name = "[unnamed]";
        String key = name + '\u0000' + thread.getJavaThreadId();
        String displayName = name;
        return byThread.computeIfAbsent(key, k -> new Totals(displayName));
    }

    List<ThreadCpu> result(int limit) {
        List<ThreadCpu> threads = new ArrayList<>();
        for (Totals t : byThread.values()) {
            double user = t.loadSamples == 0 ? 0 : Numbers.round2(100.0 * t.userSum / t.loadSamples);
            double system = t.loadSamples == 0 ? 0 : Numbers.round2(100.0 * t.systemSum / t.loadSamples);
            if (t.executionSamples == 0 && user + system == 0) continue;
            threads.add(new ThreadCpu(t.name, user, system, t.loadSamples, t.executionSamples));
        }
        threads.sort(Comparator.comparingDouble((ThreadCpu t) -> t.averageUserPercent() + t.averageSystemPercent())
                .reversed()
                .thenComparing(Comparator.comparingLong(ThreadCpu::executionSamples).reversed())
                .thenComparing(ThreadCpu::threadName));
        return threads.size() > limit ? List.copyOf(threads.subList(0, limit)) : threads;
    }

    private static final class Totals {
        final String name;
        double userSum;
        double systemSum;
        int loadSamples;
        long executionSamples;

        Totals(String name) {
            this.name = name;
        }
    }
}
