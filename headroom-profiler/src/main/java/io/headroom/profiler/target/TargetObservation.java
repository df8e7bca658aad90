package io.headroom.profiler.target;

import io.headroom.core.metric.GaugeSeries;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.profiler.AttachedRecording;
import io.headroom.profiler.HeapAfterGcSampler;
import io.headroom.profiler.ProcessMonitor;
import io.headroom.profiler.ProfilerException;
import io.headroom.profiler.analysis.JfrAnalyzer;
import io.headroom.profiler.analysis.Profile;
import io.headroom.profiler.analysis.ProfileJson;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.flame.FlameGraphHtml;

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
 * {@link SteadyWindow}; then {@link #finish} analyses the recordings, writes their files and tells what it
 * observed ({@link ObservedTarget}); the gauges are in the run's own results ({@link TargetSeries}). Attaching and fetching recordings take seconds, so they run on a worker thread
 * of their own, never on the engine's interval thread. Used by one run; the sampler runs on the engine
 * thread, {@link #finish} on the caller's after the run.
 */
public final class TargetObservation implements AutoCloseable {
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
    private final HeapAfterGcSampler heapSampler; // null without a monitored process

    // engine thread only
    private GaugeSeries cpu, rss, threads, openFiles;
    private int ticks;
    private boolean startSubmitted;
    private boolean stopSubmitted;
    private volatile String monitorProblem;

    /**
     * Watches with {@code monitor} (resources once a second; may be null) and {@code scraper} (started; may be
     * null), records the JVM {@code profilePid} (may be null) and, with {@code profileSelf}, this one during
     * {@code window}; problems go to {@code err} as they happen.
     */
    public TargetObservation(ProcessMonitor monitor, PrometheusScraper scraper, Long profilePid, boolean profileSelf,
                             SteadyWindow window, PrintWriter err) {
        this.monitor = monitor;
        this.scraper = scraper;
        this.profilePid = profilePid;
        this.profileSelf = profileSelf;
        this.window = window;
        this.err = err;
        this.target = profilePid == null ? null : new Recording("pid " + profilePid);
        this.self = profileSelf ? new Recording("Headroom's own JVM") : null;
        // Off the engine thread: attaching takes up to seconds and a JMX call may block on a dying target.
        this.heapSampler = monitor == null ? null : HeapAfterGcSampler.start(monitor.pid(), err);
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
    public void sample(Metrics metrics) {
        ticks++;
        if (scraper != null) scraper.sample(metrics);
        if (monitor != null && monitorProblem == null) {
            if (cpu == null) {
                cpu = metrics.gauge(TargetSeries.CPU, ValueType.DEFAULT, Tags.empty());
                rss = metrics.gauge(TargetSeries.RSS, ValueType.DATA, Tags.empty());
                threads = metrics.gauge(TargetSeries.THREADS, ValueType.DEFAULT, Tags.empty());
                openFiles = metrics.gauge(TargetSeries.OPEN_FILES, ValueType.DEFAULT, Tags.empty());
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

    /**
     * After the run: stops recordings the run outlived, analyses them, writes {@code flame.html},
     * {@code flame-wall.html}, {@code profile.json} (and the {@code -self} set) into {@code outputDir}, and tells what was observed.
     * Problems (attach refused, run too short) are printed on {@code err} and listed; they never fail the run.
     */
    public ObservedTarget finish(Path outputDir) {
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
        List<ObservedTarget.Problem> problems = new ArrayList<>();
        List<String> files = new ArrayList<>();
        ObservedTarget.RecordedProfile targetProfile = analyse(target, outputDir, "flame.html", "profile.json", "Target",
                files, problems);
        ObservedTarget.RecordedProfile selfProfile = analyse(self, outputDir, "flame-self.html", "profile-self.json",
                "Generator", files, problems);
        if (scraper != null && scraper.problem() != null) {
            problems.add(new ObservedTarget.Problem("Some scrapes of the target's metrics failed", scraper.problem()));
        }
        if (monitorProblem != null) {
            problems.add(new ObservedTarget.Problem("Monitoring of pid " + monitor.pid() + " stopped early", monitorProblem));
        }
        ProfileReport.HeapAfterGc monitoredHeap = null;
        String heapProblem = null;
        if (heapSampler != null) {
            monitoredHeap = heapSampler.finish();
            heapProblem = heapSampler.problem();
            if (!heapSampler.attached()) {
                monitoredHeap = null;
                if (heapProblem == null) heapProblem = "could not attach: the run ended before attaching to pid "
                        + monitor.pid() + " finished"; // still attaching when finish stopped it
            }
        }
        return new ObservedTarget(monitor == null ? null : monitor.pid(), monitor == null ? 0 : monitor.cores(),
                profilePid, window, targetProfile, selfProfile, problems, files, monitoredHeap, heapProblem);
    }

    private ObservedTarget.RecordedProfile analyse(Recording r, Path outputDir, String flameName, String jsonName,
                                                   String who, List<String> files, List<ObservedTarget.Problem> problems) {
        if (r == null) return null;
        if (r.jfrFile == null) {
            String why = r.problem != null ? r.problem
                    : "the run ended before its steady part began (planned from " + window.start().toSeconds()
                    + " s); nothing was recorded";
            err.println("headroom: no profile of " + r.label + ": " + why);
            problems.add(new ObservedTarget.Problem(who + " was not profiled", why));
            return null;
        }
        try {
            Profile profile = JfrAnalyzer.analyse(r.jfrFile);
            Path flame = outputDir.resolve(flameName);
            Path json = outputDir.resolve(jsonName);
            Path wall = outputDir.resolve(flameName.replace(".html", "-wall.html"));
            FlameGraphHtml.write(profile.cpuTrie(), "CPU flame graph: " + r.label, flame);
            FlameGraphHtml.write(profile.wallTrie(), "Wall-clock flame graph: " + r.label, "ms", wall);
            ProfileJson.write(profile.report(), json);
            files.add(flame.toString());
            files.add(wall.toString());
            files.add(json.toString());
            return new ObservedTarget.RecordedProfile(profile, flameName);
        } catch (IOException | RuntimeException e) {
            err.println("headroom: could not analyse the recording of " + r.label + ": " + e.getMessage());
            problems.add(new ObservedTarget.Problem(who + " profile could not be analysed", String.valueOf(e.getMessage())));
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
        if (heapSampler != null) heapSampler.finish();
        worker.shutdownNow();
        for (Recording r : new Recording[] {target, self}) {
            if (r != null && r.recording != null) r.recording.close();
        }
    }
}
