package io.headroom.cli;

import io.headroom.core.metric.GaugeSeries;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.result.RunResult;
import io.headroom.profiler.AttachedRecording;
import io.headroom.profiler.ProcessMonitor;
import io.headroom.profiler.ProfilerException;
import io.headroom.profiler.analysis.JfrAnalyzer;
import io.headroom.profiler.analysis.Profile;
import io.headroom.profiler.analysis.ProfileJson;
import io.headroom.profiler.flame.FlameGraphHtml;
import io.headroom.report.ReportFinding;
import io.headroom.report.ReportSection;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One run's watch over the target (and optionally the generator): a sampler the engine calls once a second
 * that records the target's resources as gauges and starts and stops the JFR recordings at the edges of the
 * {@link SteadyWindow}; then {@link #finish} analyses the recordings and turns everything into findings,
 * report sections and files. Attaching and fetching recordings take seconds, so they run on a worker thread
 * of their own, never on the engine's interval thread. Used by one run; the sampler runs on the engine
 * thread, {@link #finish} on the caller's after the run.
 */
final class TargetObservation implements AutoCloseable {
    static final String CPU = "target_cpu_percent";
    static final String RSS = "target_rss_bytes";
    static final String THREADS = "target_threads";
    static final String OPEN_FILES = "target_open_files";
    /** The recording stops itself this long after the window's planned end, should Headroom die. */
    private static final Duration SAFETY_MARGIN = Duration.ofMinutes(2);

    private final ProcessMonitor monitor;
    private final PrometheusScraper scraper;
    private final Long profilePid;
    private final boolean profileSelf;
    private final SteadyWindow window;
    private final PrintWriter err;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "headroom-target-profiler");
        t.setDaemon(true);
        return t;
    });
    private final Recording target;
    private final Recording self;

    // engine thread only
    private GaugeSeries cpu, rss, threads, openFiles;
    private int ticks;
    private boolean startSubmitted;
    private boolean stopSubmitted;
    private volatile String monitorProblem;

    TargetObservation(ProcessMonitor monitor, PrometheusScraper scraper, Long profilePid, boolean profileSelf,
                      SteadyWindow window, PrintWriter err) {
        this.monitor = monitor;
        this.scraper = scraper;
        this.profilePid = profilePid;
        this.profileSelf = profileSelf;
        this.window = window;
        this.err = err;
        this.target = profilePid == null ? null : new Recording("pid " + profilePid);
        this.self = profileSelf ? new Recording("Headroom's own JVM") : null;
    }

    /** One JFR recording's life; its fields are touched only by the worker thread, then read after it ended. */
    private static final class Recording {
        final String label;
        AttachedRecording recording;
        Path jfrFile;
        String problem;
        long startedAtMillis;
        long stoppedAtMillis;

        Recording(String label) {
            this.label = label;
        }
    }

    /** Called by the engine once a second, just before each interval closes. */
    void sample(Metrics metrics) {
        ticks++;
        if (scraper != null) scraper.sample(metrics);
        if (monitor != null && monitorProblem == null) {
            if (cpu == null) {
                cpu = metrics.gauge(CPU, ValueType.DEFAULT, Tags.empty());
                rss = metrics.gauge(RSS, ValueType.DATA, Tags.empty());
                threads = metrics.gauge(THREADS, ValueType.DEFAULT, Tags.empty());
                openFiles = metrics.gauge(OPEN_FILES, ValueType.DEFAULT, Tags.empty());
            }
            try {
                ProcessMonitor.Sample s = monitor.sample();
                cpu.set(s.cpuPercent());
                rss.set(s.rssBytes());
                threads.set(s.threads());
                if (s.openFiles() >= 0) openFiles.set(s.openFiles());
            } catch (ProfilerException e) {
                monitorProblem = e.getMessage();
                err.println("headroom: --monitor-pid: " + e.getMessage() + "; monitoring stopped");
                err.flush();
            }
        }
        if (target == null && self == null) return;
        // Tick k closes the k-th second of the run (as counted by the engine), accurate to the second.
        Duration elapsed = Duration.ofSeconds(ticks);
        if (!startSubmitted && elapsed.compareTo(window.start()) >= 0) {
            startSubmitted = true;
            worker.execute(this::startRecordings);
        }
        if (startSubmitted && !stopSubmitted && elapsed.compareTo(window.end()) >= 0) {
            stopSubmitted = true;
            worker.execute(this::stopRecordings);
        }
    }

    private void startRecordings() {
        Duration limit = window.end().minus(window.start()).plus(SAFETY_MARGIN);
        if (target != null) {
            try {
                target.recording = AttachedRecording.start(profilePid, limit);
                target.startedAtMillis = System.currentTimeMillis();
            } catch (ProfilerException | RuntimeException e) {
                target.problem = e.getMessage();
            }
        }
        if (self != null) {
            try {
                self.recording = AttachedRecording.startInThisJvm(limit);
                self.startedAtMillis = System.currentTimeMillis();
            } catch (ProfilerException | RuntimeException e) {
                self.problem = e.getMessage();
            }
        }
    }

    private void stopRecordings() {
        for (Recording r : new Recording[] {target, self}) {
            if (r == null || r.recording == null) continue;
            try {
                Path file = Files.createTempFile("headroom-profile", ".jfr");
                r.recording.stopAndWrite(file);
                r.jfrFile = file;
                r.stoppedAtMillis = System.currentTimeMillis();
            } catch (ProfilerException | IOException | RuntimeException e) {
                r.problem = "could not fetch the recording: " + e.getMessage();
            } finally {
                r.recording.close();
                r.recording = null;
            }
        }
    }

    /** What the observation adds to the run's outputs. */
    record Outcome(List<ReportFinding> findings, List<ReportSection> sections, List<String> files) {}

    /**
     * After the run: stops recordings the run outlived, analyses them, writes {@code flame.html},
     * {@code profile.json} (and the {@code -self} pair) into {@code outputDir}, and returns the findings and
     * sections for the report. Problems (attach refused, run too short) are printed on {@code err} and become
     * findings; they never fail the run.
     */
    Outcome finish(RunResult result, Path outputDir) {
        if ((target != null || self != null) && startSubmitted && !stopSubmitted) {
            stopSubmitted = true;
            worker.execute(this::stopRecordings);
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(2, TimeUnit.MINUTES)) err.println("headroom: profiling did not finish in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ReportFinding> findings = new ArrayList<>();
        List<ReportSection> sections = new ArrayList<>();
        List<String> files = new ArrayList<>();
        Analysed targetProfile = analyse(target, outputDir, "flame.html", "profile.json", "Target", files, findings);
        Analysed selfProfile = analyse(self, outputDir, "flame-self.html", "profile-self.json", "Generator", files, findings);
        if (scraper != null && scraper.problem() != null) {
            findings.add(new ReportFinding(io.headroom.analysis.diagnose.Severity.WARNING, "Some scrapes of the target's metrics failed",
                    scraper.problem()));
        }
        if (monitorProblem != null) {
            findings.add(new ReportFinding(io.headroom.analysis.diagnose.Severity.WARNING, "Monitoring of pid " + monitor.pid()
                    + " stopped early", monitorProblem));
        }
        findings.addAll(TargetFindings.of(result, monitor == null ? 0 : monitor.cores(),
                targetProfile == null ? null : targetProfile.profile().report(),
                selfProfile == null ? null : selfProfile.profile().report()));
        if (monitor != null) sections.add(TargetSections.resources(result, monitor.pid(), monitor.cores()));
        if (targetProfile != null) {
            sections.add(TargetSections.profile("target-profile", "Target profile (pid " + profilePid + ")",
                    targetProfile.profile(), window, targetProfile.file()));
        }
        if (selfProfile != null) {
            sections.add(TargetSections.profile("generator-profile", "Generator profile (Headroom's own JVM)",
                    selfProfile.profile(), window, selfProfile.file()));
        }
        return new Outcome(findings, sections, files);
    }

    private record Analysed(Profile profile, String file) {}

    private Analysed analyse(Recording r, Path outputDir, String flameName, String jsonName, String who,
                             List<String> files, List<ReportFinding> findings) {
        if (r == null) return null;
        if (r.jfrFile == null) {
            String why = r.problem != null ? r.problem
                    : "the run ended before its steady part began (planned from " + window.start().toSeconds()
                    + " s); nothing was recorded";
            err.println("headroom: no profile of " + r.label + ": " + why);
            findings.add(new ReportFinding(io.headroom.analysis.diagnose.Severity.WARNING, who + " was not profiled", why));
            return null;
        }
        try {
            Profile profile = JfrAnalyzer.analyse(r.jfrFile);
            Path flame = outputDir.resolve(flameName);
            Path json = outputDir.resolve(jsonName);
            FlameGraphHtml.write(profile.cpuTrie(), "CPU flame graph: " + r.label, flame);
            ProfileJson.write(profile.report(), json);
            files.add(flame.toString());
            files.add(json.toString());
            return new Analysed(profile, flameName);
        } catch (IOException | RuntimeException e) {
            err.println("headroom: could not analyse the recording of " + r.label + ": " + e.getMessage());
            findings.add(new ReportFinding(io.headroom.analysis.diagnose.Severity.WARNING, who + " profile could not be analysed",
                    String.valueOf(e.getMessage())));
            return null;
        } finally {
            try {
                Files.deleteIfExists(r.jfrFile);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans it up
            }
        }
    }

    @Override
    public void close() {
        if (scraper != null) scraper.close();
        worker.shutdownNow();
        for (Recording r : new Recording[] {target, self}) {
            if (r != null && r.recording != null) r.recording.close();
        }
    }
}
