package io.headroom.cli;

import io.headroom.core.engine.Engine;
import io.headroom.core.engine.RunSpec;
import io.headroom.profiler.ProcessMonitor;
import io.headroom.profiler.ProfilerException;
import io.headroom.profiler.target.PrometheusScraper;
import io.headroom.profiler.target.SteadyWindow;
import io.headroom.profiler.target.TargetObservation;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code --monitor-pid}, {@code --monitor-prometheus}, {@code --profile-pid}, {@code --profile-self}: watch the system under test (and the
 * generator) during a run; a picocli mixin of {@code run}. Not thread-safe (picocli fills it once).
 */
final class TargetOptions {
    @Option(names = "--monitor-pid", paramLabel = "PID",
            description = "Sample this local process every second (CPU %, resident memory, threads, open files; Linux)"
                    + " into the run's series as target_cpu_percent, target_rss_bytes, target_threads, target_open_files;"
                    + " for a JVM Headroom can attach to, also its heap after each GC over JMX, for the leak check.")
    Long monitorPid;

    @Option(names = "--profile-pid", paramLabel = "PID",
            description = "Record this local JVM with JDK Flight Recorder during the steady part of the run (after the"
                    + " ramp-up, before the ramp-down) and put its flame graph, hot methods and GC pauses into the"
                    + " report; writes flame.html and profile.json next to the other outputs.")
    Long profilePid;

    @Option(names = "--profile-self",
            description = "Record Headroom's own JVM the same way (flame-self.html, profile-self.json), to show the"
                    + " generator was not the bottleneck.")
    boolean profileSelf;

    @Option(names = "--monitor-prometheus", paramLabel = "URL",
            description = "Scrape this Prometheus text endpoint of the target every second during the run and record"
                    + " the metrics named by --monitor-metric as gauges target_<name> (labels become tags).")
    URI monitorPrometheus;

    @Option(names = "--monitor-metric", paramLabel = "NAME",
            description = "A metric to take from --monitor-prometheus, e.g. jvm_memory_used_bytes. Repeatable.")
    List<String> monitorMetrics = new ArrayList<>();

    boolean any() {
        return monitorPid != null || profilePid != null || profileSelf || monitorPrometheus != null;
    }

    /**
     * Checks the options and hooks the observation into {@code engine}; null when nothing was asked. A usage
     * error when a pid names no process.
     */
    TargetObservation start(Engine engine, RunSpec spec, PrintWriter err) {
        if (!any()) return null;
        ProcessMonitor monitor = null;
        if (monitorPid != null) {
            try {
                monitor = ProcessMonitor.open(monitorPid);
            } catch (ProfilerException e) {
                throw new UsageException("--monitor-pid: " + e.getMessage());
            }
        }
        if (profilePid != null && (profilePid <= 0 || ProcessHandle.of(profilePid).isEmpty())) {
            throw new UsageException("--profile-pid: there is no running process with pid " + profilePid);
        }
        PrometheusScraper scraper = null;
        if (monitorPrometheus != null) {
            scraper = startScraper();
        } else if (!monitorMetrics.isEmpty()) {
            throw new UsageException("--monitor-metric needs --monitor-prometheus URL");
        }
        TargetObservation observation = new TargetObservation(monitor, scraper, profilePid, profileSelf,
                SteadyWindow.of(spec), err);
        engine.addSampler(observation::sample);
        return observation;
    }

    private PrometheusScraper startScraper() {
        String scheme = monitorPrometheus.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || monitorPrometheus.getHost() == null) {
            throw new UsageException("--monitor-prometheus needs an http:// or https:// URL, got " + monitorPrometheus);
        }
        if (monitorMetrics.isEmpty()) {
            throw new UsageException("--monitor-prometheus needs at least one --monitor-metric NAME to record");
        }
        PrometheusScraper scraper = new PrometheusScraper(monitorPrometheus, Set.copyOf(monitorMetrics));
        try {
            scraper.start();
        } catch (IOException | RuntimeException e) {
            scraper.close();
            throw new UsageException("--monitor-prometheus: cannot scrape " + monitorPrometheus + ": " + e.getMessage());
        }
        return scraper;
    }
}
