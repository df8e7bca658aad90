package io.headroom.profiler.target;

import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The gauges {@link TargetObservation} records into a run's metrics once a second, by name, and how to read
 * one back from the run's per-second intervals. Stateless.
 */
public final class TargetSeries {
    /** The target's share of all cores, in percent (0..100). */
    public static final String CPU = "target_cpu_percent";
    /** The target's resident memory, in bytes. */
    public static final String RSS = "target_rss_bytes";
    /** The target's live threads. */
    public static final String THREADS = "target_threads";
    /** The target's open file descriptors (Linux only). */
    public static final String OPEN_FILES = "target_open_files";

    private TargetSeries() {}

    /** One sample of a series: seconds from the run's start, and the gauge's value (bytes for memory). */
    public record Point(double seconds, double value) {}

    /** The per-second values of the untagged gauge {@code metric} in {@code result}, in time order; never null. */
    public static List<Point> of(RunResult result, String metric) {
        List<Point> points = new ArrayList<>();
        for (IntervalPoint p : result.intervals()) {
            for (IntervalPoint.Series s : p.series()) {
                if (s.metric().equals(metric) && s.tags().isEmpty()) {
                    points.add(new Point(p.offsetMillis() / 1000.0, s.last()));
                }
            }
        }
        return points;
    }
}
