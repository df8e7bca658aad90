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
 * (a least-squares slope of the target's resident memory after the first fifth of the run, flagged as a
 * possible leak when it climbs steadily, see {@link MemoryGrowth#looksLikeLeak()}) and the generator's own
 * load. Apart from {@link Diagnosis}, whose findings are the run's alone: these need the observation. Stateless.
 */
public final class TargetDiagnosis {
    static final double CPU_WARNING_PERCENT = 70;
    static final double CPU_BAD_PERCENT = 85;
    static final double GC_WARNING_MILLIS = 50;
    static final double GC_BAD_MILLIS = 200;
    /** Growth measured over at least this long is a soak run's: a steady climb is then worth a warning. */
    static final double SOAK_SECONDS = 600;

    private TargetDiagnosis() {}

    /** Every finding on what {@code observed} saw during {@code result}: its problems, then the rules'; never null. */
    public static List<Finding> of(RunResult result, ObservedTarget observed) {
        List<Finding> findings = new ArrayList<>();
        for (ObservedTarget.Problem p : observed.problems()) {
            findings.add(Finding.described(Rule.TARGET_OBSERVATION, Severity.WARNING, p.title(), p.detail()));
        }
        findings.addAll(of(result, observed.cores(),
                observed.target() == null ? null : observed.target().profile().report(),
                observed.generator() == null ? null : observed.generator().profile().report()));
        return findings;
    }

    /** {@code targetProfile} and {@code selfProfile} may be null; {@code cores} is 0 when the target was not monitored. */
    static List<Finding> of(RunResult result, int cores, ProfileReport targetProfile, ProfileReport selfProfile) {
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
        memoryGrowth(rss).ifPresent(findings::add);
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

    private static java.util.Optional<Finding> memoryGrowth(List<TargetSeries.Point> rss) {
        // The first fifth of the run is warm-up: the JIT, class loading and the heap growing to its working size.
        // Resident memory rather than the heap after young collections, which also climbs in a healthy JVM as
        // short-lived objects are promoted early, until the next old collection.
        String what = "resident memory";
        List<TargetSeries.Point> points = rss.subList(rss.size() / 5, rss.size());
        MemoryGrowth fit = MemoryGrowth.fit(points);
        if (fit == null) return java.util.Optional.empty();
        String numbers = String.format(Locale.ROOT, "%s: %+.0f MB/hour, R² %.2f over %d samples in %.0f s"
                + " (least squares).", what, fit.megabytesPerHour(), fit.rSquared(), fit.points(), fit.spanSeconds());
        if (fit.looksLikeLeak()) {
            // Minutes into a run, a JVM whose heap is still growing to its working size climbs just like a leak.
            boolean soak = fit.spanSeconds() >= SOAK_SECONDS;
            return java.util.Optional.of(Finding.described(Rule.TARGET_MEMORY_GROWTH, soak ? Severity.WARNING : Severity.INFO,
                    String.format(Locale.ROOT, "Possible leak: %+.0f MB/hour, R² %.2f%s", fit.megabytesPerHour(),
                            fit.rSquared(), soak ? "" : " (short run)"),
                    "The target's " + numbers + " It climbed steadily. " + (soak
                            ? "A heap dump (jcmd PID GC.heap_dump) taken twice, minutes apart, shows what grows."
                            : "Over a run this short a heap still growing to its working size looks the same;"
                            + " confirm with a soak run of 10 minutes or more.")));
        }
        return java.util.Optional.of(Finding.described(Rule.TARGET_MEMORY_GROWTH, Severity.INFO, "No steady memory growth", "The target's " + numbers));
    }

    private static double average(List<TargetSeries.Point> points) {
        return points.stream().mapToDouble(TargetSeries.Point::value).average().orElse(0);
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.1f ms" : "%.0f ms", millis);
    }
}
