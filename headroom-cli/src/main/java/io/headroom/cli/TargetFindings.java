package io.headroom.cli;

import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunResult;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.report.ReportFinding;
import io.headroom.report.ReportFinding.Severity;
import io.headroom.report.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Findings from the target's own signals: CPU at peak (healthy under 70 %, warning to 85 %, bad above),
 * memory at peak, GC pause p99 (under 50 ms, to 200 ms, above), the top hot method's share, memory growth
 * (a least-squares slope of the target's resident memory after the first fifth of the run, flagged as a
 * possible leak when it climbs steadily, see {@link MemoryGrowth#looksLikeLeak()}) and the generator's own
 * load. Stateless.
 */
final class TargetFindings {
    static final double CPU_WARNING_PERCENT = 70;
    static final double CPU_BAD_PERCENT = 85;
    static final double GC_WARNING_MILLIS = 50;
    static final double GC_BAD_MILLIS = 200;
    /** Growth measured over at least this long is a soak run's: a steady climb is then worth a warning. */
    static final double SOAK_SECONDS = 600;

    private TargetFindings() {}

    /** {@code targetProfile} and {@code selfProfile} may be null; {@code cores} is 0 when the target was not monitored. */
    static List<ReportFinding> of(RunResult result, int cores, ProfileReport targetProfile, ProfileReport selfProfile) {
        List<ReportFinding> findings = new ArrayList<>();
        List<MemoryGrowth.Point> cpu = series(result, TargetObservation.CPU);
        if (!cpu.isEmpty()) {
            double peak = cpu.stream().mapToDouble(MemoryGrowth.Point::value).max().orElse(0);
            Severity severity = peak > CPU_BAD_PERCENT ? Severity.CRITICAL
                    : peak >= CPU_WARNING_PERCENT ? Severity.WARNING : Severity.INFO;
            String verdict = switch (severity) {
                case INFO -> "healthy, under 70 %";
                case WARNING -> "warning, 70-85 %: little headroom left";
                case CRITICAL -> "saturated, above 85 %: the target's CPU is the likely bottleneck";
            };
            findings.add(new ReportFinding(severity, String.format(Locale.ROOT, "Target CPU at peak: %.0f %% (%s)",
                    peak, verdict), String.format(Locale.ROOT, "Highest one-second share of all %d cores the target"
                    + " used; average %.0f %% over %d samples.", cores, average(cpu), cpu.size())));
        }
        List<MemoryGrowth.Point> rss = series(result, TargetObservation.RSS);
        if (!rss.isEmpty()) {
            double peak = rss.stream().mapToDouble(MemoryGrowth.Point::value).max().orElse(0);
            findings.add(new ReportFinding(Severity.INFO, "Target memory at peak: " + Units.bytes(peak) + " resident",
                    "From " + Units.bytes(rss.get(0).value()) + " at the first sample to "
                            + Units.bytes(rss.get(rss.size() - 1).value()) + " at the last."));
        }
        if (targetProfile != null) {
            ProfileReport.GcProfile gc = targetProfile.gc();
            if (gc.pauseCount() > 0) {
                double p99 = gc.p99PauseMillis();
                Severity severity = p99 > GC_BAD_MILLIS ? Severity.CRITICAL
                        : p99 >= GC_WARNING_MILLIS ? Severity.WARNING : Severity.INFO;
                findings.add(new ReportFinding(severity, String.format(Locale.ROOT, "Target GC pause p99: %s (%s)",
                        millis(p99), severity == Severity.INFO ? "healthy, under 50 ms"
                                : severity == Severity.WARNING ? "warning, 50-200 ms" : "bad, above 200 ms"),
                        String.format(Locale.ROOT, "%d pauses, %s in total, max %s; collector %s.", gc.pauseCount(),
                                millis(gc.totalPauseMillis()), millis(gc.maxPauseMillis()),
                                gc.collector().isEmpty() ? "unknown" : gc.collector())));
            }
            List<ProfileReport.HotMethod> hot = targetProfile.cpu().topSelf();
            if (!hot.isEmpty()) {
                ProfileReport.HotMethod top = hot.get(0);
                findings.add(new ReportFinding(top.selfPercent() >= 50 ? Severity.WARNING : Severity.INFO,
                        String.format(Locale.ROOT, "Top hot method: %s, %.0f %% of CPU samples", top.method(),
                                top.selfPercent()),
                        String.format(Locale.ROOT, "%d of %d samples ended in it (%.0f %% passed through it); see the"
                                + " flame graph.", top.selfSamples(), targetProfile.cpu().sampleCount(), top.totalPercent())));
            }
        }
        memoryGrowth(rss).ifPresent(findings::add);
        if (selfProfile != null) {
            ProfileReport.ProcessCpu process = selfProfile.cpu().process();
            double gcP99 = selfProfile.gc().p99PauseMillis();
            boolean busy = process.maxJvmPercent() > CPU_BAD_PERCENT || gcP99 > GC_BAD_MILLIS;
            findings.add(new ReportFinding(busy ? Severity.WARNING : Severity.INFO,
                    String.format(Locale.ROOT, "Generator (Headroom's JVM): CPU at peak %.0f %%, %s",
                            process.maxJvmPercent(), selfProfile.gc().pauseCount() == 0 ? "no GC pause"
                                    : "GC pause p99 " + millis(gcP99)),
                    busy ? "The generator itself was busy: latencies may include its own delays."
                            : "The generator was not the bottleneck."));
        }
        return findings;
    }

    private static java.util.Optional<ReportFinding> memoryGrowth(List<MemoryGrowth.Point> rss) {
        // The first fifth of the run is warm-up: the JIT, class loading and the heap growing to its working size.
        // Resident memory rather than the heap after young collections, which also climbs in a healthy JVM as
        // short-lived objects are promoted early, until the next old collection.
        String what = "resident memory";
        List<MemoryGrowth.Point> points = rss.subList(rss.size() / 5, rss.size());
        MemoryGrowth fit = MemoryGrowth.fit(points);
        if (fit == null) return java.util.Optional.empty();
        String numbers = String.format(Locale.ROOT, "%s: %+.0f MB/hour, R² %.2f over %d samples in %.0f s"
                + " (least squares).", what, fit.megabytesPerHour(), fit.rSquared(), fit.points(), fit.spanSeconds());
        if (fit.looksLikeLeak()) {
            // Minutes into a run, a JVM whose heap is still growing to its working size climbs just like a leak.
            boolean soak = fit.spanSeconds() >= SOAK_SECONDS;
            return java.util.Optional.of(new ReportFinding(soak ? Severity.WARNING : Severity.INFO,
                    String.format(Locale.ROOT, "Possible leak: %+.0f MB/hour, R² %.2f%s", fit.megabytesPerHour(),
                            fit.rSquared(), soak ? "" : " (short run)"),
                    "The target's " + numbers + " It climbed steadily. " + (soak
                            ? "A heap dump (jcmd PID GC.heap_dump) taken twice, minutes apart, shows what grows."
                            : "Over a run this short a heap still growing to its working size looks the same;"
                            + " confirm with a soak run of 10 minutes or more.")));
        }
        return java.util.Optional.of(new ReportFinding(Severity.INFO, "No steady memory growth", "The target's " + numbers));
    }

    /** The per-second values of an untagged gauge, seconds from the run's start. */
    static List<MemoryGrowth.Point> series(RunResult result, String metric) {
        List<MemoryGrowth.Point> points = new ArrayList<>();
        for (IntervalPoint p : result.intervals()) {
            for (IntervalPoint.Series s : p.series()) {
                if (s.metric().equals(metric) && s.tags().isEmpty()) {
                    points.add(new MemoryGrowth.Point(p.offsetMillis() / 1000.0, s.last()));
                }
            }
        }
        return points;
    }

    private static double average(List<MemoryGrowth.Point> points) {
        return points.stream().mapToDouble(MemoryGrowth.Point::value).average().orElse(0);
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.1f ms" : "%.0f ms", millis);
    }
}
