package io.headroom.cli;

import io.headroom.core.engine.Engine;
import io.headroom.core.engine.RunSpec;
import io.headroom.profiler.ProcessMonitor;
import io.headroom.profiler.ProfilerException;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * {@code --monitor-pid}, {@code --profile-pid}, {@code --profile-self}: watch the system under test (and the
 * generator) during a run; a picocli mixin of {@code run}. Not thread-safe (picocli fills it once).
 */
final class TargetOptions {
    @Option(names = "--monitor-pid", paramLabel = "PID",
            description = "Sample this local process every second (CPU %, resident memory, threads, open files; Linux)"
                    + " into the run's series as target_cpu_percent, target_rss_bytes, target_threads, target_open_files.")
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

    boolean any() {
        return monitorPid != null || profilePid != null || profileSelf;
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
        TargetObservation observation = new TargetObservation(monitor, profilePid, profileSelf, SteadyWindow.of(spec), err);
        engine.addSampler(observation::sample);
        return observation;
    }
}
