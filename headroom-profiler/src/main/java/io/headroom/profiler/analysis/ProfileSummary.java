package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.AllocationEntry;
import io.headroom.profiler.analysis.ProfileReport.ContendedMonitor;
import io.headroom.profiler.analysis.ProfileReport.GcProfile;
import io.headroom.profiler.analysis.ProfileReport.HeapAfterGc;
import io.headroom.profiler.analysis.ProfileReport.HeapPoint;
import io.headroom.profiler.analysis.ProfileReport.HotMethod;
import io.headroom.profiler.analysis.ProfileReport.IoEntry;
import io.headroom.profiler.analysis.ProfileReport.IoProfile;
import io.headroom.profiler.analysis.ProfileReport.ParkSite;
import io.headroom.profiler.analysis.ProfileReport.ThreadCpu;
import io.headroom.profiler.analysis.ProfileReport.WaitTotal;
import io.headroom.profiler.analysis.ProfileReport.WallClockProfile;

import java.util.List;
import java.util.Locale;

/**
 * The terminal summary of a {@link ProfileReport}: one short block per signal with its top findings, and
 * the report's warnings last so they are the last thing read. Plain text (no colour), lines under about
 * 100 columns. Stateless and thread-safe.
 */
public final class ProfileSummary {
    /** Rows shown per list; the JSON file has the full top lists. */
    public static final int DEFAULT_ROWS = 5;
    private static final int NAME_WIDTH = 64;

    private ProfileSummary() {}

    public static String render(ProfileReport report) {
        return render(report, DEFAULT_ROWS);
    }

    /** The summary with at most {@code rows} rows per list; ends with a newline. */
    public static String render(ProfileReport report, int rows) {
        StringBuilder out = new StringBuilder();
        header(out, report);
        cpu(out, report, rows);
        allocation(out, report, rows);
        gc(out, report.gc());
        heapAfterGc(out, report.heapAfterGc());
        locks(out, report, rows);
        wallClock(out, report.wallClock());
        io(out, report.io(), rows);
        threads(out, report.threads(), rows);
        if (!report.warnings().isEmpty()) {
            out.append('\n').append("Warnings\n");
            for (String warning : report.warnings()) out.append("  ! ").append(warning).append('\n');
        }
        return out.toString();
    }

    private static void header(StringBuilder out, ProfileReport report) {
        var r = report.recording();
        out.append("Profile");
        if (r.pid() > 0) out.append(" of pid ").append(r.pid());
        String jvm = (r.jvmName() + " " + shortVersion(r.jvmVersion())).trim();
        if (!jvm.isEmpty()) out.append(", ").append(jvm);
        out.append(", ").append(duration(r.durationMillis())).append(" recorded\n");
        if (!r.javaArguments().isEmpty()) out.append("  ").append(abbreviate(r.javaArguments(), 96)).append('\n');
    }

    private static void cpu(StringBuilder out, ProfileReport report, int rows) {
        var cpu = report.cpu();
        out.append('\n').append("CPU  ").append(count(cpu.sampleCount())).append(" samples");
        if (cpu.process().sampleCount() > 0) {
            out.append(", JVM ").append(pct(cpu.process().averageJvmPercent())).append(" of the machine on average (max ")
                    .append(pct(cpu.process().maxJvmPercent())).append(')');
        }
        out.append('\n');
        if (cpu.topSelf().isEmpty()) return;
        out.append(String.format(Locale.ROOT, "  %-" + NAME_WIDTH + "s %8s %8s%n", "hot methods (self time)", "self", "total"));
        for (HotMethod m : first(cpu.topSelf(), rows)) {
            out.append(String.format(Locale.ROOT, "  %-" + NAME_WIDTH + "s %8s %8s%n", abbreviate(m.method(), NAME_WIDTH),
                    pct(m.selfPercent()), pct(m.totalPercent())));
        }
    }

    private static void allocation(StringBuilder out, ProfileReport report, int rows) {
        var a = report.allocation();
        if (a.sampleCount() == 0) return;
        out.append('\n').append("Allocation  about ").append(bytes(a.totalWeightBytes())).append(" (")
                .append(count(a.sampleCount())).append(" samples)\n");
        entries(out, "top types", a.topTypes(), rows);
        entries(out, "top sites", a.topSites(), rows);
    }

    private static void entries(StringBuilder out, String title, List<AllocationEntry> entries, int rows) {
        if (entries.isEmpty()) return;
        out.append(String.format(Locale.ROOT, "  %-" + NAME_WIDTH + "s %8s %8s%n", title, "bytes", "share"));
        for (AllocationEntry e : first(entries, rows)) {
            out.append(String.format(Locale.ROOT, "  %-" + NAME_WIDTH + "s %8s %8s%n", abbreviate(e.name(), NAME_WIDTH),
                    bytes(e.weightBytes()), pct(e.percent())));
        }
    }

    private static void gc(StringBuilder out, GcProfile gc) {
        out.append('\n').append("GC  ");
        if (!gc.collector().isEmpty()) out.append(gc.collector()).append(": ");
        if (gc.pauseCount() == 0) {
            out.append("no collections while recording\n");
            return;
        }
        out.append(count(gc.pauseCount())).append(gc.pauseCount() == 1 ? " pause" : " pauses")
                .append(", total ").append(millis(gc.totalPauseMillis()))
                .append(", p50 ").append(millis(gc.p50PauseMillis()))
                .append(", p99 ").append(millis(gc.p99PauseMillis()))
                .append(", max ").append(millis(gc.maxPauseMillis())).append('\n');
    }

