package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.core.result.RunResult;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.target.ObservedTarget;
import io.headroom.profiler.target.TargetSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules on what was observed of the target ({@link ObservedTarget} and the gauges in the run): first each
 * problem met while watching, then CPU at peak (healthy under 70 %, warning to 85 %, bad above),
 * memory at peak, GC pause p99 (under 50 ms, to 200 ms, above), the top hot method's share, memory growth
 * (fitted on the heap after GC when the target was profiled or is a monitored JVM Headroom could attach to,
 * with a minimum of data, see
 * {@link #memoryGrowth}; resident memory alone is weak evidence and never a warning) and the generator's own
 * load. Apart from {@link Diagnosis}, whose findings are the run's alone: these need the observation. Stateless.
 */
public final class TargetDiagnosis {
    static final double CPU_WARNING_PERCENT = 70;
    static final double CPU_BAD_PERCENT = 85;
    static final double GC_WARNING_MILLIS = 50;
    static final double GC_BAD_MILLIS = 200;

    private TargetDiagnosis() {}

    /** Every finding on what {@code observed} saw during {@code result}: its problems, then the rules'; never null. */
    public static List<Finding> of(RunResult result, ObservedTarget observed) {
        return of(result, observed, LeakCheck.DEFAULT);
    }

    /** As {@link #of(RunResult, ObservedTarget)}, the leak rule needing {@code check}'s heap-after-GC data. */
    public static List<Finding> of(RunResult result, ObservedTarget observed, LeakCheck check) {
        List<Finding> findings = new ArrayList<>();
        for (ObservedTarget.Problem p : observed.problems()) {
            findings.add(Finding.described(Rule.TARGET_OBSERVATION, Severity.WARNING, p.title(), p.detail()));
        }
        ProfileReport targetProfile = observed.target() == null ? null : observed.target().profile().report();
        HeapSource heap = HeapSource.PROFILE;
        if ((targetProfile == null || targetProfile.heapAfterGc().points().isEmpty()) && observed.monitoredPid() != null) {
            // The JFR recording (steady window only) wins when it saw collections; else the JMX series of the whole run.
            heap = observed.monitoredHeap() != null
                    ? new HeapSource(observed.monitoredHeap(), observed.monitoredPid(), null)
                    : new HeapSource(null, observed.monitoredPid(), observed.heapProblem());
        }
        findings.addAll(of(result, observed.cores(), targetProfile,
                observed.generator() == null ? null : observed.generator().profile().report(), check, heap));
        return findings;
    }

    /**
     * Where the leak rule's heap after GC comes from when the target's JFR profile has none: the monitored
     * JVM read over JMX ({@code heap} non-null), or why it could not be ({@code whyNot}, e.g. "could not
     * attach: ..."). {@link #PROFILE}: only the profile's, as when nothing was monitored.
     */
    record HeapSource(ProfileReport.HeapAfterGc heap, Long pid, String whyNot) {
        static final HeapSource PROFILE = new HeapSource(null, null, null);
    }

    /** {@code targetProfile} and {@code selfProfile} may be null; {@code cores} is 0 when the target was not monitored. */
    static List<Finding> of(RunResult result, int cores, ProfileReport targetProfile, ProfileReport selfProfile) {
        return of(result, cores, targetProfile, selfProfile, LeakCheck.DEFAULT);
    }

    /** As {@link #of(RunResult, int, ProfileReport, ProfileReport)}, the leak rule needing {@code check}'s data. */
    static List<Finding> of(RunResult result, int cores, ProfileReport targetProfile, ProfileReport selfProfile,
                            LeakCheck check) {
        return of(result, cores, targetProfile, selfProfile, check, HeapSource.PROFILE);
    }

    /** As above, the leak rule falling back to {@code monitored}'s heap when the profile has none. */
    static List<Finding> of(RunResult result, int cores, ProfileReport targetProfile, ProfileReport selfProfile,
                            LeakCheck check, HeapSource monitored) {
        List<Finding> findings = new ArrayList<>();
        List<TargetSeries.Point> cpu = TargetSeries.of(result, TargetSeries.CPU);
        if (!cpu.isEmpty()) {
            double peak = cpu.stream().mapToDouble(TargetSeries.Point::value).max().orElse(0);
            Severity severity = peak > CPU_BAD_PERCENT ? Severity.BAD
                    : peak >= CPU_WARNING_PERCENT ? Severity.WARNING : Severity.INFO;
            String verdict = switch (severity) {
                case INFO -> "healthy, under 70 %";
                case WARNING -> "warning, 70-85 %: little headroom left";
                case BAD -> "saturated, above 85 %: the target's CPU is the likely bottleneck";
            };
            findings.add(Finding.described(Rule.TARGET_CPU, severity, String.format(Locale.ROOT, "Target CPU at peak: %.0f %% (%s)",
                    peak, verdict), String.format(Locale.ROOT, "Highest one-second share of all %d cores the target"
                    + " used; average %.0f %% over %d samples.", cores, average(cpu), cpu.size())));
        }
        List<TargetSeries.Point> rss = TargetSeries.of(result, TargetSeries.RSS);
        if (!rss.isEmpty()) {
            double peak = rss.stream().mapToDouble(TargetSeries.Point::value).max().orElse(0);
            findings.add(Finding.described(Rule.TARGET_MEMORY, Severity.INFO, "Target memory at peak: " + Numbers.bytes(peak) + " resident",
                    "From " + Numbers.bytes(rss.get(0).value()) + " at the first sample to "
                            + Numbers.bytes(rss.get(rss.size() - 1).value()) + " at the last."));
        }
        if (targetProfile != null) {
            ProfileReport.GcProfile gc = targetProfile.gc();
            if (gc.pauseCount() > 0) {
                double p99 = gc.p99PauseMillis();
                Severity severity = p99 > GC_BAD_MILLIS ? Severity.BAD
                        : p99 >= GC_WARNING_MILLIS ? Severity.WARNING : Severity.INFO;
                findings.add(Finding.described(Rule.TARGET_GC_PAUSES, severity, String.format(Locale.ROOT, "Target GC pause p99: %s (%s)",
                        millis(p99), severity == Severity.INFO ? "healthy, under 50 ms"
                                : severity == Severity.WARNING ? "warning, 50-200 ms" : "bad, above 200 ms"),
                        String.format(Locale.ROOT, "%d pauses, %s in total, max %s; collector %s.", gc.pauseCount(),
                                millis(gc.totalPauseMillis()), millis(gc.maxPauseMillis()),
                                gc.collector().isEmpty() ? "unknown" : gc.collector())));
            }
            List<ProfileReport.HotMethod> hot = targetProfile.cpu().topSelf();
            if (!hot.isEmpty()) {
                ProfileReport.HotMethod top = hot.get(0);
                findings.add(Finding.described(Rule.TARGET_HOT_METHOD, top.selfPercent() >= 50 ? Severity.WARNING : Severity.INFO,
                        String.format(Locale.ROOT, "Top hot method: %s, %.0f %% of CPU samples", top.method(),
                                top.selfPercent()),
                        String.format(Locale.ROOT, "%d of %d samples ended in it (%.0f %% passed through it); see the"
                                + " flame graph.", top.selfSamples(), targetProfile.cpu().sampleCount(), top.totalPercent())));
            }
        }
        ProfileReport.HeapAfterGc profiled = targetProfile == null ? null : targetProfile.heapAfterGc();
        if (monitored.heap() != null && (profiled == null || profiled.points().isEmpty())) {
            memoryGrowth(rss, monitored.heap(), check, monitored).ifPresent(findings::add);
        } else {
            memoryGrowth(rss, profiled, check, monitored).ifPresent(findings::add);
        }
        if (selfProfile != null) {
            ProfileReport.ProcessCpu process = selfProfile.cpu().process();
            double gcP99 = selfProfile.gc().p99PauseMillis();
            boolean busy = process.maxJvmPercent() > CPU_BAD_PERCENT || gcP99 > GC_BAD_MILLIS;
            findings.add(Finding.described(Rule.GENERATOR_PROFILE, busy ? Severity.WARNING : Severity.INFO,
                    String.format(Locale.ROOT, "Generator (Headroom's JVM): CPU at peak %.0f %%, %s",
                            process.maxJvmPercent(), selfProfile.gc().pauseCount() == 0 ? "no GC pause"
                                    : "GC pause p99 " + millis(gcP99)),
                    busy ? "The generator itself was busy: latencies may include its own delays."
                            : "The generator was not the bottleneck."));
        }
        return findings;
    }

    /**
     * The leak rule. Evidence from the heap when the target was profiled: the lowest heap used after GC in
     * each fifth of the recording (the floor the live set sets; a young collection's result also holds objects
     * promoted early and only reclaimed by the next old collection), a least-squares line through those five
     * floors, a leak when it climbs steadily ({@link MemoryGrowth#looksLikeLeak()}), and only with at least
     * {@code check}'s collections and span, else "inconclusive". Without the heap, resident memory is weak
     * evidence (it grows while a healthy heap expands toward its maximum): at most an info finding saying so.
     */
    static java.util.Optional<Finding> memoryGrowth(List<TargetSeries.Point> rss, ProfileReport.HeapAfterGc heap,
                                                    LeakCheck check) {
        return memoryGrowth(rss, heap, check, HeapSource.PROFILE);
    }

    /**
     * As above; {@code source} says whether {@code heap} was read over JMX from the monitored JVM (its pid set
     * and its heap the one passed) rather than from the JFR profile, or why the monitored JVM's was not read.
     */
    static java.util.Optional<Finding> memoryGrowth(List<TargetSeries.Point> rss, ProfileReport.HeapAfterGc heap,
                                                    LeakCheck check, HeapSource source) {
        boolean overJmx = heap != null && heap == source.heap();
        String origin = overJmx ? " Heap after GC read over JMX from the monitored JVM (pid " + source.pid()
                + ", --monitor-pid) once a second." : "";
        String whyNoHeap = source.whyNot() == null ? "" : " Heap after GC not sampled: " + source.whyNot()
                + (source.whyNot().endsWith(".") ? "" : ".");
        MemoryGrowth rssFit = rssFit(rss);
        String rssNumbers = rssFit == null ? "" : String.format(Locale.ROOT, "resident memory %+.0f MB/hour, R² %.2f over "
                + "%d samples in %.0f s", rssFit.megabytesPerHour(), rssFit.rSquared(), rssFit.points(), rssFit.spanSeconds());
        // What the samples did, without an hourly rate: seconds extrapolated to an hour read as growth where none is
        // claimed ("no steady growth: +45,000 MB/hour"), so a span too short for a verdict, or no growth, says this.
        String rssChange = rssFit == null ? "" : String.format(Locale.ROOT, "resident memory %+.1f MB over %.0f s (%d samples,"
                + " R² %.2f)", rssFit.growthBytes() / (1024 * 1024), rssFit.spanSeconds(), rssFit.points(), rssFit.rSquared());
        boolean rssShort = rssFit != null && rssFit.spanSeconds() < check.minSpanSeconds();
        if (heap != null && !heap.points().isEmpty()) {
            List<ProfileReport.HeapPoint> points = heap.points();
            double span = points.get(points.size() - 1).seconds() - points.get(0).seconds();
            String meanwhile = rssFit == null ? "" : " Meanwhile " + (rssShort ? rssChange : rssNumbers)
                    + " (not used: it grows while a heap expands).";
            if (points.size() < check.minCollections() || span < check.minSpanSeconds()) {
                return java.util.Optional.of(Finding.described(Rule.TARGET_MEMORY_GROWTH, Severity.INFO,
                        String.format(Locale.ROOT, "Leak check inconclusive: %d collections over %.0f s of heap after GC",
                                points.size(), span),
                        String.format(Locale.ROOT, "A verdict needs at least %d collections over at least %.0f s of the "
                                        + "%s; fewer or shorter, a heap still filling to its working size "
                                        + "climbs like a leak. Run longer (a soak run)%s.%s%s",
                                check.minCollections(), check.minSpanSeconds(), overJmx ? "run" : "profiled window",
                                overJmx ? "" : " with --profile-pid", origin, meanwhile)));
            }
            MemoryGrowth floor = MemoryGrowth.fit(floors(points));
            if (floor == null) return java.util.Optional.empty();
            String numbers = String.format(Locale.ROOT, "the lowest heap used after GC in each fifth of %.0f s "
                    + "(%d collections): %+.0f MB/hour, R² %.2f (least squares through the five floors), from %s to %s.",
                    span, points.size(), floor.megabytesPerHour(), floor.rSquared(),
                    Numbers.bytes(floors(points).get(0).value()), Numbers.bytes(floors(points).getLast().value()));
            if (floor.looksLikeLeak()) {
                return java.util.Optional.of(Finding.described(Rule.TARGET_MEMORY_GROWTH, Severity.WARNING,
                        String.format(Locale.ROOT, "Possible leak: heap after GC %+.0f MB/hour, R² %.2f",
                                floor.megabytesPerHour(), floor.rSquared()),
                        "What survives collection climbed steadily: " + numbers + " A heap dump (jcmd PID GC.heap_dump)"
                                + " taken twice, minutes apart, shows what grows." + origin + meanwhile));
            }
            return java.util.Optional.of(Finding.described(Rule.TARGET_MEMORY_GROWTH, Severity.INFO,
                    "No steady heap growth after GC", "The target's " + numbers + origin + meanwhile));
        }
        if (rssFit == null) return java.util.Optional.empty();
        if (rssShort) {
            // Seconds of resident memory say nothing either way: a heap still filling climbs like a leak.
            return java.util.Optional.of(Finding.described(Rule.TARGET_MEMORY_GROWTH, Severity.INFO,
                    String.format(Locale.ROOT, "Memory growth: too short to judge (%.0f s of resident memory)", rssFit.spanSeconds()),
                    String.format(Locale.ROOT, "A trend needs at least %.0f s; a heap still filling to its working size "
                            + "climbs like a leak before that. The target's ", check.minSpanSeconds())
                            + rssChange + " after the first fifth." + whyNoHeap));
        }
        if (rssFit.looksLikeLeak()) {
            return java.util.Optional.of(Finding.described(Rule.TARGET_MEMORY_GROWTH, Severity.INFO,
                    String.format(Locale.ROOT, "Resident memory grew: %+.0f MB/hour, R² %.2f; heap after GC not observed",
                            rssFit.megabytesPerHour(), rssFit.rSquared()),
                    "The target's " + rssNumbers + " (least squares, after the first fifth). Weak evidence of a leak: a "
                            + "JVM's resident memory grows while its heap expands toward its maximum size, and that is "
                            + "not a leak. Profile the target too (--profile-pid PID) so the heap after GC is fitted."
                            + whyNoHeap));
        }
        String why = rssFit.slopeBytesPerSecond() <= 0 ? "it did not climb" : rssFit.rSquared() < 0.8
                ? "the samples follow no line (R² under 0.8)" : "it added less than a tenth of its level";
        return java.util.Optional.of(Finding.described(Rule.TARGET_MEMORY_GROWTH, Severity.INFO, "No steady memory growth",
                "The target's " + rssChange + " after the first fifth: " + why + "." + whyNoHeap));
    }

    /** Resident memory after the first fifth of the run (warm-up: the JIT, class loading, the heap growing). */
    private static MemoryGrowth rssFit(List<TargetSeries.Point> rss) {
        return MemoryGrowth.fit(rss.subList(rss.size() / 5, rss.size()));
    }

    /** The lowest heap-after-GC point in each fifth of the points' span, in time order (empty fifths skipped). */
    static List<TargetSeries.Point> floors(List<ProfileReport.HeapPoint> points) {
        double start = points.get(0).seconds();
        double span = points.get(points.size() - 1).seconds() - start;
        ProfileReport.HeapPoint[] lowest = new ProfileReport.HeapPoint[5];
        for (ProfileReport.HeapPoint p : points) {
            int bin = span <= 0 ? 0 : Math.min(4, (int) ((p.seconds() - start) / span * 5));
            if (lowest[bin] == null || p.usedBytes() < lowest[bin].usedBytes()) lowest[bin] = p;
        }
        List<TargetSeries.Point> floors = new ArrayList<>();
        for (ProfileReport.HeapPoint p : lowest) if (p != null) floors.add(new TargetSeries.Point(p.seconds(), p.usedBytes()));
        return floors;
    }

    private static double average(List<TargetSeries.Point> points) {
        return points.stream().mapToDouble(TargetSeries.Point::value).average().orElse(0);
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.1f ms" : "%.0f ms", millis);
    }
}