    private static void heapAfterGc(StringBuilder out, HeapAfterGc heap) {
        if (heap.points().isEmpty()) return;
        long lowest = Long.MAX_VALUE, highest = 0;
        for (HeapPoint p : heap.points()) {
            lowest = Math.min(lowest, p.usedBytes());
            highest = Math.max(highest, p.usedBytes());
        }
        out.append("  heap after GC: ").append(bytes(heap.points().get(0).usedBytes())).append(" first, ")
                .append(bytes(heap.points().getLast().usedBytes())).append(" last, ").append(bytes(lowest))
                .append(" to ").append(bytes(highest)).append(" over ").append(count(heap.collections()))
                .append(heap.collections() == 1 ? " collection" : " collections").append('\n');
    }

    private static void locks(StringBuilder out, ProfileReport report, int rows) {
        var locks = report.locks();
        if (locks.topMonitors().isEmpty() && locks.topParkSites().isEmpty()) return;
        out.append('\n').append("Locks and waits (10 ms or longer)\n");
        for (ContendedMonitor m : first(locks.topMonitors(), rows)) {
            out.append("  blocked on ").append(m.monitorClass()).append(": ").append(count(m.count())).append(" times, ")
                    .append(millis(m.totalBlockedMillis())).append(" total");
            if (!m.topSite().isEmpty()) out.append(", mostly in ").append(m.topSite());
            out.append('\n');
        }
        for (ParkSite p : first(locks.topParkSites(), rows)) {
            out.append("  parked in ").append(p.site()).append(": ").append(count(p.count())).append(" times, ")
                    .append(millis(p.totalParkedMillis())).append(" total\n");
        }
    }

    /** Running against waiting, so "slow, but the CPU is low" shows where the time went instead. */
    private static void wallClock(StringBuilder out, WallClockProfile wall) {
        if (wall.waits().isEmpty()) return;
        double total = wall.onCpuMillis() + wall.waitingMillis();
        out.append('\n').append("Wall clock  ").append(millis(total)).append(" of thread time: on CPU about ")
                .append(millis(wall.onCpuMillis())).append(" (").append(pct(Numbers.percent(wall.onCpuMillis(), total)))
                .append("), waiting ").append(millis(wall.waitingMillis())).append('\n');
        if (wall.observerWaitMillis() > 0) {
            out.append("  (left out: ").append(millis(wall.observerWaitMillis()))
                    .append(" of waits in JFR's and the attach connection's own threads)\n");
        }
        for (WaitTotal w : wall.waits()) {
            out.append(String.format(Locale.ROOT, "  %-20s %8s %8s  %s times, max %s%n", w.kind(), millis(w.totalMillis()),
                    pct(Numbers.percent(w.totalMillis(), total)), count(w.count()), millis(w.maxMillis())));
        }
    }

    private static void io(StringBuilder out, IoProfile io, int rows) {
        ioEntries(out, "Socket I/O (1 ms or longer) by remote host:port", io.sockets(), rows);
        ioEntries(out, "File I/O (1 ms or longer) by path", io.files(), rows);
    }

    private static void ioEntries(StringBuilder out, String title, List<IoEntry> entries, int rows) {
        if (entries.isEmpty()) return;
        out.append('\n').append(title).append('\n');
        for (IoEntry e : first(entries, rows)) {
            out.append("  ").append(abbreviate(e.name(), NAME_WIDTH)).append('\n');
            if (e.reads() > 0) {
                out.append("    read  ").append(count(e.reads())).append(" times, ").append(bytes(e.bytesRead()))
                        .append(", ").append(millis(e.readMillis())).append(" total, max ")
                        .append(millis(e.maxReadMillis())).append('\n');
            }
            if (e.writes() > 0) {
                out.append("    write ").append(count(e.writes())).append(" times, ").append(bytes(e.bytesWritten()))
                        .append(", ").append(millis(e.writeMillis())).append(" total, max ")
                        .append(millis(e.maxWriteMillis())).append('\n');
            }
        }
    }

    private static void threads(StringBuilder out, List<ThreadCpu> threads, int rows) {
        if (threads.isEmpty()) return;
        out.append('\n').append(String.format(Locale.ROOT, "  %-" + NAME_WIDTH + "s %8s %8s%n",
                "threads (CPU % of the machine)", "cpu", "samples"));
        for (ThreadCpu t : first(threads, rows)) {
            String cpu = t.cpuLoadSamples() == 0 ? "-" : pct(t.averageUserPercent() + t.averageSystemPercent());
            out.append(String.format(Locale.ROOT, "  %-" + NAME_WIDTH + "s %8s %8s%n", abbreviate(t.threadName(), NAME_WIDTH),
                    cpu, count(t.executionSamples())));
        }
    }

    private static <T> List<T> first(List<T> list, int n) {
        return list.subList(0, Math.min(n, list.size()));
    }

    /** Keeps the end of a long name: the class and method matter more than the package. */
    static String abbreviate(String s, int width) {
        return s.length() <= width ? s : "..." + s.substring(s.length() - (width - 3));
    }

    /**
     * The version number out of HotSpot's long version string, {@code OpenJDK 64-Bit Server VM (21.0.5+11)
     * for linux-amd64 JRE (21.0.5+11), built on ...}: the text in the first parentheses, else the string.
     */
    static String shortVersion(String jvmVersion) {
        int open = jvmVersion.indexOf('(');
        int close = jvmVersion.indexOf(')', open + 1);
        return open >= 0 && close > open ? jvmVersion.substring(open + 1, close) : jvmVersion;
    }

    static String pct(double percent) {
        return String.format(Locale.ROOT, "%.1f %%", percent);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String millis(double ms) {
        if (ms >= 10_000) return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        if (ms >= 100) return String.format(Locale.ROOT, "%.0f ms", ms);
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }

    static String duration(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static String bytes(long b) {
        if (b < 1024) return b + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
